/// The player's sense of time: animation follows the monotonic clock (smooth, never jumps
/// backwards), anchored to the wall clock, and re-anchored when the wall clock is set (an NTP
/// step or a technician fixing the date) so schedules follow the real time.
///
/// Clock readings are passed in, so the logic is tested without waiting.
public struct PlayerClock: Sendable {
    /// Where instants come from.
    public enum Mode: Hashable, Sendable {
        /// The wall clock.
        case wall
        /// Start at a given instant and run on (previews, tests).
        case startingAt(Instant)
        /// Always the same instant (tests, screenshots).
        case frozen(Instant)
        /// Frame `k` (counting the clock's readings) shows `start + k / fps` seconds, whatever
        /// the time; from frame `frames − 1` on it holds (tests: a known frame after real motion).
        case stepping(from: Instant, fps: Int, frames: Int)
    }

    public let mode: Mode
    private var anchor: Instant
    private var anchorMonotonic: Int64
    private var readings = 0
    /// How far the wall clock may drift from the monotonic prediction before re-anchoring.
    public let tolerance: Int64 = 1_000_000_000

    /// Creates a clock from the first readings.
    public init(mode: Mode, monotonic: Int64, realtime: Instant) {
        self.mode = mode
        anchorMonotonic = monotonic
        switch mode {
        case .wall: anchor = realtime
        case .startingAt(let start), .frozen(let start), .stepping(let start, _, _): anchor = start
        }
    }

    /// The instant to show for these readings, and whether the clock was re-anchored.
    public mutating func instant(monotonic: Int64, realtime: Instant) -> (instant: Instant, reanchored: Bool) {
        if case .frozen(let at) = mode { return (at, false) }
        if case .stepping(let start, let fps, let frames) = mode {
            let frame = Int64(min(readings, max(0, frames - 1)))
            readings += 1
            return (start.advanced(byNanoseconds: frame * 1_000_000_000 / Int64(max(1, fps))), false)
        }
        let predicted = anchor.advanced(byNanoseconds: monotonic - anchorMonotonic)
        if case .wall = mode, abs(realtime.nanoseconds(since: predicted)) > tolerance {
            anchor = realtime
            anchorMonotonic = monotonic
            return (realtime, true)
        }
        return (predicted, false)
    }
}
