/// Reads the native JSON alert (`docs/alerts.md`, `docs/alert.schema.json`): CAP's fields
/// in a flat object a provincial office can write by hand, every problem named by JSON path
/// (`info[0].areas[1].circles[0].radiusKm`).
public enum AlertJSONDecoder {
    /// The format version a document declares in `version`.
    public static let version = 1

    /// Decodes a JSON alert.
    /// - Returns: the message, or nil and every problem found.
    public static func decode(_ bytes: [UInt8]) -> (message: WarningMessage?, problems: [Problem]) {
        guard bytes.count <= Limits.alertBytes else {
            return (nil, [Problem(path: "", message: "is \(bytes.count) bytes, over the limit of \(Limits.alertBytes)")])
        }
        var problems: [Problem] = []
        guard var top = ObjectReader.document(bytes, problems: &problems) else { return (nil, problems) }
        if let given = top.integer("version", required: true, problems: &problems), given != version {
            problems.append(Problem(path: "version", message: "unknown version \(given) (expected \(version))"))
        }
        let identifier = Self.identifier(&top, "identifier", &problems)
        let sender = Self.identifier(&top, "sender", &problems)
        let sent = instant(&top, "sent", required: true, &problems)
        let status = required(top.choice("status", WarningMessage.Status.self, problems: &problems), &top, "status", &problems)
        let kind = required(top.choice("msgType", WarningMessage.Kind.self, problems: &problems), &top, "msgType", &problems)
        var references: [WarningMessage.Reference] = []
        for (index, node) in (top.array("references", problems: &problems) ?? []).enumerated() {
            guard var entry = ObjectReader(node, path: JSONPath.element("references", index), problems: &problems) else {
                continue
            }
            let sender = Self.identifier(&entry, "sender", &problems)
            let identifier = Self.identifier(&entry, "identifier", &problems)
            let sent = instant(&entry, "sent", &problems)
            entry.reportUnknownKeys(problems: &problems)
            if let sender, let identifier { references.append(.init(sender: sender, identifier: identifier, sent: sent)) }
        }
        var infos: [WarningInfo] = []
        for (index, node) in (top.array("info", maxCount: 32, problems: &problems) ?? []).enumerated() {
            if let info = info(node, path: JSONPath.element("info", index), &problems) { infos.append(info) }
        }
        top.reportUnknownKeys(problems: &problems)
        guard problems.isEmpty, let identifier, let sender, let sent, let status, let kind else { return (nil, problems) }
        let message = WarningMessage(
            identifier: identifier, sender: sender, sent: sent, status: status, kind: kind, references: references,
            infos: infos)
        return (message, [])
    }

    /// An `identifier` or `sender`: required, without the white space and commas CAP forbids.
    static func identifier(_ reader: inout ObjectReader, _ key: String, _ problems: inout [Problem]) -> String? {
        guard let text = reader.string(key, required: true, maxCharacters: 1_000, problems: &problems) else { return nil }
        if text.isEmpty || text.contains(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == "&" }) {
            problems.append(
                Problem(path: reader.pathOf(key), message: "must be non-empty, without white space, commas, '<' or '&'"))
            return nil
        }
        return text
    }

    /// An instant with a UTC offset.
    static func instant(
        _ reader: inout ObjectReader, _ key: String, required: Bool = false, _ problems: inout [Problem]
    ) -> Instant? {
        guard let text = reader.string(key, required: required, maxCharacters: 64, problems: &problems) else { return nil }
        switch WarningRules.instant(text) {
        case .success(let instant): return instant
        case .failure(let failure):
            problems.append(Problem(path: reader.pathOf(key), message: failure.message))
            return nil
        }
    }

    /// A choice that must be there: "is required" when missing (a wrong value says so itself).
    static func required<T>(
        _ value: T?, _ reader: inout ObjectReader, _ key: String, _ problems: inout [Problem]
    ) -> T? {
        guard value == nil else { return value }
        switch reader.node(key)?.value {
        case nil: problems.append(Problem(path: reader.pathOf(key), message: "is required"))
        case .null?: problems.append(Problem(path: reader.pathOf(key), message: "is required, found null"))
        default: break
        }
        return value
    }
}
