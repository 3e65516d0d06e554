import BangtinCore
import Synchronization

/// A clock the test sets: what a receiver or a service reads as "now".
public final class TestClock: Sendable {
    private let now: Mutex<Instant>

    /// A clock reading `start`.
    public init(_ start: Instant) { now = Mutex(start) }

    /// The instant it reads.
    @Sendable public func read() -> Instant { now.withLock { $0 } }

    /// Sets what it reads.
    public func set(_ instant: Instant) { now.withLock { $0 = instant } }
}
