extension CAPDecoder {
    /// The `parameter` names whose value is the Vietnamese disaster risk level, 1 to 5 (any case).
    public static let riskLevelParameters = ["capDoRuiRo", "riskLevel"]

    /// One `info` block; nil when a required part is missing or wrong (the problems say which).
    static func info(_ reader: CAPReader, _ problems: inout [Problem]) -> WarningInfo? {
        let before = problems.count
        let language = reader.text("language", maxCharacters: 35, &problems) ?? "en-US"
        let categories = reader.all("category")
        if categories.isEmpty {
            problems.append(
                CAPReader.problem("\(reader.path).category", "is required: <info> has no <category>", reader.element))
        }
        for (node, path) in categories where Category(rawValue: CAPReader.trimmed(node.text)) == nil {
            let options = Category.allCases.map(\.rawValue).joined(separator: ", ")
            let found = TextRules.printable(CAPReader.trimmed(node.text), limit: 60)
            problems.append(CAPReader.problem(path, "unknown value \"\(found)\" (expected \(options))", node))
        }
        let event = reader.text("event", required: true, &problems)
        let urgency = reader.choice("urgency", WarningInfo.Urgency.self, required: true, &problems)
        let severity = reader.choice("severity", WarningInfo.Severity.self, required: true, &problems)
        // "Very Likely" is CAP 1.0's, still sent by CAP 1.1 feeds.
        let certainty = reader.choice(
            "certainty", WarningInfo.Certainty.self, required: true, aliases: ["Very Likely": .likely], &problems)
        var info = WarningInfo(language: language)
        info.effective = reader.time("effective", &problems)
        info.onset = reader.time("onset", &problems)
        info.expires = reader.time("expires", &problems)
        if let effective = info.effective, let expires = info.expires, expires <= effective {
            let node = reader.element.children(named: "expires", namespace: reader.element.namespace).first ?? reader.element
            problems.append(
                CAPReader.problem("\(reader.path).expires", "is not after effective: the warning would never show", node))
        }
        info.senderName = reader.text("senderName", &problems) ?? ""
        info.headline = reader.text("headline", &problems) ?? ""
        info.description = reader.text("description", maxCharacters: Limits.alertTextCharacters, &problems) ?? ""
        info.instruction = reader.text("instruction", maxCharacters: Limits.alertTextCharacters, &problems) ?? ""
        info.riskLevel = riskLevel(reader, &problems)
        for (node, path) in reader.all("area") {
            if let area = area(CAPReader(node, path: path), &problems) { info.areas.append(area) }
        }
        guard problems.count == before, let event, let urgency, let severity, let certainty else { return nil }
        info.event = event
        info.urgency = urgency
        info.severity = severity
        info.certainty = certainty
        return info
    }

    /// The risk level a `parameter` named `capDoRuiRo` or `riskLevel` gives, if one does.
    private static func riskLevel(_ reader: CAPReader, _ problems: inout [Problem]) -> RiskLevel? {
        var level: RiskLevel?
        for (node, path) in reader.all("parameter") {
            let parameter = CAPReader(node, path: path)
            guard let name = parameter.one("valueName", &problems).map({ CAPReader.trimmed($0.text) }),
                riskLevelParameters.contains(where: { $0.lowercased() == name.lowercased() })
            else { continue }
            let text = parameter.one("value", &problems).map { CAPReader.trimmed($0.text) } ?? ""
            guard let number = Int(text), let given = RiskLevel(number) else {
                let found = TextRules.printable(text, limit: 40)
                problems.append(CAPReader.problem("\(path).value", "the risk level must be 1 to 5, found \"\(found)\"", node))
                continue
            }
            if let level, level != given {
                problems.append(
                    CAPReader.problem("\(path).value", "a second risk level, \(given), differs from the first, \(level)", node))
            }
            level = level ?? given
        }
        return level
    }

    /// CAP `category`: checked, not kept.
    enum Category: String, CaseIterable {
        case geo = "Geo", met = "Met", safety = "Safety", security = "Security", rescue = "Rescue", fire = "Fire"
        case health = "Health", env = "Env", transport = "Transport", infra = "Infra", cbrne = "CBRNE", other = "Other"
    }
}
