import Foundation
import Synchronization

/// The record store, opened when it can be: at start, or later, when the disk holding it is
/// mounted late, or a second player holding it has stopped. Until then the recorder keeps its
/// records in memory and tries again (`DiskRecorder(late:)`), and there is nothing to upload.
public final class LateStore: BatchSource, Sendable {
    /// The store's folder (for messages).
    public let folder: String
    private let opener: @Sendable () throws -> PlayStore
    private let opened = Mutex<PlayStore?>(nil)

    /// A store in `folder` that `open` makes (once it succeeds, never again).
    public init(folder: String, open: @escaping @Sendable () throws -> PlayStore) {
        self.folder = folder
        opener = open
    }

    /// The store, opened now if it was not yet.
    /// - Throws: why it cannot be opened now.
    public func store() throws -> PlayStore {
        try opened.withLock { held in
            if let held { return held }
            let store = try opener()
            held = store
            return store
        }
    }

    /// The store if it is open; never tries to open it.
    public var ifOpen: PlayStore? { opened.withLock { $0 } }

    /// The store's next batch; nil while it is not open.
    public func nextBatch() throws -> ReportBatch? {
        try ifOpen?.nextBatch()
    }

    /// Confirms batch `id` in the store (which was open to give it).
    public func confirm(_ id: String) throws {
        try ifOpen?.confirm(id)
    }
}
