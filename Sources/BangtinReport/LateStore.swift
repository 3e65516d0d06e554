import Foundation
import Synchronization

/// The record store, opened when it can be: at start, or later, when the disk holding it is
/// mounted late, or a second player holding it has stopped. Until then the recorder keeps its
/// records in memory and tries again (`DiskRecorder(late:)`), and there is nothing to upload.
public final class LateStore: BatchSource, Sendable {
    /// The store's folder (for messages).
    public let folder: String
    private let opener: @Sendable () throws -> PlayStore
    /// The store once open; read without waiting for an open under way.
    private let opened = Mutex<PlayStore?>(nil)
    /// Held while opening (which may wait on a slow disk): one open at a time.
    private let opening = Mutex(())
    /// Whether the last open was refused because another player holds the store.
    private let refusedAsBusy = Mutex(false)

    /// A store in `folder` that `open` makes (once it succeeds, never again).
    public init(folder: String, open: @escaping @Sendable () throws -> PlayStore) {
        self.folder = folder
        opener = open
    }

    /// The store, opened now if it was not yet.
    /// - Throws: why it cannot be opened now.
    public func store() throws -> PlayStore {
        if let store = ifOpen { return store }
        return try opening.withLock { _ in
            if let store = ifOpen { return store }
            do {
                let store = try opener()
                opened.withLock { $0 = store }
                refusedAsBusy.withLock { $0 = false }
                return store
            } catch {
                refusedAsBusy.withLock { $0 = (error as? PlayStoreError)?.busy == true }
                throw error
            }
        }
    }

    /// The store if it is open; never tries to open it, never waits for an open.
    public var ifOpen: PlayStore? { opened.withLock { $0 } }

    /// Whether another player holds the store (the last try to open it was refused so): this
    /// player must then write and send no reports of its own under the same names.
    public var isHeldElsewhere: Bool { refusedAsBusy.withLock { $0 } }

    /// The store's next batch; nil while it is not open.
    public func nextBatch() throws -> ReportBatch? {
        try ifOpen?.nextBatch()
    }

    /// Confirms batch `id` in the store (which was open to give it).
    public func confirm(_ id: String) throws {
        try ifOpen?.confirm(id)
    }
}
