import BangtinCore

/// What the report uploader does next: the decision part of its loop, pure (no I/O, no clock:
/// instants are durations since the uploader began, passed in).
///
/// The newest status document and screenshot go first, so the source system sees the board
/// alive even with days of records waiting; then batches, back to back while the source has
/// them. After a failure nothing is sent until the backoff has passed (growing with each
/// failure in a row, capped); `uploadNow()` cuts it short.
struct UploadPlan: Sendable {
    /// What may be sent.
    enum Item: Sendable, Equatable {
        /// The status document, of offer number `generation`.
        case status([UInt8], generation: Int)
        /// The screenshot, of offer number `generation`.
        case screenshot([UInt8], generation: Int)
        /// The source's oldest unconfirmed batch.
        case batch
    }

    /// The driver's next step.
    enum Step: Sendable, Equatable {
        /// Send this now.
        case send(Item)
        /// Wait until this instant (or a wake-up), then ask again.
        case wait(until: Duration)
        /// Nothing to send: wait for a wake-up, or `idleWait`, then ask the source again.
        case idle
    }

    let backoff: Backoff
    private(set) var status: (bytes: [UInt8], generation: Int)?
    private(set) var screenshot: (bytes: [UInt8], generation: Int)?
    private var generation = 0
    /// The source said it had nothing: not asked again until woken or idle long enough.
    private var backlogEmpty = false
    /// Failed attempts in a row.
    private(set) var failures = 0
    /// No attempt before this instant (after a failure).
    private(set) var retryAt: Duration?
    /// A status or screenshot that failed waits until a batch has been tried: a server
    /// refusing one of them (too large, say) must not hold back the records.
    private var deferStatus = false
    private var deferScreenshot = false

    init(backoff: Backoff) { self.backoff = backoff }

    /// The step at `now`.
    func next(now: Duration) -> Step {
        if let retryAt, now < retryAt { return .wait(until: retryAt) }
        if let status, !deferStatus { return .send(.status(status.bytes, generation: status.generation)) }
        if let screenshot, !deferScreenshot {
            return .send(.screenshot(screenshot.bytes, generation: screenshot.generation))
        }
        if !backlogEmpty { return .send(.batch) }
        if let status { return .send(.status(status.bytes, generation: status.generation)) }
        if let screenshot { return .send(.screenshot(screenshot.bytes, generation: screenshot.generation)) }
        return .idle
    }

    /// A new status document: it replaces any not yet sent. The board wrote records since the
    /// last one, so the source is asked again too (but a backoff is not cut short).
    mutating func offerStatus(_ bytes: [UInt8]) {
        generation += 1
        status = (bytes, generation)
        backlogEmpty = false
    }

    /// A new screenshot: it replaces any not yet sent.
    mutating func offerScreenshot(_ bytes: [UInt8]) {
        generation += 1
        screenshot = (bytes, generation)
    }

    /// Asked to send now: the backoff is cut short and the source asked again.
    mutating func wake() {
        retryAt = nil
        backlogEmpty = false
    }

    /// Idle for long enough: ask the source again.
    mutating func lookAgain() { backlogEmpty = false }

    /// The source had no batch.
    mutating func drained() {
        backlogEmpty = true
        deferStatus = false
        deferScreenshot = false
    }

    /// `item` reached the server. A status or screenshot offered meanwhile stays to be sent.
    mutating func sent(_ item: Item) {
        failures = 0
        retryAt = nil
        switch item {
        case .status(_, let sent) where status?.generation == sent: status = nil
        case .screenshot(_, let sent) where screenshot?.generation == sent: screenshot = nil
        default: break
        }
    }

    /// An attempt failed at `now`: the next waits out the backoff (`random` in 0..<1 for its
    /// jitter). What failed stays to be sent again, a batch as the same batch.
    /// - Returns: The wait.
    @discardableResult
    mutating func failed(_ item: Item, now: Duration, random: Double) -> Duration {
        switch item {
        case .status: deferStatus = true
        case .screenshot: deferScreenshot = true
        case .batch:
            deferStatus = false
            deferScreenshot = false
        }
        let wait = backoff.delay(attempt: failures, random: random)
        failures += 1
        retryAt = now + wait
        return wait
    }
}
