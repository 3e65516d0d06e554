import BangtinContent
import BangtinCore
import Foundation
import Logging

/// Loads content on its own thread and hands the frame loop a ready `Scheduler`: the loop
/// never waits on files. A load that fails keeps the previous content playing.
final class ContentLoader: @unchecked Sendable {
    private let lock = NSCondition()
    private var path: String
    private var catalog: FontCatalog
    private var subpixel: Bool
    private var requested = false
    private var stopped = false
    private var ready: Scheduler?
    private var generation = 0
    private(set) var lastError: String?
    private let logger: Logger

    init(path: String, catalog: FontCatalog, subpixel: Bool, logger: Logger) {
        self.path = path
        self.catalog = catalog
        self.subpixel = subpixel
        self.logger = logger
    }

    /// Loads now, on the calling thread (start-up, before the window opens).
    func loadNow() -> Scheduler? {
        load()
        lock.lock()
        defer { lock.unlock() }
        return ready
    }

    /// Starts the background thread.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "bangtin-content"
        thread.start()
    }

    /// Asks for a reload (SIGHUP), optionally from another path.
    func requestReload(path newPath: String? = nil, subpixel newSubpixel: Bool? = nil) {
        lock.lock()
        if let newPath { path = newPath }
        if let newSubpixel { subpixel = newSubpixel }
        requested = true
        lock.signal()
        lock.unlock()
    }

    func stop() {
        lock.lock()
        stopped = true
        lock.signal()
        lock.unlock()
    }

    /// Sets whether schedulers made from now on report sub-pixel ticker positions.
    func setSubpixel(_ value: Bool) {
        lock.lock()
        subpixel = value
        lock.unlock()
    }

    /// The newest content and its generation number.
    func current() -> (scheduler: Scheduler?, generation: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (ready, generation)
    }

    private func run() {
        while true {
            lock.lock()
            while !requested && !stopped { lock.wait() }
            if stopped {
                lock.unlock()
                return
            }
            requested = false
            lock.unlock()
            load()
        }
    }

    private func load() {
        lock.lock()
        let (path, catalog, subpixel) = (self.path, self.catalog, self.subpixel)
        lock.unlock()
        switch Result(catching: { () throws(ContentError) in try BundleFolder.load(path, fonts: catalog) }) {
        case .success(let bundle):
            let scheduler = Scheduler(bundle: bundle, subpixelMotion: subpixel)
            lock.lock()
            ready = scheduler
            generation += 1
            lastError = nil
            lock.unlock()
            logger.notice(
                "content activated from \(path): \(bundle.layouts.count) layouts, \(bundle.schedule.entries.count) entries, board \(bundle.schedule.size)"
            )
        case .failure(let error):
            lock.lock()
            let hadContent = ready != nil
            lastError = error.description
            lock.unlock()
            logger.error(
                "cannot load content from \(path); \(hadContent ? "kept playing the previous content" : "showing the waiting screen"):\n\(error.description)"
            )
        }
    }
}
