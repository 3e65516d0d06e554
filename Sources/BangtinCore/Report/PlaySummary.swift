/// What a board's store keeps of older plays when it runs out of room: how many plays of one
/// thing began in one hour (UTC) and how many seconds they showed. Counted, never dropped
/// silently.
public struct PlaySummary: Hashable, Sendable {
    public var board: String
    public var contentVersion: String?
    public var entry: String?
    public var subject: PlayRecord.Subject
    /// The start of the hour (UTC) the plays began in.
    public var hour: Instant
    public var plays: Int
    /// Seconds shown in all, in nanoseconds.
    public var nanoseconds: Int64

    /// Creates a summary.
    public init(
        board: String, contentVersion: String?, entry: String?, subject: PlayRecord.Subject, hour: Instant, plays: Int,
        nanoseconds: Int64
    ) {
        self.board = board
        self.contentVersion = contentVersion
        self.entry = entry
        self.subject = subject
        self.hour = hour
        self.plays = plays
        self.nanoseconds = nanoseconds
    }

    /// `lines` (oldest first) folded into summaries per board, bundle, entry, subject and
    /// hour, in the order each first appears; summaries already among them merge too.
    public static func fold(_ lines: [ReportLine]) -> [PlaySummary] {
        struct Key: Hashable {
            var board: String
            var version: String?
            var entry: String?
            var subject: PlayRecord.Subject
            var hour: Instant
        }
        var order: [Key] = []
        var totals: [Key: (plays: Int, nanoseconds: Int64)] = [:]
        for line in lines {
            let key: Key
            let add: (plays: Int, nanoseconds: Int64)
            switch line {
            case .play(let play):
                key = Key(
                    board: play.board, version: play.contentVersion, entry: play.entry, subject: play.subject,
                    hour: hourStart(play.start))
                add = (1, play.durationNanoseconds)
            case .summary(let summary):
                key = Key(
                    board: summary.board, version: summary.contentVersion, entry: summary.entry, subject: summary.subject,
                    hour: summary.hour)
                add = (summary.plays, summary.nanoseconds)
            }
            if totals[key] == nil { order.append(key) }
            let sum = totals[key] ?? (0, 0)
            totals[key] = (sum.plays + add.plays, sum.nanoseconds + add.nanoseconds)
        }
        return order.map { key in
            let sum = totals[key]!
            return PlaySummary(
                board: key.board, contentVersion: key.version, entry: key.entry, subject: key.subject, hour: key.hour,
                plays: sum.plays, nanoseconds: sum.nanoseconds)
        }
    }

    /// The start of the UTC hour holding `instant`.
    public static func hourStart(_ instant: Instant) -> Instant {
        let hour: Int64 = 3_600_000_000_000
        let n = instant.nanosecondsSinceEpoch
        return Instant(nanosecondsSinceEpoch: n >= 0 ? n / hour * hour : -((-n + hour - 1) / hour) * hour)
    }
}
