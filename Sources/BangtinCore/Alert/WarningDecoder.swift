/// Reads a warning in either format a board accepts: CAP 1.2 XML or the native JSON alert
/// (`docs/alerts.md`), told apart by their first character.
public enum WarningDecoder {
    /// Decodes a warning document: XML when it starts with `<` (after a byte order mark and
    /// white space, or in UTF-16), JSON when it starts with `{`.
    /// - Returns: the message, or nil and every problem found, by element or JSON path.
    public static func decode(_ bytes: [UInt8]) -> (message: WarningMessage?, problems: [Problem]) {
        guard bytes.count <= Limits.alertBytes else {
            return (nil, [Problem(path: "", message: "is \(bytes.count) bytes, over the limit of \(Limits.alertBytes)")])
        }
        switch format(of: bytes) {
        case .cap: return CAPDecoder.decode(bytes)
        case .json: return AlertJSONDecoder.decode(bytes)
        case nil:
            let message = "is neither a CAP 1.2 XML document (starting with '<') nor a JSON alert (starting with '{')"
            return (nil, [Problem(path: "", message: message)])
        }
    }

    /// The two formats.
    public enum Format: Sendable {
        /// CAP 1.2 XML.
        case cap
        /// The native JSON alert.
        case json
    }

    /// Which format `bytes` look like, from their first character; nil for neither.
    public static func format(of bytes: [UInt8]) -> Format? {
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { return .cap }
        if bytes.starts(with: [0x00, 0x3C]) || bytes.starts(with: [0x3C, 0x00]) { return .cap }
        var rest = bytes[...]
        if rest.starts(with: [0xEF, 0xBB, 0xBF]) { rest = rest.dropFirst(3) }
        let first = rest.first { !XMLBytes.isSpace($0) }
        switch first {
        case UInt8(ascii: "<"): return .cap
        case UInt8(ascii: "{"): return .json
        default: return nil
        }
    }
}
