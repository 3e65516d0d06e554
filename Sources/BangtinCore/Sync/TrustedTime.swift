/// What the board knows about the true time from its source, for kiosk PCs with a dead clock
/// battery and no NTP. Only signed times move the board's clock: a manifest's `signedAt` is a
/// lower bound of the true time. An HTTP `Date` header is not signed (anything on the path of an
/// http source can write it): it may confirm the clock, and move it forward at most to the
/// newest signed time plus `dateMargin`, so a forged header cannot push the board's time ahead
/// and expire the warnings it shows, nor pull it back below what was signed.
/// Pure: the driver passes its own clock's reading with each observation.
public struct TrustedTime: Hashable, Sendable {
    /// A board clock behind the trusted time by less than this is left alone (network delay,
    /// a server's clock a little ahead).
    public static let tolerance: Int64 = 120 * 1_000_000_000
    /// How far past the newest signed time an unsigned `Date` may move the clock: ten minutes,
    /// for a manifest signed just before it was fetched. Further than that only a newer
    /// signature moves it.
    public static let dateMargin: Int64 = 600 * 1_000_000_000

    /// The latest signed instant seen (a lower bound of the true time when it was seen).
    public private(set) var latest: Instant?
    /// How far the board's clock was behind the trusted time when it was last judged, in
    /// nanoseconds (0 when it was not behind by more than the tolerance).
    public private(set) var behindNanoseconds: Int64 = 0

    /// Creates a record (as saved: the latest signed instant and how far behind the board's
    /// own clock was found).
    public init(latest: Instant? = nil, behindNanoseconds: Int64 = 0) {
        self.latest = latest
        self.behindNanoseconds = max(0, behindNanoseconds)
    }

    /// Records a signed time (a manifest's `signedAt`) seen when the board's clock read `board`.
    public mutating func observeSigned(_ instant: Instant, board: Instant) {
        if latest.map({ instant > $0 }) ?? true { latest = instant }
        // A signing time may be days old: it can only show the clock behind, never fine.
        let behind = instant.nanoseconds(since: board)
        if behind > Self.tolerance { behindNanoseconds = max(behindNanoseconds, behind) }
    }

    /// Records a response's `Date` header seen when the board's clock read `board`; returns
    /// false when it lay past what signed times allow (the newest plus `dateMargin`, or, with
    /// none yet, the board's own clock plus the tolerance) and was ignored: a Date that cannot
    /// be believed whole is not believed in part (clamping it would hold the clock still).
    @discardableResult
    public mutating func observeDateHeader(_ instant: Instant, board: Instant) -> Bool {
        let cap = latest?.advanced(byNanoseconds: Self.dateMargin) ?? board.advanced(byNanoseconds: Self.tolerance)
        guard instant <= cap else { return false }
        // Never below what was signed: a Date cannot pull the clock back either.
        let floor = max(0, latest.map { $0.nanoseconds(since: board) } ?? 0)
        let behind = max(floor, instant.nanoseconds(since: board))
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
}
