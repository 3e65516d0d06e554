import BangtinContent
import BangtinCore
import BangtinRender
import Dispatch
import Foundation
import Logging
import Synchronization

/// The player's preparation thread: it loads content (configuration, bundle) and makes it
/// ready before the frame loop sees it, and keeps what is about to appear ready ahead of time:
/// text set and pictures decoded into `PreparedAssets`, which the loop only uploads.
///
/// A load that fails keeps the previous content playing. New content is handed over only once
/// the scene it opens with is prepared, so activating it costs the loop no decoding either.
final class Preparation: Sendable {
    /// What the frame loop asked for and what waits for it, shared with the thread.
    private struct Shared {
        var reload = false
        /// A new synced version is active in the cache.
        var synced = false
        var lookAhead: (from: Instant, alerts: [Alert])?
        var stopped = false
        var subpixel = true
        /// Content loaded and prepared, not yet taken by the loop.
        var ready: Ready?
    }

    /// New content for the loop, and the pictures whose files changed since the last.
    struct Ready: Sendable {
        var update: ContentUpdate
        var changedImages: Set<String>
    }

    private let shared = Mutex(Shared())
    private let wake = DispatchSemaphore(value: 0)
    /// State only the thread touches (and the caller of `loadNow`, before the thread starts).
    private let own: Mutex<Own>
    let store: PreparedAssets
    private let logger: Logger

    /// What only the preparation thread works with.
    private struct Own: ~Copyable {
        var configPath: String?
        var catalog: FontCatalog
        var overrides: PlayerConfig.Overrides
        var config: PlayerConfig
        var scheduler: Scheduler?
        var stamps: [String: FileStamp] = [:]
        var preparer: Unchecked<ScenePreparer>
        var lastInstant: Instant = .epoch
        var version = 0
    }

    /// - Parameters:
    ///   - config: the configuration read at start-up (overrides applied).
    ///   - configPath: the file SIGHUP re-reads; nil without one.
    ///   - overrides: command-line settings that win over the file every time it is read.
    init(
        config: PlayerConfig, configPath: String?, overrides: PlayerConfig.Overrides, fonts: FontLibrary, logger: Logger
    ) {
        store = PreparedAssets()
        self.logger = logger
        own = Mutex(
            Own(
                configPath: configPath, catalog: fonts.catalog, overrides: overrides, config: config,
                preparer: Unchecked(ScenePreparer(fonts: fonts, store: store, logger: logger))))
    }

    /// Loads and prepares the content now, on the calling thread (start-up, before the window
    /// opens and the thread starts).
    func loadNow(at instant: Instant) -> ContentUpdate {
        own.withLock { $0.lastInstant = instant }
        return load(rereadConfig: false).update
    }

    /// Starts the thread.
    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "bangtin-prepare"
        thread.start()
    }

    func stop() {
        shared.withLock { $0.stopped = true }
        wake.signal()
    }

    /// Re-read the configuration and the content (SIGHUP).
    func requestReload() {
        shared.withLock { $0.reload = true }
        wake.signal()
    }

    /// Load the version content sync just activated, to take over at a boundary of the schedule.
    func requestSyncedReload() {
        shared.withLock { $0.synced = true }
        wake.signal()
    }

    /// Prepare what shows from `instant` on.
    func lookAhead(from instant: Instant, alerts: [Alert]) {
        shared.withLock { $0.lookAhead = (instant, alerts) }
        wake.signal()
    }

    /// Whether schedulers made from now on move tickers by fractions of a pixel (only when the
    /// window's canvas can show them).
    func setSubpixel(_ value: Bool) {
        shared.withLock { $0.subpixel = value }
    }

    /// New content loaded and prepared since the last call, if any.
    func takeReady() -> Ready? {
        shared.withLock { shared in
            defer { shared.ready = nil }
            return shared.ready
        }
    }

    private func run() {
        // Never take the CPU from the frame loop: a batch thread does not pre-empt others when
        // it wakes, and a higher nice value gives way to them.
        // (SCHED_BATCH is 3 on Linux; Glibc's module leaves it out. On Linux the nice value
        // belongs to the calling thread.)
        var param = sched_param(sched_priority: 0)
        _ = pthread_setschedparam(pthread_self(), 3, &param)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        while true {
            wake.wait()
            let (reload, synced, look, stopped) = shared.withLock { shared in
                defer {
                    shared.reload = false
                    shared.synced = false
                    shared.lookAhead = nil
                }
                return (shared.reload, shared.synced, shared.lookAhead, shared.stopped)
            }
            if stopped { return }
            if reload || synced {
                let ready = load(rereadConfig: reload, atBoundary: synced && !reload)
                shared.withLock { $0.ready = ready }
            }
            if let look { lookAhead(look.from, alerts: look.alerts) }
        }
    }

    /// Reads the configuration (when asked and there is a file) and the content, and prepares
    /// the scene it opens with.
    private func load(rereadConfig: Bool, atBoundary: Bool = false) -> Ready {
        let subpixel = shared.withLock { $0.subpixel }
        return own.withLock { own in
            if rereadConfig, let path = own.configPath {
                switch Result(catching: { () throws(ContentError) in try PlayerConfigFile.load(path) }) {
                case .success(let config):
                    own.config = own.overrides.applied(to: config)
                    logger.notice("configuration reloaded from \(path)")
                case .failure(let error):
                    logger.error("cannot reload the configuration; kept the previous one:\n\(error.description)")
                }
            }
            let config = own.config
            let (content, version) = Self.contentPath(config)
            guard let path = content else {
                let problem = config.source.map { "waiting for the first bundle from \($0)" } ?? "no content configured"
                return Ready(update: ContentUpdate(config: config, scheduler: nil, problem: problem), changedImages: [])
            }
            let fonts = own.catalog
            switch Result(catching: { () throws(ContentError) in try BundleFolder.load(path, fonts: fonts) }) {
            case .success(let bundle):
                let scheduler = Scheduler(bundle: bundle, subpixelMotion: config.smoothTicker && subpixel)
                // A synced version takes over when the scene showing now ends (within the
                // machine's longest hold), and is made ready for that instant.
                var activateAt: Instant?
                if atBoundary, let old = own.scheduler {
                    let latest = own.lastInstant.advanced(byNanoseconds: PlayerMachine.longestHold / 2)
                    let boundary = old.scene(at: own.lastInstant).nextBoundary(after: own.lastInstant) ?? latest
                    activateAt = min(boundary, latest)
                }
                let stamps = FileStamp.assets(of: bundle)
                let changed = Set(stamps.keys.filter { own.stamps[$0] != nil && own.stamps[$0] != stamps[$0] })
                store.forgetImages(paths: changed)
                own.stamps = stamps
                own.scheduler = scheduler
                own.version += 1
                // The scene it opens with, ready (and drawn) before the loop is handed it.
                let start = activateAt ?? own.lastInstant
                let opening = scheduler.scene(at: start)
                own.preparer.value.prepare(opening)
                own.preparer.value.prepareFades(opening)
                if let brightness = Self.brightness(at: start, config: config, scheduler: scheduler) {
                    own.preparer.value.prepareFrame(opening, brightness: brightness)
                }
                logger.notice(
                    "content activated from \(path): \(bundle.layouts.count) layouts, \(bundle.schedule.entries.count) entries, board \(bundle.schedule.size)"
                )
                return Ready(
                    update: ContentUpdate(config: config, scheduler: scheduler, version: version, activateAt: activateAt),
                    changedImages: changed)
            case .failure(let error):
                let kept = own.scheduler != nil ? "kept playing the previous content" : "showing the waiting screen"
                logger.error("cannot load content from \(path); \(kept):\n\(error.description)")
                return Ready(
                    update: ContentUpdate(config: config, scheduler: nil, problem: error.description), changedImages: [])
            }
        }
    }

    /// The content to load and its version: with content sync, the active version in the cache,
    /// its link resolved once so the whole load reads one version (the link may move meanwhile);
    /// until a first version is active, the configured content, if any.
    static func contentPath(_ config: PlayerConfig) -> (path: String?, version: String?) {
        if config.source != nil, let cache = config.cache,
            let real = realpath(cache + "/current", nil)
        {
            defer { free(real) }
            let path = String(cString: real)
            return (path, "version " + (path as NSString).lastPathComponent)
        }
        return (config.content, nil)
    }

    /// Prepares the scenes of the next half minute (and at least the next two changes): each
    /// change of scene (items, clock seconds, layouts), stepping over transitions, whose frames
    /// show the same items. The next changes that redraw much of the board are drawn whole, for
    /// the loop to copy.
    private func lookAhead(_ from: Instant, alerts: [Alert]) {
        own.withLock { own in
            own.lastInstant = from
            guard let scheduler = own.scheduler else { return }
            let horizon = from.advanced(byNanoseconds: 30_000_000_000)
            let board = scheduler.bundle.schedule.size
            var t = from
            var previous: Scene?
            var framesDrawn = 0
            // The next two changes at least, however far: a scene that holds until midnight
            // gets its next day's plan worked out here, not on the frame loop.
            for step in 0..<64 where t < horizon || step < 2 {
                let timed = scheduler.timedScene(at: t, alerts: alerts)
                own.preparer.value.prepare(timed.scene)
                own.preparer.value.prepareFades(timed.scene)
                if let previous, framesDrawn < PreparedAssets.frameCount - 1, timed.scene.isStill,
                    let brightness = Self.brightness(at: t, config: own.config, scheduler: scheduler)
                {
                    // Worth drawing ahead: a quarter of the board or more changes (all of it when
                    // the layout does); a clock's second is cheaper drawn than copied.
                    let changed = timed.scene.dirtyRects(since: previous)?.reduce(0) { $0 + $1.width * $1.height }
                    if changed.map({ $0 * 4 >= board.width * board.height }) ?? true {
                        own.preparer.value.prepareFrame(timed.scene, brightness: brightness)
                        framesDrawn += 1
                    }
                }
                previous = timed.scene
                t = max(timed.stableUntil, t.advanced(byNanoseconds: 100_000_000))
            }
        }
    }

    /// The brightness the board shows at `instant`, or nil when it is dark then.
    private static func brightness(at instant: Instant, config: PlayerConfig, scheduler: Scheduler) -> Int? {
        let zone = ContentTimeZone.named(config.timeZone ?? scheduler.bundle.schedule.timeZone)
        guard config.hours.isOn(at: instant, in: zone) else { return nil }
        return config.hours.brightnessPercent(at: instant, in: zone)
    }
}

/// A value used by one thread at a time, passed between them under a lock (the preparer and
/// its font faces are made on the main thread and used only by the preparation thread after).
struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// What identifies a file's contents on disk without reading it: device, inode, size and
/// modification time. A picture replaced under the same name is decoded again.
struct FileStamp: Hashable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// Stamps of every picture a bundle's layouts name, by the path the renderer reads.
    static func assets(of bundle: ContentBundle) -> [String: FileStamp] {
        var stamps: [String: FileStamp] = [:]
        for layout in bundle.layouts.values {
            for reference in layout.assetReferences {
                let path = (layout.assetRoot as NSString).appendingPathComponent(reference.path)
                if let stamp = FileStamp(path: path) { stamps[path] = stamp }
            }
        }
        return stamps
    }
}
