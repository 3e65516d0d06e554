/// How much an XML document may hold before the parser refuses it: every bound is checked as
/// the document is read, so no input costs more than a known time and memory.
public struct XMLBounds: Hashable, Sendable {
    /// Bytes of the document as received.
    public var documentBytes: Int
    /// Nesting of elements (the root is at depth 1).
    public var depth: Int
    /// Elements in the whole document.
    public var elements: Int
    /// Attributes of one element, namespace declarations included.
    public var attributesPerElement: Int
    /// Bytes (UTF-8) of the text directly inside one element, or of one attribute value.
    public var textBytes: Int

    /// Creates bounds.
    public init(documentBytes: Int, depth: Int, elements: Int, attributesPerElement: Int, textBytes: Int) {
        self.documentBytes = documentBytes
        self.depth = depth
        self.elements = elements
        self.attributesPerElement = attributesPerElement
        self.textBytes = textBytes
    }

    /// The bounds of a warning document (`Limits.alertBytes` and the `Limits.xml…` values).
    public static let alert = XMLBounds(
        documentBytes: Limits.alertBytes, depth: Limits.xmlDepth, elements: Limits.xmlElements,
        attributesPerElement: Limits.xmlAttributesPerElement, textBytes: Limits.xmlTextBytes)
}

/// Why an XML document was refused, with the line and column where reading stopped.
public struct XMLSyntaxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int
    /// What was wrong.
    public var reason: String

    /// Creates an error.
    public init(line: Int, column: Int, reason: String) {
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `line 3, column 7: reason`.
    public var description: String { "line \(line), column \(column): \(reason)" }
}
