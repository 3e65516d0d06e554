/// Breaks text into lines no wider than a limit, at spaces, breaking inside a word only when
/// the word alone is wider than the limit. Measuring is injected so this stays pure.
public enum TextWrapping {
    /// The lines of `text`: one or more per paragraph (`\n`), runs of spaces collapsed.
    /// - Parameters:
    ///   - maxWidth: the widest a line may be, or nil for no wrapping.
    ///   - measure: the width in pixels of a line of text.
    public static func lines(of text: String, maxWidth: Int?, measure: (String) -> Int) -> [String] {
        let paragraphs = text.split(separator: "\n", omittingEmptySubsequences: false)
        var lines: [String] = []
        for paragraph in paragraphs {
            let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
            guard let maxWidth else {
                lines.append(words.joined(separator: " "))
                continue
            }
            var current = ""
            for word in words {
                let candidate = current.isEmpty ? word : current + " " + word
                if measure(candidate) <= maxWidth {
                    current = candidate
                    continue
                }
                if !current.isEmpty { lines.append(current) }
                current = ""
                if measure(word) <= maxWidth {
                    current = word
                } else {
                    var pieces = breakWord(word, maxWidth: maxWidth, measure: measure)
                    current = pieces.removeLast()
                    lines.append(contentsOf: pieces)
                }
            }
            lines.append(current)
        }
        return lines
    }

    /// Splits one over-wide word between characters (grapheme clusters, so marks stay on their letter).
    private static func breakWord(_ word: String, maxWidth: Int, measure: (String) -> Int) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in word {
            let candidate = current + String(character)
            if current.isEmpty || measure(candidate) <= maxWidth {
                current = candidate
            } else {
                pieces.append(current)
                current = String(character)
            }
        }
        pieces.append(current)
        return pieces
    }
}
