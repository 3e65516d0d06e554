/// Proof that something was shown: one layout, region item, overlay or alert, from when it
/// came on to when it ended or was cut short.
public struct PlayRecord: Hashable, Sendable {
    /// What was shown.
    public enum Subject: Hashable, Sendable {
        /// The main layout.
        case layout(String)
        /// A layout drawn over the main one.
        case overlay(String)
        /// One item of a region's playlist, in a layout.
        case item(layout: String, region: String, index: Int)
        /// An emergency alert.
        case alert(String)
    }

    /// How a play ended.
    public enum Outcome: Hashable, Sendable {
        case completed
        case interrupted(Cause)
    }

    /// Why a play was cut short.
    public enum Cause: String, Hashable, Sendable, CaseIterable {
        /// An interrupt entry took the main layer for its share of voice.
        case interrupt
        /// An emergency alert pre-empted it.
        case alert
        /// The schedule moved on early: a higher priority came in, a daypart ended.
        case schedule
        /// Its layout ended first (for items and overlays).
        case layoutEnded
        /// New content was activated.
        case contentChanged
        /// Operating hours ended: the board went dark.
        case boardOff
        /// The wall clock was set: times on either side do not belong together.
        case clockChanged
        /// The player stopped.
        case stopped
        /// The board lost power or the player was killed: the play was on disk as in progress
        /// and ends at the last moment the board was known to be alive.
        case powerLost
    }

    /// The board's id.
    public var board: String
    /// The content version showing (the bundle's), when known.
    public var contentVersion: String?
    /// The schedule entry it came from.
    public var entry: String?
    public var subject: Subject
    public var start: Instant
    public var end: Instant
    public var outcome: Outcome
    /// Brightness in percent when it came on.
    public var brightness: Int
    /// Whether the board was lit (alerts light a board outside its operating hours).
    public var lit: Bool

    /// Creates a record.
    public init(
        board: String, contentVersion: String?, entry: String?, subject: Subject, start: Instant, end: Instant,
        outcome: Outcome, brightness: Int, lit: Bool
    ) {
        self.board = board
        self.contentVersion = contentVersion
        self.entry = entry
        self.subject = subject
        self.start = start
        self.end = end
        self.outcome = outcome
        self.brightness = brightness
        self.lit = lit
    }

    /// How long it showed.
    public var durationNanoseconds: Int64 { end.nanoseconds(since: start) }

    /// Records in a fixed order: by start, then end, then what was shown (so the same plays
    /// always come out the same way, whatever order a dictionary gave them in).
    public static func inOrder(_ a: PlayRecord, _ b: PlayRecord) -> Bool {
        if a.start != b.start { return a.start < b.start }
        if a.end != b.end { return a.end < b.end }
        return a.subject.sortKey < b.subject.sortKey
    }
}

extension PlayRecord.Subject {
    /// A text that orders subjects (made without reflection: this runs on the frame loop).
    var sortKey: String {
        switch self {
        case .layout(let name): "0 \(name)"
        case .overlay(let name): "1 \(name)"
        case .item(let layout, let region, let index): "2 \(layout) \(region) \(index)"
        case .alert(let id): "3 \(id)"
        }
    }
}
