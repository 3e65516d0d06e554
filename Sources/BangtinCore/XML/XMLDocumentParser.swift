/// A bounded XML 1.0 parser with namespaces, for documents that arrive from outside (CAP
/// warnings). Foundation's `XMLParser` is not used: it is libxml2, a C library in the pure
/// core, and its entity handling differs between platforms.
///
/// It reads elements, attributes, text and CDATA sections; it skips comments and processing
/// instructions; it resolves `xmlns` and `xmlns:p` declarations to each name's namespace URI.
/// It replaces the five predefined entities and character references, and nothing else: a
/// DOCTYPE is refused, so no entity, internal or external, is ever declared or expanded.
/// The document's size, nesting, element count, attributes and text are bounded (`XMLBounds`),
/// each byte is looked at a bounded number of times (linear time), and every error names the
/// line and column.
public struct XMLDocumentParser {
    static let doctypeRefused = "DOCTYPE not allowed: external entities are never resolved"

    let bytes: [UInt8]
    let bounds: XMLBounds
    var index = 0
    private var elementCount = 0
    private var namespaces = XMLNamespaceScope()
    /// Where positions were last counted: bytes are counted once, however many elements a
    /// line holds.
    private var cursor = (index: 0, line: 1, column: 1)

    /// Parses a whole document, in any encoding `XMLEncoding` reads.
    /// - Returns: the root element, its descendants within.
    /// - Throws: `XMLSyntaxError` naming the line and column of the first problem.
    public static func parse(_ bytes: [UInt8], bounds: XMLBounds = .alert) throws(XMLSyntaxError) -> XMLElementNode {
        guard bytes.count <= bounds.documentBytes else {
            throw XMLSyntaxError(
                line: 1, column: 1, reason: "the document is \(bytes.count) bytes, over the limit of \(bounds.documentBytes)")
        }
        let (text, _) = try XMLEncoding.decode(bytes)
        var parser = XMLDocumentParser(bytes: text, bounds: bounds)
        return try parser.parseDocument()
    }

    /// Parses a document held in a string.
    public static func parse(_ text: String, bounds: XMLBounds = .alert) throws(XMLSyntaxError) -> XMLElementNode {
        try parse(Array(text.utf8), bounds: bounds)
    }

    private init(bytes: [UInt8], bounds: XMLBounds) {
        self.bytes = bytes
        self.bounds = bounds
    }

    // MARK: Document

    private mutating func parseDocument() throws(XMLSyntaxError) -> XMLElementNode {
        try checkCharacters()
        if matches("<?xml"), bytes.count > 5, XMLBytes.isSpace(bytes[5]) { try skip(past: "?>", "XML declaration") }
        var root: XMLElementNode?
        while true {
            skipSpace()
            guard let byte = peek else { break }
            if matches("<!--") {
                try skip(past: "-->", "comment")
            } else if matches("<?") {
                try skipProcessingInstruction()
            } else if isDoctype {
                throw error(Self.doctypeRefused)
            } else if matches("<!") {
                throw error("unexpected '<!' markup outside the root element")
            } else if byte == UInt8(ascii: "<") && root == nil {
                root = try parseElement(depth: 1)
            } else if let root {
                throw error("unexpected content after the root element </\(root.qualifiedName)>")
            } else {
                throw error("expected the root element, found \(describe(byte))")
            }
        }
        guard let root else { throw error("the document has no root element") }
        return root
    }

    /// Refuses the characters XML 1.0 does not allow (§2.2): C0 controls but tab and line
    /// feed (carriage returns are gone by now), U+FFFE and U+FFFF.
    private mutating func checkCharacters() throws(XMLSyntaxError) {
        for (offset, byte) in bytes.enumerated() {
            if byte < 0x20 && byte != 0x09 && byte != 0x0A {
                throw error("control character \(TextRules.codePoint(Unicode.Scalar(byte))) is not allowed in XML", at: offset)
            }
            if byte == 0xEF, offset + 2 < bytes.count, bytes[offset + 1] == 0xBF, bytes[offset + 2] >= 0xBE {
                throw error("U+FFFE and U+FFFF are not allowed in XML", at: offset)
            }
        }
    }

    // MARK: Elements

    private mutating func parseElement(depth: Int) throws(XMLSyntaxError) -> XMLElementNode {
        let start = index
        let (line, column) = position(start)
        elementCount += 1
        guard elementCount <= bounds.elements else { throw error("more than \(bounds.elements) elements", at: start) }
        guard depth <= bounds.depth else { throw error("elements nested more than \(bounds.depth) deep", at: start) }
        index += 1
        let qualifiedName = try parseName("an element name")
        var (raw, selfClosing) = try parseAttributes(of: qualifiedName)
        let mark = namespaces.mark
        defer { namespaces.pop(to: mark) }
        for attribute in raw where attribute.name == "xmlns" || attribute.name.hasPrefix("xmlns:") {
            let prefix = attribute.name == "xmlns" ? "" : String(attribute.name.dropFirst(6))
            if let problem = namespaces.declare(prefix: prefix, uri: attribute.value) { throw error(problem, at: attribute.at) }
        }
        raw.removeAll { $0.name == "xmlns" || $0.name.hasPrefix("xmlns:") }
        let (name, namespace) = try resolve(qualifiedName, isElement: true, at: start)
        var attributes: [XMLAttributeNode] = []
        var seen = Set<[String]>()
        for attribute in raw {
            let (local, uri) = try resolve(attribute.name, isElement: false, at: attribute.at)
            guard seen.insert([local, uri]).inserted else {
                throw error("attribute \(attribute.name) names the same attribute as another", at: attribute.at)
            }
            attributes.append(XMLAttributeNode(name: local, namespace: uri, value: attribute.value))
        }
        var node = XMLElementNode(
            name: name, namespace: namespace, qualifiedName: qualifiedName, attributes: attributes, line: line, column: column)
        if !selfClosing { try parseContent(of: &node, depth: depth) }
        return node
    }

    /// Attributes up to the end of a start tag, and whether it was `/>`.
    private mutating func parseAttributes(of element: String) throws(XMLSyntaxError) -> (
        [(name: String, value: String, at: Int)], Bool
    ) {
        var attributes: [(name: String, value: String, at: Int)] = []
        var names = Set<String>()
        while true {
            let spaced = skipSpace()
            guard let byte = peek else { throw error("the start tag <\(element)> does not end") }
            if byte == UInt8(ascii: ">") {
                index += 1
                return (attributes, false)
            }
            if matches("/>") {
                index += 2
                return (attributes, true)
            }
            guard spaced else {
                throw error("expected white space, '>' or '/>' in the start tag <\(element)>, found \(describe(byte))")
            }
            let at = index
            let name = try parseName("an attribute name")
            skipSpace()
            guard peek == UInt8(ascii: "=") else { throw error("expected '=' after the attribute \(name)") }
            index += 1
            skipSpace()
            let value = try parseAttributeValue()
            guard names.insert(name).inserted else { throw error("the attribute \(name) appears twice", at: at) }
            guard attributes.count < bounds.attributesPerElement else {
                throw error("more than \(bounds.attributesPerElement) attributes on <\(element)>", at: at)
            }
            attributes.append((name, value, at))
        }
    }

    /// Text, CDATA, child elements, comments and processing instructions up to the end tag.
    private mutating func parseContent(of node: inout XMLElementNode, depth: Int) throws(XMLSyntaxError) {
        var text: [UInt8] = []
        while true {
            guard let byte = peek else {
                throw XMLSyntaxError(
                    line: node.line, column: node.column, reason: "<\(node.qualifiedName)> is never closed")
            }
            if byte == UInt8(ascii: "&") {
                try appendReference(to: &text)
            } else if byte != UInt8(ascii: "<") {
                let run = index
                while index < bytes.count && bytes[index] != UInt8(ascii: "<") && bytes[index] != UInt8(ascii: "&") {
                    index += 1
                }
                guard text.count + index - run <= bounds.textBytes else { throw textTooLong(node) }
                text.append(contentsOf: bytes[run..<index])
            } else if matches("</") {
                try parseEndTag(of: node)
                break
            } else if matches("<!--") {
                try skip(past: "-->", "comment")
            } else if matches("<![CDATA[") {
                try appendCDATA(to: &text)
            } else if matches("<?") {
                try skipProcessingInstruction()
            } else if isDoctype {
                throw error(Self.doctypeRefused)
            } else if matches("<!") {
                throw error("unexpected '<!' markup: only comments and CDATA sections may stand inside an element")
            } else {
                node.children.append(try parseElement(depth: depth + 1))
            }
            guard text.count <= bounds.textBytes else { throw textTooLong(node) }
        }
        node.text = String(decoding: text, as: UTF8.self)
    }

    private mutating func parseEndTag(of node: XMLElementNode) throws(XMLSyntaxError) {
        let start = index
        index += 2
        let name = try parseName("an end tag name")
        skipSpace()
        guard peek == UInt8(ascii: ">") else { throw error("expected '>' to end </\(name)") }
        guard name == node.qualifiedName else {
            throw error(
                "the end tag </\(name)> does not match <\(node.qualifiedName)> (line \(node.line), column \(node.column))",
                at: start)
        }
        index += 1
    }

    private mutating func textTooLong(_ node: XMLElementNode) -> XMLSyntaxError {
        error("the text inside <\(node.qualifiedName)> is over \(bounds.textBytes) bytes")
    }

    /// A qualified name's local part and namespace URI; an undeclared prefix is refused.
    private mutating func resolve(_ qualifiedName: String, isElement: Bool, at offset: Int) throws(XMLSyntaxError) -> (
        String, String
    ) {
        let parts = qualifiedName.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, !parts.contains(where: \.isEmpty) else {
            throw error("\"\(qualifiedName)\" is not a name Namespaces in XML allow (one ':' between two parts)", at: offset)
        }
        guard parts.count == 2 else {
            // Unprefixed attributes are in no namespace; unprefixed elements in the default one.
            return (qualifiedName, isElement ? namespaces.uri(of: "") ?? "" : "")
        }
        guard let uri = namespaces.uri(of: String(parts[0])) else {
            throw error("the namespace prefix \"\(parts[0])\" of \(qualifiedName) is not declared", at: offset)
        }
        return (String(parts[1]), uri)
    }

    // MARK: Positions

    /// The line and column of a byte offset (counted once per byte as the parse moves on).
    mutating func position(_ offset: Int) -> (line: Int, column: Int) {
        if offset < cursor.index { cursor = (0, 1, 1) }
        var (i, line, column) = cursor
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        cursor = (i, line, column)
        return (line, column)
    }

    mutating func error(_ reason: String, at offset: Int? = nil) -> XMLSyntaxError {
        let (line, column) = position(offset ?? index)
        return XMLSyntaxError(line: line, column: column, reason: reason)
    }
}
