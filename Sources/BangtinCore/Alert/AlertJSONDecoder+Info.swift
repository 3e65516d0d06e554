extension AlertJSONDecoder {
    /// One element of `info`; nil when it has a problem (recorded).
    static func info(_ node: JSONNode, path: String, _ problems: inout [Problem]) -> WarningInfo? {
        let before = problems.count
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        var info = WarningInfo()
        info.language = reader.string("language", maxCharacters: 35, problems: &problems) ?? "vi-VN"
        info.event = reader.string("event", required: true, problems: &problems) ?? ""
        info.urgency = reader.choice("urgency", WarningInfo.Urgency.self, problems: &problems) ?? .unknown
        let severity = required(
            reader.choice("severity", WarningInfo.Severity.self, problems: &problems), &reader, "severity", &problems)
        info.severity = severity ?? .unknown
        info.certainty = reader.choice("certainty", WarningInfo.Certainty.self, problems: &problems) ?? .unknown
        info.riskLevel = reader.integer("riskLevel", in: 1...5, problems: &problems).flatMap(RiskLevel.init)
        info.effective = instant(&reader, "effective", &problems)
        info.onset = instant(&reader, "onset", &problems)
        info.expires = instant(&reader, "expires", &problems)
        if let effective = info.effective, let expires = info.expires, expires <= effective {
            problems.append(
                Problem(path: reader.pathOf("expires"), message: "is not after effective: the warning would never show"))
        }
        info.senderName = reader.string("senderName", problems: &problems) ?? ""
        info.headline = reader.string("headline", problems: &problems) ?? ""
        let long = Limits.alertTextCharacters
        info.description = reader.string("description", maxCharacters: long, problems: &problems) ?? ""
        info.instruction = reader.string("instruction", maxCharacters: long, problems: &problems) ?? ""
        for (index, node) in (reader.array("areas", problems: &problems) ?? []).enumerated() {
            if let area = area(node, path: JSONPath.element(reader.pathOf("areas"), index), &problems) {
                info.areas.append(area)
            }
        }
        reader.reportUnknownKeys(problems: &problems)
        return problems.count == before ? info : nil
    }

    /// One element of `areas`.
    static func area(_ node: JSONNode, path: String, _ problems: inout [Problem]) -> WarningArea? {
        let before = problems.count
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        var area = WarningArea()
        area.description = reader.string("description", required: true, problems: &problems) ?? ""
        for (index, node) in (reader.array("codes", maxCount: 10_000, problems: &problems) ?? []).enumerated() {
            let codePath = JSONPath.element(reader.pathOf("codes"), index)
            guard case .string(let code) = node.value else {
                problems.append(Problem(path: codePath, message: "must be a string, found \(node.typeName)"))
                continue
            }
            if let problem = WarningRules.codeProblem(code) {
                problems.append(Problem(path: codePath, message: problem))
            } else {
                area.codes.append(code)
            }
        }
        for (index, node) in (reader.array("polygons", maxCount: 100, problems: &problems) ?? []).enumerated() {
            if let ring = polygon(node, path: JSONPath.element(reader.pathOf("polygons"), index), &problems) {
                area.polygons.append(ring)
            }
        }
        for (index, node) in (reader.array("circles", maxCount: 100, problems: &problems) ?? []).enumerated() {
            guard var circle = ObjectReader(node, path: JSONPath.element(reader.pathOf("circles"), index), problems: &problems),
                let center = point(&circle, &problems)
            else { continue }
            let radius = circle.number("radiusKm", required: true, problems: &problems)
            circle.reportUnknownKeys(problems: &problems)
            guard let radius else { continue }
            if let problem = WarningRules.radiusProblem(radius) {
                problems.append(Problem(path: circle.pathOf("radiusKm"), message: problem))
            } else {
                area.circles.append((center, radius))
            }
        }
        reader.reportUnknownKeys(problems: &problems)
        return problems.count == before ? area : nil
    }

    /// A closed ring of `{"lat", "lon"}` points.
    private static func polygon(_ node: JSONNode, path: String, _ problems: inout [Problem]) -> [GeoPoint]? {
        guard case .array(let nodes) = node.value else {
            problems.append(Problem(path: path, message: "must be an array of points, found \(node.typeName)"))
            return nil
        }
        guard nodes.count <= 10_000 else {
            problems.append(Problem(path: path, message: "must hold at most 10000 points (found \(nodes.count))"))
            return nil
        }
        var ring: [GeoPoint] = []
        for (index, node) in nodes.enumerated() {
            guard var reader = ObjectReader(node, path: JSONPath.element(path, index), problems: &problems) else { return nil }
            let point = point(&reader, &problems)
            reader.reportUnknownKeys(problems: &problems)
            guard let point else { return nil }
            ring.append(point)
        }
        if let problem = WarningRules.ringProblem(ring) {
            problems.append(Problem(path: path, message: problem))
            return nil
        }
        return ring
    }

    /// `lat` and `lon` of an object, in degrees.
    private static func point(_ reader: inout ObjectReader, _ problems: inout [Problem]) -> GeoPoint? {
        let latitude = reader.number("lat", required: true, problems: &problems)
        let longitude = reader.number("lon", required: true, problems: &problems)
        guard let latitude, let longitude else { return nil }
        if let problem = WarningRules.pointProblem(latitude: latitude, longitude: longitude) {
            problems.append(Problem(path: reader.path, message: problem))
            return nil
        }
        return GeoPoint(latitude: latitude, longitude: longitude)
    }
}
