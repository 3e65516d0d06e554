/// What a board shows over time: entries of layouts with validity, dayparts and priority,
/// interrupts with a share of voice, overlays, and a default layout.
public struct Schedule: Hashable, Sendable {
    /// The board's pixel size; every layout must have it.
    public var size: PixelSize
    /// IANA zone in which dayparts are read.
    public var timeZone: String
    /// Layouts by name: file path (relative to the bundle) and optional play duration.
    public var layouts: [String: LayoutReference]
    /// Shown when no entry is eligible: the board is never black.
    public var defaultLayout: String
    /// Entries in file order (order breaks ties and orders rotations).
    public var entries: [ScheduleEntry]

    /// Creates a schedule.
    public init(
        size: PixelSize, timeZone: String = Layout.defaultTimeZone, layouts: [String: LayoutReference], defaultLayout: String,
        entries: [ScheduleEntry]
    ) {
        self.size = size
        self.timeZone = timeZone
        self.layouts = layouts
        self.defaultLayout = defaultLayout
        self.entries = entries
    }
}

/// A layout named by a schedule.
public struct LayoutReference: Hashable, Sendable {
    /// Path of the layout file, relative to the bundle folder.
    public var path: String
    /// How long one play lasts; nil for the layout's longest region loop.
    public var durationMilliseconds: Int64?

    /// Creates a reference.
    public init(path: String, durationMilliseconds: Int64? = nil) {
        self.path = path
        self.durationMilliseconds = durationMilliseconds
    }
}

/// One line of a schedule.
public struct ScheduleEntry: Hashable, Sendable {
    /// What the entry shows.
    public enum Show: Hashable, Sendable {
        /// One layout, or an ordered campaign of layouts, in the main rotation.
        case layouts([String])
        /// A layout drawn on top of whatever plays.
        case overlay(String)
    }

    /// Name used in plans and logs.
    public var id: String
    public var show: Show
    /// Only the highest-priority eligible entries play.
    public var priority: Priority
    /// Eligible from this instant (inclusive), if set.
    public var validFrom: Instant?
    /// Eligible until this instant (exclusive), if set.
    public var validUntil: Instant?
    /// Weekday and time-of-day windows; empty means all day, every day.
    public var dayparts: [Daypart]
    /// Plays as an interrupt with this share of voice instead of in the rotation.
    public var interrupt: ShareOfVoice?
    /// How its layouts come on.
    public var transition: TransitionSpec

    /// Creates an entry.
    public init(
        id: String, show: Show, priority: Priority = .commune, validFrom: Instant? = nil, validUntil: Instant? = nil,
        dayparts: [Daypart] = [], interrupt: ShareOfVoice? = nil, transition: TransitionSpec = .cut
    ) {
        self.id = id
        self.show = show
        self.priority = priority
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.dayparts = dayparts
        self.interrupt = interrupt
        self.transition = transition
    }

    /// The layouts the entry names.
    public var layoutNames: [String] {
        switch show {
        case .layouts(let names): names
        case .overlay(let name): [name]
        }
    }
}

/// Priority of an entry: a number, with the four levels of Vietnamese public information named.
public struct Priority: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var value: Int

    /// Creates a priority.
    public init(_ value: Int) { self.value = value }

    /// Content from the commune (xã).
    public static let commune = Priority(10)
    /// Content from the district (huyện).
    public static let district = Priority(20)
    /// Content from the province (tỉnh).
    public static let province = Priority(30)
    /// Content from the central government (trung ương).
    public static let central = Priority(40)

    /// The named levels.
    public static let names: [String: Priority] = [
        "commune": .commune, "district": .district, "province": .province, "central": .central,
    ]

    public static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.value < rhs.value }

    public var description: String {
        Self.names.first { $0.value == self }.map { "\($0.key) (\(value))" } ?? "\(value)"
    }
}

/// How much of each hour an interrupt takes.
public enum ShareOfVoice: Hashable, Sendable {
    case playsPerHour(Int)
    case secondsPerHour(Int)
    /// Percent of the hour, 0 < p ≤ 100.
    case percent(Double)

    /// Plays per hour for content lasting `duration` milliseconds (at least one).
    public func plays(forDurationMilliseconds duration: Int64) -> Int {
        let seconds: Double
        switch self {
        case .playsPerHour(let n): return max(1, n)
        case .secondsPerHour(let s): seconds = Double(s)
        case .percent(let p): seconds = 36 * p
        }
        guard duration > 0 else { return 1 }
        return max(1, Int((seconds * 1000 / Double(duration)).rounded()))
    }
}

/// A weekly window: on the listed weekdays from `start` to `end` minutes after local midnight;
/// an end at or before the start crosses midnight into the next day.
public struct Daypart: Hashable, Sendable {
    /// Weekdays the window starts on, 0 = Sunday … 6 = Saturday.
    public var weekdays: Set<Int>
    /// Minutes after midnight, 0…1439.
    public var startMinute: Int
    /// Minutes after midnight, 1…1440; ≤ start means the next day.
    public var endMinute: Int

    /// Creates a daypart.
    public init(weekdays: Set<Int> = Set(0...6), startMinute: Int, endMinute: Int) {
        self.weekdays = weekdays
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    /// Whether the window runs past midnight.
    public var crossesMidnight: Bool { endMinute <= startMinute }

    /// Weekday names as written in schedules.
    public static let weekdayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
}
