/// What the board knows about the true time from its source, for kiosk PCs with a dead clock
/// battery and no NTP. Signed times (a manifest's `signedAt`) are lower bounds of the true time;
/// an HTTP `Date` header counts only up to the newest manifest's `expires`, a signed upper
/// bound, so a forged header cannot push the board's time further than the publisher allows.
/// Pure: the driver passes its own clock's reading with each observation.
public struct TrustedTime: Hashable, Sendable {
    /// A board clock behind the trusted time by less than this is left alone (network delay,
    /// a server's clock a little ahead).
    public static let tolerance: Int64 = 120 * 1_000_000_000

    /// The latest trusted instant seen.
    public private(set) var latest: Instant?
    /// How far the board's clock was behind `latest` when it was seen, in nanoseconds (0 when
    /// it was not behind by more than the tolerance).
    public private(set) var behindNanoseconds: Int64 = 0
    /// The newest accepted manifest's expiry: `Date` headers past it are not believed.
    public var ceiling: Instant?

    /// Creates a record (as saved: the latest trusted instant and how far behind the board's
    /// own clock was found).
    public init(latest: Instant? = nil, behindNanoseconds: Int64 = 0, ceiling: Instant? = nil) {
        self.latest = latest
        self.behindNanoseconds = max(0, behindNanoseconds)
        self.ceiling = ceiling
    }

    /// Records a signed time (a manifest's `signedAt`) seen when the board's clock read `board`.
    public mutating func observeSigned(_ instant: Instant, board: Instant) {
        raiseLatest(instant)
        // A signing time may be days old: it can only show the clock behind, never fine.
        let behind = instant.nanoseconds(since: board)
        if behind > Self.tolerance { behindNanoseconds = max(behindNanoseconds, behind) }
    }

    /// Records a response's `Date` header; returns false when it lies past the ceiling and was
    /// ignored.
    @discardableResult
    public mutating func observeDateHeader(_ instant: Instant, board: Instant) -> Bool {
        if let ceiling, instant > ceiling { return false }
        raiseLatest(instant)
        // A Date header is the server's "now": it can also show the clock was fixed.
        let behind = instant.nanoseconds(since: board)
        // Date headers count whole seconds: a correction is changed only by more than two, so
        // the board's time does not jitter back and forth by a fraction of one at every poll.
        if behind <= Self.tolerance {
            behindNanoseconds = 0
        } else if abs(behind - behindNanoseconds) > 2_000_000_000 {
            behindNanoseconds = behind
        }
        return true
    }

    /// The board's time corrected: its own clock moved forward by how far it was found behind,
    /// never backward, never past what was observed plus the time since.
    public func corrected(_ board: Instant) -> Instant { board.advanced(byNanoseconds: behindNanoseconds) }

    /// A warning when the board's clock is behind the trusted time, or nil.
    public func warning(board: Instant) -> String? {
        guard let latest, board.nanoseconds(since: latest) < -Self.tolerance else { return nil }
        let minutes = -board.nanoseconds(since: latest) / 60_000_000_000
        return
            "the board's clock (\(ISO8601.format(board))) is \(minutes) minutes behind the time its source vouches for (\(ISO8601.format(latest))): check the clock battery and NTP"
    }

    private mutating func raiseLatest(_ instant: Instant) {
        if latest.map({ instant > $0 }) ?? true { latest = instant }
    }
}
