/// One element of a parsed XML document, with its namespace resolved and where it stood.
///
/// The text of mixed content is kept as one string (the character data directly inside the
/// element, CDATA included, in order); the documents read here (CAP) hold either text or
/// elements, never both.
public struct XMLElementNode: Hashable, Sendable {
    /// The local name (`alert` for `<cap:alert>`).
    public var name: String
    /// The namespace URI the name's prefix (or the default namespace) is bound to; empty when
    /// none is.
    public var namespace: String
    /// The name as written (`cap:alert`), for messages.
    public var qualifiedName: String
    /// The attributes in source order, namespace declarations (`xmlns`, `xmlns:p`) left out.
    public var attributes: [XMLAttributeNode]
    /// The child elements in source order.
    public var children: [XMLElementNode]
    /// The character data directly inside, entities and character references replaced.
    public var text: String
    /// 1-based line of the element's `<`.
    public var line: Int
    /// 1-based column (in characters) of the element's `<`.
    public var column: Int

    /// Creates an element.
    public init(
        name: String, namespace: String = "", qualifiedName: String? = nil, attributes: [XMLAttributeNode] = [],
        children: [XMLElementNode] = [], text: String = "", line: Int = 0, column: Int = 0
    ) {
        self.name = name
        self.namespace = namespace
        self.qualifiedName = qualifiedName ?? name
        self.attributes = attributes
        self.children = children
        self.text = text
        self.line = line
        self.column = column
    }

    /// The children with this local name in this namespace.
    public func children(named name: String, namespace: String) -> [XMLElementNode] {
        children.filter { $0.name == name && $0.namespace == namespace }
    }

    /// The value of an attribute, by local name and namespace (unprefixed attributes have none).
    public func attribute(_ name: String, namespace: String = "") -> String? {
        attributes.first { $0.name == name && $0.namespace == namespace }?.value
    }
}

/// One attribute of an element.
public struct XMLAttributeNode: Hashable, Sendable {
    /// The local name.
    public var name: String
    /// The namespace URI of its prefix; empty for an unprefixed attribute.
    public var namespace: String
    /// The value, references replaced and white space normalized as XML 1.0 says (§3.3.3).
    public var value: String

    /// Creates an attribute.
    public init(name: String, namespace: String = "", value: String) {
        self.name = name
        self.namespace = namespace
        self.value = value
    }
}
