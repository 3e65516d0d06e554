/// Reads an OASIS CAP 1.2 message into a `WarningMessage`, or names every problem by the path
/// of its element (`alert.info[0].area[1].circle[0]`) and line.
///
/// The root must be `alert` in CAP 1.2's namespace (CAP 1.1's is read the same way: what a
/// board shows did not change). Elements the model does not hold (`resource`, `eventCode`,
/// `note`, an XML signature…) are skipped, within the parser's bounds. An empty `polygon`, as
/// some US feeds send, is skipped too. Details in `docs/alerts.md`.
public enum CAPDecoder {
    /// The namespace of CAP 1.2.
    public static let namespace = "urn:oasis:names:tc:emergency:cap:1.2"
    /// The namespaces read: CAP 1.2's and CAP 1.1's.
    public static let namespaces = [namespace, "urn:oasis:names:tc:emergency:cap:1.1"]

    /// Decodes a CAP document in any encoding `XMLEncoding` reads.
    /// - Returns: the message, or nil and every problem found.
    public static func decode(_ bytes: [UInt8]) -> (message: WarningMessage?, problems: [Problem]) {
        do {
            return decode(try XMLDocumentParser.parse(bytes))
        } catch {
            return (nil, [Problem(path: "", message: "invalid XML at \(error.description)")])
        }
    }

    /// Decodes a parsed CAP document.
    public static func decode(_ root: XMLElementNode) -> (message: WarningMessage?, problems: [Problem]) {
        guard root.name == "alert" else {
            let message = "the root element is <\(root.qualifiedName)> (line \(root.line)); a CAP message is an <alert>"
            return (nil, [Problem(path: "", message: message)])
        }
        guard namespaces.contains(root.namespace) else {
            let found = root.namespace.isEmpty ? "is in no namespace" : "is in the namespace \"\(root.namespace)\""
            let message = "\(found), not CAP 1.2's: write <alert xmlns=\"\(namespace)\"> (line \(root.line))"
            return (nil, [Problem(path: "alert", message: message)])
        }
        var problems: [Problem] = []
        let reader = CAPReader(root, path: "alert")
        let identifier = reader.identifier("identifier", &problems)
        let sender = reader.identifier("sender", &problems)
        let sent = reader.time("sent", required: true, &problems)
        let status = reader.choice("status", WarningMessage.Status.self, required: true, &problems)
        let kind = reader.choice("msgType", WarningMessage.Kind.self, required: true, &problems)
        _ = reader.choice("scope", Scope.self, required: true, &problems)
        let references = reader.one("references", &problems).map { self.references($0, &problems) } ?? []
        var infos: [WarningInfo] = []
        for (node, path) in reader.all("info") {
            if let info = Self.info(CAPReader(node, path: path), &problems) { infos.append(info) }
        }
        guard problems.isEmpty, let identifier, let sender, let sent, let status, let kind else { return (nil, problems) }
        let message = WarningMessage(
            identifier: identifier, sender: sender, sent: sent, status: status, kind: kind, references: references,
            infos: infos)
        return (message, [])
    }

    /// `references`: space-separated `sender,identifier,sent` triples.
    private static func references(_ node: XMLElementNode, _ problems: inout [Problem]) -> [WarningMessage.Reference] {
        var references: [WarningMessage.Reference] = []
        for (number, entry) in node.text.split(whereSeparator: { $0.isWhitespace }).enumerated() {
            let parts = entry.split(separator: ",", omittingEmptySubsequences: false)
            let words = "entry \(number + 1), \"\(TextRules.printable(String(entry), limit: 80))\""
            guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty else {
                problems.append(CAPReader.problem("alert.references", "\(words), is not sender,identifier,sent", node))
                continue
            }
            switch WarningRules.instant(String(parts[2])) {
            case .success(let sent):
                references.append(.init(sender: String(parts[0]), identifier: String(parts[1]), sent: sent))
            case .failure(let failure):
                problems.append(CAPReader.problem("alert.references", "\(words): \(failure.message)", node))
            }
        }
        return references
    }

    /// CAP `scope`: checked, not kept (a board shows what reaches it).
    enum Scope: String, CaseIterable {
        case `public` = "Public", restricted = "Restricted", `private` = "Private"
    }
}
