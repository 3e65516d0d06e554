import Foundation

/// A clock pattern such as `{weekday}, {dd}/{MM}/{yyyy} {HH}:{mm}`, parsed once.
public struct ClockFormat: Hashable, Sendable {
    /// One piece of the pattern.
    public enum Piece: Hashable, Sendable {
        case literal(String)
        case token(Token)
    }

    /// The fields a pattern can show.
    public enum Token: String, Hashable, Sendable, CaseIterable {
        case weekday, weekdayShort, d, dd, M, MM, yyyy, H, HH, mm, ss, lunarDay, lunarMonth, lunarYear
    }

    /// The pieces in order.
    public var pieces: [Piece]
    /// The pattern as written.
    public var pattern: String

    /// The default: `Thứ Hai, 23/11/2026 08:05`.
    public static let standard = try! ClockFormat("{weekday}, {dd}/{MM}/{yyyy} {HH}:{mm}")

    /// Why a pattern was refused.
    public struct FormatError: Error, Equatable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Parses a pattern.
    /// - Throws: `FormatError` for an unknown token or an unclosed brace.
    public init(_ pattern: String) throws(FormatError) {
        self.pattern = pattern
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(pattern)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw FormatError(description: "unclosed '{' in clock format \"\(pattern)\"")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard let token = Token(rawValue: name) else {
                let known = Token.allCases.map { "{\($0.rawValue)}" }.joined(separator: " ")
                throw FormatError(description: "unknown token {\(name)} (known: \(known))")
            }
            if !literal.isEmpty { pieces.append(.literal(literal)) }
            literal = ""
            pieces.append(.token(token))
            rest = rest[rest.index(after: close)...]
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.literal(VietnameseText.normalized(literal))) }
        self.pieces = pieces
    }

    /// Whether the text changes every second (so it needs redrawing that often).
    public var showsSeconds: Bool { pieces.contains(.token(.ss)) }

    /// The text the clock shows at `instant` in `zone`.
    public func text(at instant: Instant, in zone: TimeZone) -> String {
        let time = LocalTime(instant, in: zone)
        var lunar: LunarDate?
        func lunarDate() -> LunarDate {
            if let lunar { return lunar }
            let value = LunarDate.of(gregorianYear: time.year, month: time.month, day: time.day)
            lunar = value
            return value
        }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let text): out += text
            case .token(let token):
                switch token {
                case .weekday: out += Self.weekdayNames[time.weekday]
                case .weekdayShort: out += Self.weekdayShortNames[time.weekday]
                case .d: out += String(time.day)
                case .dd: out += two(time.day)
                case .M: out += String(time.month)
                case .MM: out += two(time.month)
                case .yyyy: out += String(time.year)
                case .H: out += String(time.hour)
                case .HH: out += two(time.hour)
                case .mm: out += two(time.minute)
                case .ss: out += two(time.second)
                case .lunarDay: out += String(lunarDate().day)
                case .lunarMonth:
                    let date = lunarDate()
                    out += String(date.month) + (date.isLeapMonth ? " nhuận" : "")
                case .lunarYear: out += lunarDate().yearName
                }
            }
        }
        return out
    }

    /// Vietnamese weekday names, Sunday first.
    static let weekdayNames = ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"]
    /// Short forms as printed on calendars, Sunday first.
    static let weekdayShortNames = ["CN", "T2", "T3", "T4", "T5", "T6", "T7"]
}
