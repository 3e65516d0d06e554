import BangtinCore
import Foundation
import Synchronization

/// The system's clocks: the one place bangtin reads the time (the player's loop, and the
/// command line's "now"). The library below never does.
public enum SystemClock {
    /// Monotonic nanoseconds (never jumps; counts from boot).
    public static func monotonic() -> Int64 { read(CLOCK_MONOTONIC) }

    /// The wall clock, moved forward by the correction content sync found (`correctClock`).
    public static func now() -> Instant {
        Instant(nanosecondsSinceEpoch: read(CLOCK_REALTIME)).advanced(byNanoseconds: correction.load(ordering: .relaxed))
    }

    /// The board's own wall clock, never corrected: what trusted times are compared with.
    public static func boardClock() -> Instant { Instant(nanosecondsSinceEpoch: read(CLOCK_REALTIME)) }

    /// How far the wall clock is moved forward, in nanoseconds (0 unless `correctClock`).
    private static let correction = Atomic<Int64>(0)

    /// Moves the wall clock as read by bangtin forward by what `trusted` found it behind
    /// (TrustedTime's bounds: forward only, never past what the source vouched for).
    public static func correct(by trusted: TrustedTime) {
        let board = Instant(nanosecondsSinceEpoch: read(CLOCK_REALTIME))
        correction.store(trusted.corrected(board).nanoseconds(since: board), ordering: .relaxed)
    }

    /// CPU nanoseconds the calling thread has used.
    public static func threadCPU() -> Int64 { read(CLOCK_THREAD_CPUTIME_ID) }

    /// Sleeps until a monotonic instant (`monotonic()`'s scale).
    public static func sleep(untilMonotonic deadline: Int64) {
        var spec = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
    }

    private static func read(_ clock: clockid_t) -> Int64 {
        var spec = timespec()
        clock_gettime(clock, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }
}
