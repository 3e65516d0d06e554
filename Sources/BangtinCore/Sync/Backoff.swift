/// Waits between retries on a bad link: exponential, capped, with jitter so a thousand boards
/// that lost the same tower do not come back in step. Pure: the caller passes the random draw.
public struct Backoff: Hashable, Sendable {
    /// The first wait.
    public var base: Duration
    /// The longest wait.
    public var cap: Duration

    /// Creates the policy.
    public init(base: Duration = .seconds(2), cap: Duration = .seconds(300)) {
        self.base = base
        self.cap = cap
    }

    /// The wait before retry number `attempt` (0 for the first retry), given a draw in 0..<1:
    /// half the exponential step for sure, the other half at random ("equal jitter").
    public func delay(attempt: Int, random: Double) -> Duration {
        let step = min(cap, base * (1 << min(max(attempt, 0), 30)))
        let half = step / 2
        return half + half * min(max(random, 0), 1)
    }
}
