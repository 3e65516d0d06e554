/// Text from the network made safe to print in a log line or on a terminal.
///
/// A key id from an envelope held an escape sequence that repainted the operator's terminal,
/// and a newline that forged a `headline:` line in `alert check`'s output. Whatever a server, a
/// broker or a signed-but-untrusted envelope says goes through `escaped` before it is printed.
public enum PrintableText {
    /// `text` with every control character written out as `\u{…}` and cut past `limit`
    /// characters with `…`.
    ///
    /// Written out: C0 controls (newline and tab included: one value is one line), DEL, C1
    /// controls, the Unicode bidirectional controls (U+200E, U+200F, U+061C, U+202A–U+202E,
    /// U+2066–U+2069: they reorder what follows on the line) and the line and paragraph
    /// separators U+2028, U+2029. Everything else printable is kept as it is, Vietnamese with
    /// its combining marks included. A backslash is kept as it is: an escape in the text itself
    /// reads the same as one written here, and both are harmless.
    /// - Parameters:
    ///   - text: What was received.
    ///   - limit: The most characters (grapheme clusters) kept.
    public static func escaped(_ text: String, limit: Int = 200) -> String {
        var out = ""
        var count = 0
        // A letter may carry many marks: the scalars kept are bounded too.
        var scalars = 0
        let scalarLimit = max(limit, 0) * 8
        for character in text {
            if count >= limit { return out + "…" }
            for scalar in character.unicodeScalars {
                if scalars >= scalarLimit { return out + "…" }
                if isWrittenOut(scalar) {
                    out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
                scalars += 1
            }
            count += 1
        }
        return out
    }

    /// Whether `scalar` is written out by `escaped` rather than printed.
    public static func isWrittenOut(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }
}
