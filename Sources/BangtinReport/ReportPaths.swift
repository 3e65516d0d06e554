import BangtinCore

/// Where a board's reports go under the configured `report.url`: `<board>/status.json`,
/// `<board>/screen.png` and `<board>/plays/<batch-id>.ndjson`.
public enum ReportPaths {
    /// The board's folder: `baseURL` with one slash, then the board id and a slash.
    ///
    /// A second line of defence behind the configuration's check: percent-encoding did not stop
    /// nginx from resolving `x%2F..%2Fboard-a` into another board's folder, so an id outside
    /// `SafeIdentifier`'s characters makes no URL at all.
    /// - Throws: `ReportPathError` naming the id and the rule.
    public static func folder(baseURL: String, board: String) throws(ReportPathError) -> String {
        if let problem = SafeIdentifier.problem(with: board, at: "board") {
            throw ReportPathError(description: "\(problem); no report URL was made from it")
        }
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return "\(base)/\(encode(board))/"
    }

    /// `text` safe as one path segment: every byte but RFC 3986's unreserved ones
    /// (letters, digits, "-", ".", "_", "~") percent-encoded, UTF-8 first; "." and ".." too
    /// (a server would take them as this folder and the one above).
    public static func encode(_ text: String) -> String {
        if text == "." || text == ".." { return String(repeating: "%2E", count: text.count) }
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let digits = Array("0123456789ABCDEF".unicodeScalars)
                encoded.unicodeScalars.append(contentsOf: ["%", digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            }
        }
        return encoded
    }
}

/// A board id that cannot name a folder on the report server.
public struct ReportPathError: Error, Sendable, CustomStringConvertible {
    /// What was wrong and what was done: the id, the rule, no URL made.
    public var description: String
}
