/// Waits between reconnect attempts: exponential, capped, with jitter so boards that lost the
/// same broker do not all come back in step. Pure: the caller passes the random draw. (The
/// same policy as BangtinCore's `Backoff`; this module does not import the core.)
struct ReconnectBackoff: Sendable, Equatable {
    /// The first wait.
    var base: Duration
    /// The longest wait.
    var cap: Duration

    /// The wait before retry number `attempt` (0 for the first), given a draw in 0..<1: half
    /// the exponential step for sure, the other half at random ("equal jitter").
    func delay(attempt: Int, random: Double) -> Duration {
        let step = min(cap, base * (1 << min(max(attempt, 0), 30)))
        let half = step / 2
        return half + half * min(max(random, 0), 1)
    }
}
