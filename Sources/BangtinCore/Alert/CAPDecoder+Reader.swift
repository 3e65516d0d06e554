/// The CAP children of one element, read by name, each problem named by its element's path
/// and line. Children in other namespaces (extensions, signatures) are never looked at.
struct CAPReader {
    let element: XMLElementNode
    let path: String

    init(_ element: XMLElementNode, path: String) {
        self.element = element
        self.path = path
    }

    /// A problem at `path`, with the line of `node`.
    static func problem(_ path: String, _ message: String, _ node: XMLElementNode) -> Problem {
        Problem(path: path, message: "\(message) (line \(node.line))")
    }

    /// Every child named `name`, with its indexed path (`alert.info[1]`).
    func all(_ name: String) -> [(node: XMLElementNode, path: String)] {
        element.children(named: name, namespace: element.namespace).enumerated().map { ($1, "\(path).\(name)[\($0)]") }
    }

    /// The one child named `name`; a second one is a problem.
    func one(_ name: String, required: Bool = false, _ problems: inout [Problem]) -> XMLElementNode? {
        let found = element.children(named: name, namespace: element.namespace)
        if found.count > 1 {
            problems.append(Self.problem("\(path).\(name)", "appears \(found.count) times; CAP allows one", found[1]))
        }
        if found.isEmpty && required {
            problems.append(
                Self.problem("\(path).\(name)", "is required: <\(element.qualifiedName)> has no <\(name)>", element))
        }
        return found.first
    }

    /// The trimmed text of the one child `name`, as a board can show it; an empty element is
    /// as good as none.
    func text(
        _ name: String, required: Bool = false, maxCharacters: Int = Limits.textCharacters, _ problems: inout [Problem]
    ) -> String? {
        textAndNode(name, required: required, maxCharacters: maxCharacters, &problems)?.text
    }

    private func textAndNode(
        _ name: String, required: Bool, maxCharacters: Int, _ problems: inout [Problem]
    ) -> (text: String, node: XMLElementNode)? {
        guard let node = one(name, required: required, &problems) else { return nil }
        let text = Self.trimmed(node.text)
        if text.isEmpty {
            if required { problems.append(Self.problem("\(path).\(name)", "is required, found it empty", node)) }
            return nil
        }
        if let problem = TextRules.problem(with: text, maxCharacters: maxCharacters) {
            problems.append(Self.problem("\(path).\(name)", problem, node))
            return nil
        }
        return (text, node)
    }

    /// `identifier` or `sender`: required, and without the spaces, commas, `<` and `&` CAP
    /// forbids in them (references are written with spaces and commas between).
    func identifier(_ name: String, _ problems: inout [Problem]) -> String? {
        guard let (text, node) = textAndNode(name, required: true, maxCharacters: 1_000, &problems) else { return nil }
        if let bad = text.first(where: { $0.isWhitespace || $0 == "," || $0 == "<" || $0 == "&" }) {
            let what = bad.isWhitespace ? "white space" : "'\(bad)'"
            problems.append(Self.problem("\(path).\(name)", "holds \(what), which CAP forbids in it", node))
            return nil
        }
        return text
    }

    /// A child whose text must be one of an enumeration's values.
    func choice<E: RawRepresentable & CaseIterable>(
        _ name: String, _ type: E.Type, required: Bool, aliases: [String: E] = [:], _ problems: inout [Problem]
    ) -> E? where E.RawValue == String {
        guard let node = one(name, required: required, &problems) else { return nil }
        let text = Self.trimmed(node.text)
        if let value = E(rawValue: text) ?? aliases[text] { return value }
        let options = E.allCases.map(\.rawValue).joined(separator: ", ")
        let found = TextRules.printable(text, limit: 60)
        problems.append(Self.problem("\(path).\(name)", "unknown value \"\(found)\" (expected \(options))", node))
        return nil
    }

    /// A child holding an instant with a UTC offset, as CAP requires.
    func time(_ name: String, required: Bool = false, _ problems: inout [Problem]) -> Instant? {
        guard let node = one(name, required: required, &problems) else { return nil }
        switch WarningRules.instant(Self.trimmed(node.text)) {
        case .success(let instant): return instant
        case .failure(let failure):
            problems.append(Self.problem("\(path).\(name)", failure.message, node))
            return nil
        }
    }

    /// Text without the XML white space around it (the indentation of pretty-printed CAP).
    static func trimmed(_ text: String) -> String {
        let isSpace: (Unicode.Scalar) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(scalars[first...last])
    }
}
