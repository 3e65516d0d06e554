import BangtinCore
import Dispatch
import Foundation
import Logging
import Synchronization

/// The writer thread of a `DiskRecorder`: takes what the frame loop handed in and writes it
/// to the store, trying again later when it cannot.
final class DiskWriter: Sendable {
    /// What the frame loop and the writer share.
    struct Shared {
        /// Records since the last `playing` (not yet handed in).
        var staged: [PlayRecord] = []
        /// Records handed in and not yet written.
        var closed: [PlayRecord] = []
        /// The latest plays in progress handed in and not yet written.
        var playing: [PlayRecord]?
        /// Units handed in, and units committed, since the start.
        var handedIn = 0
        var committed = 0
        /// Flushes waiting for `committed` to reach a count.
        var waiters: [(count: Int, done: DispatchSemaphore)] = []
        var stopping = false
        var ended = false
    }

    let shared = Mutex(Shared())
    /// Signalled when there is something to write, a flush waits, or it is time to stop.
    let wake = DispatchSemaphore(value: 0)
    private let ended = DispatchSemaphore(value: 0)
    private let open: @Sendable () throws -> PlayStore
    private let folder: String
    private let logger: Logger
    private let retryInterval: Duration
    /// Closed plays kept in memory while the store cannot be written.
    private let heldAtMost: Int

    init(
        open: @escaping @Sendable () throws -> PlayStore, folder: String, logger: Logger, retryInterval: Duration,
        heldAtMost: Int = Limits.recordsHeldInMemory
    ) {
        self.open = open
        self.heldAtMost = max(1, heldAtMost)
        self.folder = folder
        self.logger = logger
        self.retryInterval = retryInterval
    }

    /// The thread's body: until stopped, waits for work and writes it.
    func run() {
        // Give way to the frame loop (on Linux the nice value belongs to the calling thread).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        var store: PlayStore?
        var failures = 0
        var droppedInAll = 0
        while true {
            let (closed, playing, count, stopping) = shared.withLock { shared in
                if shared.stopping && !shared.staged.isEmpty {
                    // The player stopped after closing plays without saying what is on screen:
                    // nothing is, any more.
                    shared.closed.append(contentsOf: shared.staged)
                    shared.staged.removeAll()
                    shared.playing = []
                    shared.handedIn += 1
                }
                defer {
                    shared.closed = []
                    shared.playing = nil
                }
                return (shared.closed, shared.playing, shared.handedIn, shared.stopping)
            }
            if closed.isEmpty && playing == nil {
                committed(count)
                if stopping { break }
                wake.wait()
                continue
            }
            do {
                if store == nil {
                    store = try open()
                    try store!.recover()
                }
                try store!.write(closed: closed, playing: playing)
                if failures > 0 {
                    let lost = droppedInAll > 0 ? " (\(droppedInAll) of the oldest records were dropped meanwhile)" : ""
                    logger.notice("Plays are written to \(folder) again after \(failures) failed attempts\(lost)")
                }
                failures = 0
                droppedInAll = 0
                committed(count)
            } catch {
                failures += 1
                let dropped = shared.withLock { shared -> Int in
                    // Back in front of anything handed in since; a newer set of plays in progress wins.
                    shared.closed = closed + shared.closed
                    if shared.playing == nil { shared.playing = playing }
                    // Bounded: a disk dead for days must not take the board's memory.
                    let over = max(0, shared.closed.count - heldAtMost)
                    shared.closed.removeFirst(over)
                    return over
                }
                droppedInAll += dropped
                // Throttled like the failures: once, then with every hundredth failure.
                if droppedInAll > 0, (dropped > 0 && droppedInAll == dropped) || failures % 100 == 0 {
                    logger.error(
                        "Dropped \(droppedInAll) of the oldest play records held in memory so far: \(folder) has not been writable for \(failures) attempts"
                    )
                }
                if stopping {
                    logger.error(
                        """
                        Could not write \(closed.count) play records and \(playing?.count ?? 0) plays in progress to \
                        \(folder) before stopping: they are lost (\(error))
                        """)
                    break
                }
                // The first failure in a row and then every hundredth: a dead disk must not flood the log.
                if failures == 1 || failures % 100 == 0 {
                    logger.error(
                        """
                        Could not write \(closed.count) play records to \(folder) (\(error)); kept them in memory and \
                        will try again in \(retryInterval), the board keeps playing
                        """)
                }
                _ = wake.wait(timeout: .now() + .nanoseconds(Int(retryInterval.nanoseconds)))
            }
        }
        shared.withLock { shared in
            shared.ended = true
            for waiter in shared.waiters { waiter.done.signal() }
            shared.waiters = []
        }
        ended.signal()
    }

    /// Notes units up to `count` committed and lets the flushes waiting for them go.
    private func committed(_ count: Int) {
        shared.withLock { shared in
            shared.committed = max(shared.committed, count)
            let done = shared.committed
            for waiter in shared.waiters where waiter.count <= done { waiter.done.signal() }
            shared.waiters.removeAll { $0.count <= done }
        }
    }

    func flush(timeout: Duration?) -> Bool {
        let done = DispatchSemaphore(value: 0)
        let target = shared.withLock { shared -> Int? in
            if shared.committed >= shared.handedIn || shared.ended { return nil }
            shared.waiters.append((shared.handedIn, done))
            return shared.handedIn
        }
        guard let target else { return shared.withLock { $0.committed >= $0.handedIn } }
        // Cuts a wait for a retry short.
        wake.signal()
        if let timeout {
            _ = done.wait(timeout: .now() + .nanoseconds(Int(timeout.nanoseconds)))
        } else {
            done.wait()
        }
        return shared.withLock { $0.committed >= target }
    }

    func stop() {
        let first = shared.withLock { shared in
            defer { shared.stopping = true }
            return !shared.stopping
        }
        guard first else { return }
        wake.signal()
        ended.wait()
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    fileprivate var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + attoseconds / 1_000_000_000
    }
}
