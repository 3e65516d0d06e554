import BangtinTestSupport
import Testing

@testable import BangtinCore

/// Wrapping with a few measurements a line gives exactly the lines of plain greedy wrapping
/// (every word measured on its line), including over-wide words broken between letters.
@Suite struct TextWrappingTests {
    /// The plain greedy algorithm, measuring each candidate line whole.
    static func greedy(_ text: String, maxWidth: Int, measure: (String) -> Int) -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let words = paragraph.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" }).map(String.init)
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
                    var piece = ""
                    for character in word {
                        if piece.isEmpty || measure(piece + String(character)) <= maxWidth {
                            piece += String(character)
                        } else {
                            lines.append(piece)
                            piece = String(character)
                        }
                    }
                    current = piece
                }
            }
            lines.append(current)
        }
        return lines
    }

    /// Widths that grow with every character but are not a sum of word widths: pairs across a
    /// space kern closer or wider, as shaped text can.
    static func measure(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var width = 0
        for (index, scalar) in scalars.enumerated() {
            width += scalar == " " ? 4 : 5 + Int(scalar.value % 7)
            if scalar == " ", index > 0, index + 1 < scalars.count, scalars[index - 1] == "o", scalars[index + 1] == "T" {
                width -= 1
            }
            if scalar == " ", index > 0, index + 1 < scalars.count, scalars[index - 1].properties.numericType != nil,
                scalars[index + 1] == "T" || scalars[index + 1] == "B"
            {
                width += 3
            }
        }
        return width
    }

    @Test func sameLinesAsGreedyWrappingOnRandomText() {
        let vocabulary = [
            "Đề", "nghị", "bà", "con", "chằng", "chống", "nhà", "cửa,", "không", "ra", "khơi", "To", "bão", "số", "9",
            "Tâm", "gió", "giật", "cấp", "13", "THÔNG", "BÁO", "Kkuh", "mpŭ", "kơ", "ƀuôn", "sang!",
            "vắc-xin-phòng-bệnh-sởi-rubella-cho-trẻ-em-dưới-năm-tuổi", "o",
        ]
        var rng = SeededRandom(seed: 2026)
        var measured = 0
        var greedyMeasured = 0
        for _ in 0..<400 {
            let paragraphs = (0..<Int.random(in: 1...3, using: &rng)).map { _ in
                (0..<Int.random(in: 0...40, using: &rng)).map { _ in vocabulary.randomElement(using: &rng)! }
                    .joined(separator: Bool.random(using: &rng) ? " " : "  ")
            }
            let text = paragraphs.joined(separator: "\n")
            let width = Int.random(in: 20...400, using: &rng)
            let expected = Self.greedy(text, maxWidth: width) {
                greedyMeasured += 1
                return Self.measure($0)
            }
            let lines = TextWrapping.lines(of: text, maxWidth: width) {
                measured += 1
                return Self.measure($0)
            }
            #expect(lines == expected, "width \(width): \(text)")
        }
        #expect(measured > 0 && greedyMeasured > 0)
    }

    @Test func withoutALimitEachParagraphIsOneLine() {
        #expect(
            TextWrapping.lines(of: "Họp  dân\nlúc 19 giờ", maxWidth: nil, measure: Self.measure) == ["Họp dân", "lúc 19 giờ"])
    }
}
