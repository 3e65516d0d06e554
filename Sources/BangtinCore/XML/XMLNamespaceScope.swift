/// The namespace prefixes in scope while a document is read: each prefix's bindings as a
/// stack, so finding a URI costs the same at any depth.
struct XMLNamespaceScope {
    /// The URI bound to the `xml` prefix by the Namespaces in XML recommendation.
    static let xml = "http://www.w3.org/XML/1998/namespace"
    /// The URI of namespace declarations themselves, which no prefix may be bound to.
    static let xmlns = "http://www.w3.org/2000/xmlns/"

    private var bindings: [String: [String]] = ["xml": [xml]]
    private var declared: [String] = []

    /// Where the declarations of an element start, for `pop(to:)` when it ends.
    var mark: Int { declared.count }

    /// Binds `prefix` (empty: the default namespace) to `uri` until `pop(to:)`.
    /// - Returns: why the declaration is not allowed, or nil.
    mutating func declare(prefix: String, uri: String) -> String? {
        if prefix == "xmlns" { return "the prefix xmlns cannot be declared" }
        if prefix == "xml" && uri != Self.xml { return "the prefix xml cannot be bound to another namespace" }
        if prefix != "xml" && (uri == Self.xml || uri == Self.xmlns) { return "\"\(uri)\" is reserved" }
        if !prefix.isEmpty && uri.isEmpty { return "the prefix \(prefix) cannot be bound to an empty namespace" }
        bindings[prefix, default: []].append(uri)
        declared.append(prefix)
        return nil
    }

    /// Ends the declarations made since `mark`.
    mutating func pop(to mark: Int) {
        while declared.count > mark {
            let prefix = declared.removeLast()
            bindings[prefix]?.removeLast()
        }
    }

    /// The URI a prefix is bound to: for the empty prefix the default namespace, or "" when
    /// there is none; nil for a prefix never declared.
    func uri(of prefix: String) -> String? {
        if let uri = bindings[prefix]?.last { return uri }
        return prefix.isEmpty ? "" : nil
    }
}
