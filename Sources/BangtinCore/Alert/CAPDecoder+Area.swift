extension CAPDecoder {
    /// The `geocode` name whose values are Vietnamese administrative unit codes (Decision
    /// 19/2025/QĐ-TTg: 2-digit provinces, 5-digit communes), matched in any case. Geocodes
    /// of other names (SAME, FIPS6, UGC…) are ignored.
    public static let administrativeCodeName = WarningRules.administrativeCodeName

    /// One `area`: its description, polygons, circles and Vietnamese codes.
    static func area(_ reader: CAPReader, _ problems: inout [Problem]) -> WarningArea? {
        let before = problems.count
        var area = WarningArea()
        area.description = reader.text("areaDesc", required: true, &problems) ?? ""
        for (node, path) in reader.all("polygon") {
            let text = CAPReader.trimmed(node.text)
            if text.isEmpty { continue }
            switch ring(text) {
            case .success(let ring): area.polygons.append(ring)
            case .failure(let failure): problems.append(CAPReader.problem(path, failure.message, node))
            }
        }
        for (node, path) in reader.all("circle") {
            switch circle(CAPReader.trimmed(node.text)) {
            case .success(let circle): area.circles.append(circle)
            case .failure(let failure): problems.append(CAPReader.problem(path, failure.message, node))
            }
        }
        for (node, path) in reader.all("geocode") {
            let geocode = CAPReader(node, path: path)
            let name = geocode.one("valueName", required: true, &problems).map { CAPReader.trimmed($0.text) }
            let value = geocode.one("value", required: true, &problems).map { CAPReader.trimmed($0.text) }
            guard let name, name.lowercased() == administrativeCodeName.lowercased(), let value else { continue }
            if let problem = WarningRules.codeProblem(value) {
                problems.append(CAPReader.problem("\(path).value", problem, node))
            } else {
                area.codes.append(value)
            }
        }
        return problems.count == before ? area : nil
    }

    /// `latitude,longitude latitude,longitude …`, closed.
    private static func ring(_ text: String) -> Result<[GeoPoint], WarningRules.Failure> {
        var ring: [GeoPoint] = []
        for pair in text.split(whereSeparator: { $0.isWhitespace }) {
            switch WarningRules.point(pair) {
            case .success(let point): ring.append(point)
            case .failure(let failure): return .failure(failure)
            }
        }
        if let problem = WarningRules.ringProblem(ring) { return .failure(.init(problem)) }
        return .success(ring)
    }

    /// `latitude,longitude radius`, the radius in kilometres.
    private static func circle(_ text: String) -> Result<(center: GeoPoint, radiusKilometres: Double), WarningRules.Failure> {
        let parts = text.split(whereSeparator: { $0.isWhitespace })
        let words = "\"\(TextRules.printable(text, limit: 60))\" is not a circle \"latitude,longitude radius\" (radius in km)"
        guard parts.count == 2, let radius = WarningRules.decimal(parts[1]) else { return .failure(.init(words)) }
        if let problem = WarningRules.radiusProblem(radius) { return .failure(.init(problem)) }
        return WarningRules.point(parts[0]).map { ($0, radius) }
    }
}
