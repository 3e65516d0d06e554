/// An emergency warning a board must show over everything else: a storm, flood, landslide,
/// fire or epidemic. The scene takes the set of alerts active for the board as an input beside
/// the content and the instant; deciding which alerts are active (area, expiry, cancellation,
/// signatures) happens before, elsewhere.
public struct Alert: Hashable, Sendable {
    /// The issuer's identifier, unique per sender.
    public var id: String
    /// Who issued it, as shown on the board ("Ban Chỉ huy PCTT và TKCN tỉnh Khánh Hòa").
    public var sender: String
    /// When it was issued.
    public var sent: Instant
    /// The disaster risk level, when the warning gives one.
    public var level: RiskLevel?
    /// One line: what and where.
    public var headline: String
    /// What is happening.
    public var description: String
    /// What people must do.
    public var instruction: String
    /// Where it applies, for people.
    public var area: String = ""
    /// When it ends (nil: until cancelled).
    public var expires: Instant?
    /// An exercise or a test, shown only on boards set to show them (and marked so).
    public var isExercise = false

    /// Creates an alert.
    public init(
        id: String, sender: String, sent: Instant, level: RiskLevel? = nil, headline: String, description: String = "",
        instruction: String = ""
    ) {
        self.id = id
        self.sender = sender
        self.sent = sent
        self.level = level
        self.headline = headline
        self.description = description
        self.instruction = instruction
    }

    /// Most urgent first: the higher risk level, then the newer, then by id (a total order, so
    /// the same set always shows the same way).
    public static func mostUrgentFirst(_ a: Alert, _ b: Alert) -> Bool {
        let (la, lb) = (a.level?.value ?? 0, b.level?.value ?? 0)
        if la != lb { return la > lb }
        if a.sent != b.sent { return a.sent > b.sent }
        return a.id < b.id
    }
}

/// A natural-disaster risk level (cấp độ rủi ro thiên tai), 1 to 5, with the colour Decision
/// 18/2021/QĐ-TTg (Art. 4) gives it: light blue, light yellow, orange, red, purple.
public struct RiskLevel: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1 (lowest) to 5.
    public let value: Int

    /// A level from 1 to 5; nil outside.
    public init?(_ value: Int) {
        guard (1...5).contains(value) else { return nil }
        self.value = value
    }

    /// The level's official colour.
    public var color: Color {
        switch value {
        case 1: Color(red: 0x8E, green: 0xD1, blue: 0xFC)  // light blue
        case 2: Color(red: 0xFF, green: 0xF1, blue: 0x76)  // light yellow
        case 3: Color(red: 0xFF, green: 0x8F, blue: 0x00)  // orange
        case 4: Color(red: 0xD5, green: 0x00, blue: 0x00)  // red
        default: Color(red: 0x6A, green: 0x1B, blue: 0x9A)  // purple
        }
    }

    /// Text colour readable on `color`: black on the light colours, white on red and purple.
    public var textColor: Color { value <= 3 ? .black : .white }

    public static func < (a: RiskLevel, b: RiskLevel) -> Bool { a.value < b.value }

    public var description: String { "\(value)" }
}
