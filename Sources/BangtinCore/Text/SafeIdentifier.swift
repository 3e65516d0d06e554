/// The one character set for identifiers that end up in file names, URLs and MQTT topics:
/// board ids, bundle names and key ids.
///
/// An identifier is 1 to 64 characters of `A–Z a–z 0–9 . _ -`, not starting with `.` or `-`.
/// So it holds no `/`, no `..` as a whole, no `%`, no space, no control character and no MQTT
/// wildcard: a board id `x/../board-a` went into a report URL as `x%2F..%2Fboard-a`, which nginx
/// decoded and resolved, and overwrote another board's `status.json`. Percent-encoding is not
/// a defence a server is bound to honour; a name that needs no encoding is.
public enum SafeIdentifier {
    /// The most characters an identifier may hold.
    public static let maxLength = 64

    /// The rule in words, for messages and help.
    public static let rule =
        "may hold only letters A–Z a–z, digits, '.', '_' and '-' (1–\(maxLength), not starting with '.' or '-')"

    /// Whether `text` is a safe identifier.
    public static func isSafe(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...maxLength).contains(bytes.count), let first = bytes.first else { return false }
        guard first != UInt8(ascii: ".") && first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy(isAllowed)
    }

    /// The problem with `text` as the identifier at `path` (a JSON path or an option such as
    /// `--bundle`), or nil when it is safe.
    /// - Parameters:
    ///   - text: The identifier as configured or received.
    ///   - path: Where it came from, named first in the message.
    ///   - use: Why the rule matters here, ending the message.
    /// - Returns: e.g. `board: "x/../board-a" may hold only letters … : it names files on the source system`.
    public static func problem(
        with text: String, at path: String, use: String = "it names files on the source system"
    ) -> Problem? {
        guard !isSafe(text) else { return nil }
        return Problem(path: path, message: "\"\(PrintableText.escaped(text, limit: 80))\" \(rule): \(use)")
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }
}
