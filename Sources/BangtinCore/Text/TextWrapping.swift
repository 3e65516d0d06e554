/// Breaks text into lines no wider than a limit, at spaces, breaking inside a word only when
/// the word alone is wider than the limit. Measuring is injected so this stays pure.
public enum TextWrapping {
    /// The lines of `text`: one or more per paragraph (`\n`), runs of spaces collapsed.
    ///
    /// The result is the greedy one (each line takes every word that still fits), found with a
    /// few measurements a line: where a line breaks is estimated from the widths of its words,
    /// then confirmed by measuring the line, and the line with the next word added, whole
    /// (shaping can kern across words, so only whole lines are trusted). Widths grow as words
    /// are added, which makes the confirmed break the greedy one.
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
            var currentWidth = 0
            var next = 0
            while next < words.count {
                if current.isEmpty {
                    let width = measure(words[next])
                    if width <= maxWidth {
                        (current, currentWidth) = (words[next], width)
                    } else {
                        var pieces = breakWord(words[next], maxWidth: maxWidth, measure: measure)
                        current = pieces.removeLast()
                        currentWidth = measure(current)
                        lines.append(contentsOf: pieces)
                    }
                    next += 1
                    continue
                }
                // How many of the following words join the line.
                let space = measure(" ")
                var count = 0
                var estimate = currentWidth
                while next + count < words.count {
                    estimate += space + measure(words[next + count])
                    if estimate > maxWidth { break }
                    count += 1
                }
                func extended(_ n: Int) -> String { ([current] + words[next..<(next + n)]).joined(separator: " ") }
                while count > 0, measure(extended(count)) > maxWidth { count -= 1 }
                while next + count < words.count, measure(extended(count + 1)) <= maxWidth { count += 1 }
                if count > 0 {
                    current = extended(count)
                    currentWidth = measure(current)
                    next += count
                }
                if next < words.count {
                    lines.append(current)
                    (current, currentWidth) = ("", 0)
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
