import BangtinCore
import Dispatch
import Foundation
import Logging
import Synchronization

/// Watches content being edited (`--watch`) and says once per save what changed: a layout
/// file's folder, or a bundle folder with its layout folders and `assets/`, all watched
/// folder by folder (editors save by writing another file and renaming it over the old one,
/// so a watch on the file itself would be lost at the first save). Folders made later are
/// watched as they appear.
///
/// Its own thread waits on the inotify descriptor, which it alone owns; a burst of changes
/// (one save touches several files) is reported once it has settled (`SaveDebounce`).
public final class FileWatcher: Sendable {
    /// Folders watched at most, and how deep under the root: a layout file lying in a big
    /// folder must not have the watcher walk all of it.
    static let folderLimit = 256
    static let depthLimit = 4

    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)
    /// The folder watched, for the changed paths' names.
    public let root: String

    /// Starts watching the content at `path` (a layout file or a bundle folder).
    /// - Parameters:
    ///   - debounce: how long a burst of changes must settle before it is reported.
    ///   - onChange: called on the watcher's thread with the changed files, relative to `root`.
    /// - Throws: `WatchError` when inotify cannot start or the folder cannot be watched.
    public init(
        content path: String, debounce: SaveDebounce = SaveDebounce(), logger: Logger,
        onChange: @escaping @Sendable ([String]) -> Void
    ) throws(WatchError) {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let folder = exists && isFolder.boolValue ? path : (path as NSString).deletingLastPathComponent
        root = folder.isEmpty ? "." : folder
        let tree = try WatchedTree(root: root, logger: logger)
        let box = Unchecked(tree)
        let thread = Thread { [self] in
            run(box.value, debounce: debounce, logger: logger, onChange: onChange)
            finished.signal()
        }
        thread.name = "bangtin-watch"
        thread.start()
    }

    /// Stops watching and waits for the thread to end (within a fifth of a second).
    public func stop() {
        let already = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        if !already { finished.wait() }
    }

    private func run(
        _ tree: WatchedTree, debounce: SaveDebounce, logger: Logger, onChange: @Sendable ([String]) -> Void
    ) {
        var debounce = debounce
        while !stopped.withLock({ $0 }) {
            let now = SystemClock.monotonic()
            // Wake for the burst's end, and a few times a second to see whether to stop.
            let wait = debounce.deadline.map { max(0, ($0 - now + 999_999) / 1_000_000) } ?? 200
            do {
                for event in try tree.inotify.events(waitingUpTo: Int32(min(wait, 200))) {
                    if let changed = tree.handle(event) { debounce.changed(changed, at: SystemClock.monotonic()) }
                }
            } catch {
                logger.error("watching \(root): \(error); trying again in a second")
                Thread.sleep(forTimeInterval: 1)
            }
            if let files = debounce.settled(at: SystemClock.monotonic()) { onChange(files) }
        }
    }
}

/// The folders one watcher watches: the inotify instance and which folder each watch is.
final class WatchedTree {
    let inotify: Inotify
    private let root: String
    private let logger: Logger
    private var folders: [Int32: String] = [:]
    private var warnedLimit = false

    init(root: String, logger: Logger) throws(WatchError) {
        inotify = try Inotify()
        self.root = root
        self.logger = logger
        folders[try inotify.watch(folder: root)] = root
        add(under: root, depth: 1)
    }

    /// Watches the folders under `folder`, `depth` levels below the root, skipping hidden ones.
    private func add(under folder: String, depth: Int) {
        guard depth <= FileWatcher.depthLimit,
            let names = try? FileManager.default.contentsOfDirectory(atPath: folder)
        else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { continue }
            watch(path, depth: depth)
        }
    }

    private func watch(_ path: String, depth: Int) {
        guard folders.count < FileWatcher.folderLimit else {
            if !warnedLimit { logger.warning("watching only the first \(FileWatcher.folderLimit) folders under \(root)") }
            warnedLimit = true
            return
        }
        do {
            folders[try inotify.watch(folder: path)] = path
            add(under: path, depth: depth + 1)
        } catch {
            logger.warning("\(error); changes there are not seen")
        }
    }

    /// Takes in one event: new folders are watched, gone ones forgotten. Returns the changed
    /// path relative to the root, or nil when the event is no change of content (an editor's
    /// swap or backup file, a watch ending).
    func handle(_ event: Inotify.Event) -> String? {
        if event.has(IN_Q_OVERFLOW) { return "(too many changes at once)" }
        guard let folder = folders[event.watch] else { return nil }
        if event.has(IN_IGNORED) {
            folders[event.watch] = nil
            return nil
        }
        if event.has(IN_DELETE_SELF) { return relative(folder) }
        guard Self.isContent(event.name) else { return nil }
        let path = (folder as NSString).appendingPathComponent(event.name)
        if event.has(IN_ISDIR) && (event.has(IN_CREATE) || event.has(IN_MOVED_TO)) {
            let depth = relative(path).split(separator: "/").count
            if depth <= FileWatcher.depthLimit { watch(path, depth: depth) }
        }
        return relative(path)
    }

    /// Whether a file of this name can be content: not hidden, not an editor's backup, swap
    /// or temporary file (vim writes `4913` to test that it may write in the folder).
    static func isContent(_ name: String) -> Bool {
        !(name.isEmpty || name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name == "4913"
            || [".swp", ".swx", ".tmp", ".part"].contains { name.hasSuffix($0) })
    }

    private func relative(_ path: String) -> String {
        path == root ? "." : path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
    }
}

/// Files the watcher reported and the frame loop has not taken yet (changes from several
/// bursts gather until it does).
final class PendingChanges: Sendable {
    private let files = Mutex<[String]>([])

    func add(_ changed: [String]) {
        files.withLock { files in files += changed.filter { !files.contains($0) } }
    }

    /// The files reported since the last call, or nil when none were.
    func take() -> [String]? {
        files.withLock { files in
            defer { files = [] }
            return files.isEmpty ? nil : files
        }
    }
}
