import BangtinCore
import Dispatch
import Foundation
import Logging
import Synchronization

/// The durable recorder: play records and plays in progress go to a `PlayStore` on a writer
/// thread of their own, so the frame loop never waits for the disk.
///
/// The frame loop's calls only append to a list under a lock. Records stay staged until the
/// plays in progress that follow them in the same event arrive (`playing`); then both go to
/// the writer as one unit and land in one transaction, so a play is never closed on disk while
/// still listed as in progress there. The writer merges the units it finds waiting (records
/// in order, the last set of plays in progress wins).
///
/// A write that fails (disk full, folder not writable, store not openable yet) is logged and
/// tried again after `retryInterval` or when more comes in; the player keeps playing. What
/// waits in memory meanwhile is bounded (`Limits.recordsHeldInMemory`, the oldest dropped).
public final class DiskRecorder: Recorder {
    private let writer: DiskWriter
    private let onStatus: (@Sendable (BoardStatus) -> Void)?

    /// A recorder writing to `store`, which it recovers before its first write.
    /// - Parameters:
    ///   - retryInterval: how long after a failed write it is tried again.
    ///   - onStatus: takes the statuses the player reports, on the player's thread.
    public convenience init(
        store: PlayStore, logger: Logger, retryInterval: Duration = .seconds(5),
        onStatus: (@Sendable (BoardStatus) -> Void)? = nil
    ) {
        self.init(open: { store }, where: store.folder, logger: logger, retryInterval: retryInterval, onStatus: onStatus)
    }

    /// A recorder writing to the store in `folder`, opened on the writer thread (and again
    /// after `retryInterval` while it cannot be: the disk may not be mounted yet).
    /// - Parameter heldAtMost: closed plays kept in memory while the store cannot be written;
    ///   past it the oldest are dropped, and logged.
    public convenience init(
        folder: String, board: String, budgetBytes: Int64, logger: Logger, retryInterval: Duration = .seconds(5),
        heldAtMost: Int = Limits.recordsHeldInMemory, onStatus: (@Sendable (BoardStatus) -> Void)? = nil
    ) {
        self.init(
            open: { try PlayStore(folder: folder, board: board, budgetBytes: budgetBytes, logger: logger) }, where: folder,
            logger: logger, retryInterval: retryInterval, heldAtMost: heldAtMost, onStatus: onStatus)
    }

    /// A recorder writing to `late`'s store, opened on the writer thread when it can be (and
    /// tried again after `retryInterval` while it cannot).
    public convenience init(
        late: LateStore, logger: Logger, retryInterval: Duration = .seconds(5), onStatus: (@Sendable (BoardStatus) -> Void)? = nil
    ) {
        self.init(
            open: { try late.store() }, where: late.folder, logger: logger, retryInterval: retryInterval,
            heldAtMost: Limits.recordsHeldInMemory, onStatus: onStatus)
    }

    private init(
        open: @escaping @Sendable () throws -> PlayStore, where folder: String, logger: Logger, retryInterval: Duration,
        heldAtMost: Int = Limits.recordsHeldInMemory, onStatus: (@Sendable (BoardStatus) -> Void)?
    ) {
        writer = DiskWriter(open: open, folder: folder, logger: logger, retryInterval: retryInterval, heldAtMost: heldAtMost)
        self.onStatus = onStatus
        let thread = Thread { [writer] in writer.run() }
        thread.name = "bangtin-plays"
        thread.start()
    }

    deinit { writer.stop() }

    /// Stages a closed play until the plays in progress of the same event arrive.
    public func record(_ play: PlayRecord) {
        writer.shared.withLock { $0.staged.append(play) }
    }

    /// Hands the staged records and what is on screen now to the writer, as one unit.
    public func playing(_ plays: [PlayRecord]) {
        writer.shared.withLock { shared in
            shared.closed.append(contentsOf: shared.staged)
            shared.staged.removeAll(keepingCapacity: true)
            shared.playing = plays
            shared.handedIn += 1
        }
        writer.wake.signal()
    }

    /// Passes the status to `onStatus`, on the caller's thread.
    public func report(_ status: BoardStatus) {
        onStatus?(status)
    }

    /// Waits until everything handed in so far (by `playing`) is committed.
    /// - Parameter timeout: the longest wait; nil to wait as long as it takes.
    /// - Returns: whether it was committed (false after a timeout, or when the writer gave up).
    @discardableResult
    public func flush(timeout: Duration? = nil) -> Bool {
        writer.flush(timeout: timeout)
    }

    /// Writes what is left, then ends the writer thread. Records staged without plays in
    /// progress after them are written as closing everything (the player has stopped). If the
    /// last write fails, what it held is logged as lost. Calling it again does nothing.
    public func stop() {
        writer.stop()
    }
}
