/// What a string in content may hold: text a board can show, of a bounded length.
///
/// A control character blanked a whole text item when drawn and U+0000 silently cut it; a
/// letter carrying thousands of combining marks took a minute to set; a megabyte of ticker
/// text needed gigabytes of pixels. Each is refused when content is read, by JSON path.
public enum TextRules {
    /// Why `text` is not acceptable, or nil when it is.
    /// - Parameter maxCharacters: the most characters (grapheme clusters) it may hold.
    public static func problem(with text: String, maxCharacters: Int = Limits.textCharacters) -> String? {
        // Counting characters means finding their boundaries: bound the work by scalars first.
        let scalarBound = maxCharacters * (1 + Limits.marksPerCharacter)
        if text.unicodeScalars.count > scalarBound {
            return "must be at most \(maxCharacters) characters (found \(text.unicodeScalars.count) code points)"
        }
        var count = 0
        for character in text {
            count += 1
            for scalar in character.unicodeScalars where isRefusedControl(scalar) {
                return
                    "control character \(codePoint(scalar)) at character \(count) (text may hold line breaks, \\n, and tabs only)"
            }
            let marks = character.unicodeScalars.count - 1
            if marks > Limits.marksPerCharacter {
                return "character \(count) carries \(marks) combining marks (at most \(Limits.marksPerCharacter) on one letter)"
            }
        }
        if count > maxCharacters { return "must be at most \(maxCharacters) characters (found \(count))" }
        return nil
    }

    /// C0 and C1 control characters other than a line break and a tab (U+0000 included).
    static func isRefusedControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control && scalar != "\n" && scalar != "\t"
    }

    /// `U+001B`.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `text` made safe to print in a message: control characters (and the bidirectional
    /// controls and line separators `PrintableText` writes out) written as `U+001B`, and cut
    /// to `limit` characters (a message must not repaint a terminal, reorder a line or fill a log).
    public static func printable(_ text: String, limit: Int = 200) -> String {
        var out = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit { return out + "…" }
            if scalar.properties.generalCategory == .control || PrintableText.isWrittenOut(scalar) {
                out += "<" + codePoint(scalar) + ">"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }
}
