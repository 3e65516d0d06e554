import BangtinContent
import BangtinCore
import BangtinNet
import BangtinRender
import BangtinReport
import BangtinSync
import BangtinTrust
import Foundation
import Logging
import Synchronization

/// What a player run needs besides its fonts.
public struct PlayerOptions: Sendable {
    /// The configuration in force at start-up, command-line overrides applied.
    public var config: PlayerConfig
    /// The configuration file, re-read on SIGHUP; nil when running without one.
    public var configPath: String?
    /// Settings from the command line, which win over the file also when it is re-read.
    public var overrides: PlayerConfig.Overrides
    public var clock: PlayerClock.Mode
    /// Stop after this many seconds (benchmarks, tests); nil runs until told to stop.
    public var seconds: Double?
    /// Where proof of play and status reports go.
    public var recorder: any Recorder
    /// Whether text is set and pictures decoded ahead on the preparation thread; off only to
    /// measure the frame loop doing it all itself, caches dropped on every reload (the player
    /// before it had a preparation thread).
    public var preparesAhead: Bool
    /// Reload when a file of the content changes (`--watch`), showing a failed load's
    /// problems over the board.
    public var watch: Bool

    /// Creates options.
    public init(
        config: PlayerConfig, configPath: String?, overrides: PlayerConfig.Overrides = .init(), clock: PlayerClock.Mode,
        seconds: Double?, recorder: any Recorder = LogRecorder(), preparesAhead: Bool = true, watch: Bool = false
    ) {
        self.config = overrides.applied(to: config)
        self.configPath = configPath
        self.overrides = overrides
        self.clock = clock
        self.seconds = seconds
        self.recorder = recorder
        self.preparesAhead = preparesAhead
        self.watch = watch
    }
}

/// The kiosk player: plays content live in the board's window, unattended for months.
///
/// A thin driver around `PlayerMachine`, which decides everything: this turns signals, the
/// preparation thread and the window into events, and performs the actions that come back
/// with SDL, the clock and the threads. Runs on the process's main thread (SDL's rule).
public final class BoardPlayer {
    private let options: PlayerOptions
    private let fonts: FontLibrary
    private let logger: Logger
    private var window: BoardWindow?
    private var canvas: (any WindowCanvas)?
    private var events: [PlayerEvent] = []
    private var preparation: Preparation?
    private var sync: ContentSync?
    private var reports: ReportService?
    /// Proof of play and statuses: the options' recorder, and the report store when configured.
    private var recorder: any Recorder = LogRecorder()
    /// Set when the source asks for a screenshot: on the push channel, or in a manifest.
    private let screenshotAsked = Flag()
    private let errors = RecentErrors()
    /// Where MQTT messages wait to be read, off the MQTT thread.
    private var intake: AlertIntake?
    /// Files saved under `--watch`, for the loop to take.
    private let saved = PendingChanges()

    /// Creates a player.
    public init(options: PlayerOptions, fonts: FontLibrary, logger: Logger) {
        self.options = options
        self.fonts = fonts
        self.logger = errors.watching(logger)
    }

    /// How many prepared texts and pictures the window's renderer uploaded, and how many it
    /// had to set or decode itself (the preparation thread had not got to them), so far.
    public var renderWork: (uploads: Int, unprepared: Int) {
        (uploadsBefore + (canvas?.frames.uploads ?? 0), unpreparedBefore + (canvas?.frames.unprepared ?? 0))
    }
    private var uploadsBefore = 0
    private var unpreparedBefore = 0

    /// Plays until SIGTERM/SIGINT, the window is closed, or `seconds` pass.
    public func run() throws {
        // Signals first: a SIGTERM during start-up must stop the player cleanly, not kill it.
        let signals = SignalFlags()
        let preparation = Preparation(
            config: options.config, configPath: options.configPath, overrides: options.overrides, fonts: fonts,
            logger: logger)
        self.preparation = preparation
        let startMonotonic = SystemClock.monotonic()
        let startRealtime = SystemClock.now()
        var clock = PlayerClock(mode: options.clock, monotonic: startMonotonic, realtime: startRealtime)
        let firstInstant = clock.instant(monotonic: startMonotonic, realtime: startRealtime).instant
        let first = preparation.loadNow(at: firstInstant)
        // The player's clock as the last frame read it: warnings are judged on it, as the scene is.
        let playerNow = Atomic<Int64>(firstInstant.nanosecondsSinceEpoch)
        var machine = PlayerMachine(
            start: .init(
                content: first, clock: options.clock, stopAfter: options.seconds.map { Int64($0 * 1e9) },
                watching: options.watch),
            monotonic: startMonotonic, realtime: startRealtime)
        preparation.start()
        defer { preparation.stop() }
        let watcher = startWatching()
        defer { watcher?.stop() }
        let sync = try startSync(preparation: preparation)
        self.sync = sync
        defer { sync?.stop() }
        let reports = startReports(
            sync: sync, zone: options.config.timeZone ?? first.scheduler?.bundle.schedule.timeZone ?? Layout.defaultTimeZone)
        self.reports = reports
        recorder = reports.map { RecorderGroup([options.recorder, $0.recorder]) } ?? options.recorder
        defer { reports?.stop() }
        for warning in SecretFiles.warnings(for: options.config, configPath: options.configPath) {
            logger.warning("\(warning)")
        }
        let alerting = startAlerts { Instant(nanosecondsSinceEpoch: playerNow.load(ordering: .relaxed)) }
        defer {
            alerting?.paths.stop()
            alerting?.mqtt?.stop()
            _ = intake?.stop(waitingUpTo: 1)
        }
        var lastAlerts: [Alert] = []
        var nextAlertChange: Instant?
        // Warnings kept from before a power cut show before anything else.
        func checkAlerts() {
            guard let alerting else { return }
            let now = Instant(nanosecondsSinceEpoch: playerNow.load(ordering: .relaxed))
            guard
                let update = alerting.receiver.activeIfChanged(
                    at: now, showTests: options.config.alerts.showTests, due: nextAlertChange.map { now >= $0 } ?? false)
            else { return }
            nextAlertChange = update.next
            if update.alerts != lastAlerts {
                lastAlerts = update.alerts
                events.append(.alerts(update.alerts))
            }
        }
        checkAlerts()

        _ = try perform(machine.start(), board: machine.board)
        while true {
            checkAlerts()
            if signals.shouldQuit { events.append(.terminate) }
            if signals.takeReload() { events.append(.reload) }
            if let files = saved.take() { events.append(.contentChanged(files)) }
            if screenshotAsked.take() {
                events.append(.screenshotRequested)
            }
            if let ready = preparation.takeReady() {
                canvas?.frames.forgetImages(paths: ready.changedImages)
                if !options.preparesAhead, ready.update.scheduler != nil { canvas?.frames.purgeCaches() }
                events.append(.content(ready.update))
            }
            while !events.isEmpty {
                let event = events.removeFirst()
                _ = try perform(machine.handle(event), board: machine.board)
            }
            let woke = SystemClock.monotonic()
            let cpu = SystemClock.threadCPU()
            if try perform(machine.handle(.frame(monotonic: woke, realtime: SystemClock.now())), board: machine.board) {
                return
            }
            if machine.lastInstant != .epoch {
                playerNow.store(machine.lastInstant.nanosecondsSinceEpoch, ordering: .relaxed)
            }
            let done = machine.handle(.frameDone(monotonic: SystemClock.monotonic(), cpu: SystemClock.threadCPU() - cpu))
            _ = try perform(done, board: machine.board)
        }
    }

    /// Starts content sync when the configuration names a source. The board is already playing
    /// what the cache holds; the first poll runs in the background.
    private func startSync(preparation: Preparation) throws -> ContentSync? {
        let config = options.config
        let settings: SyncSettings?
        do {
            settings = try ContentSync.settings(of: config, fonts: fonts.catalog)
        } catch {
            logger.error("content sync is off: \(error)")
            return nil
        }
        guard let settings else { return nil }
        let logger = self.logger
        let asked = screenshotAsked
        let sync = ContentSync(
            settings: settings, pollEvery: config.pollEvery, correctClock: config.correctClock, logger: logger,
            onScreenshotRequest: { _ in asked.raise() }
        ) { version in
            logger.notice("content sync: version \(version) is active; loading it for the next boundary of the schedule")
            preparation.requestSyncedReload()
        }
        sync.start()
        logger.info("content sync from \(settings.source) into \(settings.cache) every \(config.pollEvery) s")
        return sync
    }

    /// Starts watching the content's files under `--watch`; a save reloads it as SIGHUP does.
    private func startWatching() -> FileWatcher? {
        guard options.watch else { return nil }
        guard let content = options.config.content else {
            logger.error("--watch: no content file or folder to watch (content from sync is not watched)")
            return nil
        }
        let saved = self.saved
        do {
            let watcher = try FileWatcher(content: content, logger: logger) { saved.add($0) }
            logger.notice("watching \(watcher.root) for changes")
            return watcher
        } catch {
            logger.error("--watch: \(error); reload with SIGHUP instead")
            return nil
        }
    }

    /// Starts keeping (and sending) reports when the configuration has a `report` section.
    private func startReports(sync: ContentSync?, zone: String) -> ReportService? {
        let config = options.config
        guard config.report.isConfigured else { return nil }
        let link: LinkOptions
        do {
            link = try ContentSync.link(of: config)
        } catch {
            logger.error("reports are off: \(error)")
            return nil
        }
        let errors = self.errors
        return ReportService(
            config: config, link: link, fonts: fonts,
            facts: {
                var facts = BoardFacts()
                facts.timeZone = zone
                if let health = sync?.health {
                    facts.lastSync = health.lastSuccess
                    facts.lastSyncVersion = health.version.map(Int64.init)
                    facts.clockBehindSeconds = health.clockBehindSeconds
                }
                facts.cacheBytes = config.cache.map(DiskUse.bytes(under:))
                facts.freeDiskBytes = DiskUse.freeBytes(at: config.report.store ?? config.cache ?? "/")
                facts.recentErrors = errors.all
                return facts
            }, logger: logger)
    }

    /// Starts taking warnings when the configuration names a path for them.
    private func startAlerts(
        clock: @escaping @Sendable () -> Instant
    ) -> (receiver: AlertReceiver, paths: AlertPaths, mqtt: MQTTSubscriber?)? {
        let config = options.config
        guard config.alerts.isConfigured else { return nil }
        let trust: WarningTrust
        do {
            trust = try WarningTrust(configured: config.alerts.trust)
        } catch {
            logger.error("warnings are off: \(error)")
            return nil
        }
        for key in trust.anchors {
            logger.info("alerts: trusting warning key \(key.id) (\(PrintableText.escaped(key.name))): \(key.scope?.text ?? "")")
        }
        let store = config.alerts.store ?? config.cache.map { $0 + "/alerts" }
        let receiver = AlertReceiver(
            trust: trust, store: store, board: config.area, freshness: config.alerts.freshness, clock: clock, logger: logger)
        let paths = AlertPaths(delivery: config.alerts, receiver: receiver, logger: logger)
        paths.start()
        let mqtt = startMQTT(config, receiver: receiver)
        logger.info(
            "warnings from \([config.alerts.folder.map { "folder \($0)" }, config.alerts.pollURL.map { "poll \($0)" }, config.alerts.mqttURL.map { "MQTT \($0)" }].compactMap { $0 }.joined(separator: ", "))"
        )
        return (receiver, paths, mqtt)
    }

    /// Subscribes to the board's alert topics (QoS 1, a persistent session under the board's
    /// id); every message goes to the receiver, on the MQTT thread.
    private func startMQTT(_ config: PlayerConfig, receiver: AlertReceiver) -> MQTTSubscriber? {
        guard let url = config.alerts.mqttURL else { return nil }
        let logger = self.logger
        do {
            var options = try MQTTOptions(
                url: url, clientID: "bangtin-\(config.board)",
                topics: config.alerts.subscriptions(board: config.board, area: config.area))
            options.username = config.alerts.mqttUsername
            options.password = config.alerts.mqttPassword
            if let ca = config.alerts.mqttCAFile {
                options.caFile = ca
                options.tls = true
            }
            // The source asks for a screenshot on the board's own command topic.
            let shotTopic = "bangtin/board/\(config.board)/screenshot"
            if config.report.isConfigured { options.topics.append(shotTopic) }
            let asked = screenshotAsked
            // The MQTT thread only hands messages on: reading, verifying and storing happen on
            // the intake's thread, behind a bounded queue.
            let intake = AlertIntake(logger: logger) { bytes, via in receiver.accept(bytes, via: via) }
            intake.start()
            self.intake = intake
            let subscriber = try MQTTSubscriber(
                options: options,
                onMessage: { message in
                    if message.topic == shotTopic {
                        asked.raise()
                    } else {
                        intake.add(message.payload, via: "MQTT \(message.topic)")
                    }
                },
                onState: { state in logger.info("alerts: MQTT \(url): \(state)") },
                onDrop: { dropped in logger.warning("alerts: MQTT \(url): \(dropped)") })
            try subscriber.start()
            return subscriber
        } catch {
            logger.error("alerts: MQTT \(url): \(error); warnings come by the other paths only")
            return nil
        }
    }

    /// Performs actions in order, for a board of `board` pixels; returns true when told to stop.
    private func perform(_ actions: [PlayerAction], board: PixelSize) throws -> Bool {
        for action in actions {
            switch action {
            case .openWindow(let board, let config):
                try openWindow(board: board, config: config)
            case .recreateRenderer:
                guard let window, let config = openedConfig else { break }
                (uploadsBefore, unpreparedBefore) = renderWork
                canvas = nil
                canvas = try makeCanvas(
                    window: window, board: board, kind: config.renderer.canvasKind, fonts: fonts,
                    prepared: store, logger: logger)
            case .draw(let scene, let dirty, let brightness, let isNew):
                // A new scene changing much of the board may have been drawn ahead: copying it
                // beats drawing it.
                let big = dirty.map { $0.reduce(0) { $0 + $1.width * $1.height } * 16 >= scene.size.width * scene.size.height }
                // (Frames are drawn ahead of still scenes only: none shows a fade starting.)
                let frame =
                    isNew && scene.isStill && big ?? true ? store?.frame(showing: scene, brightness: brightness) : nil
                canvas?.draw(scene, dirty: dirty, brightness: brightness, from: frame)
            case .preload(let scene, _):
                canvas?.frames.preload(scene)
            case .goDark:
                canvas?.draw(
                    Scene(main: LayoutScene(size: board, background: .black, regions: [])), dirty: nil, brightness: 100,
                    from: nil)
            case .present:
                canvas?.present()
            case .refresh:
                canvas?.refresh()
            case .pumpWindowEvents:
                pumpWindowEvents()
            case .lighting(let on, let brightness):
                logger.info("board \(on ? "on, brightness \(brightness) %" : "off (outside operating hours)")")
            case .log(let level, let message):
                logger.log(level: level.loggerLevel, "\(message)")
            case .record(let play):
                recorder.record(play)
            case .status(let status):
                recorder.report(status)
            case .playing(let plays):
                recorder.playing(plays)
            case .screenshot(let scene, let brightness, let at):
                reports?.screenshot(scene, brightness: brightness, board: board, at: at)
            case .lookAhead(let instant, let alerts):
                if options.preparesAhead { preparation?.lookAhead(from: instant, alerts: alerts) }
            case .reloadContent:
                preparation?.requestReload()
                sync?.pollNow()
            case .ready(let line):
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            case .sleep(let deadline):
                SystemClock.sleep(untilMonotonic: deadline)
            case .stop:
                return true
            }
        }
        return false
    }

    /// What the preparation thread makes ready for the window's renderer.
    private var store: PreparedAssets? { options.preparesAhead ? preparation?.store : nil }

    /// The configuration the window was opened with.
    private var openedConfig: PlayerConfig?

    private func openWindow(board: PixelSize, config: PlayerConfig) throws {
        (uploadsBefore, unpreparedBefore) = renderWork
        canvas = nil
        window = nil
        let size = PixelSize(width: config.width ?? board.width, height: config.height ?? board.height)
        let window = try BoardWindow(
            title: "bangtin — \(config.board)",
            placement: BoardWindow.Placement(
                mode: config.window.windowMode, display: config.display, x: config.x, y: config.y, size: size))
        let canvas = try makeCanvas(
            window: window, board: board, kind: config.renderer.canvasKind, fonts: fonts, prepared: store,
            logger: logger)
        if config.smoothTicker && !canvas.drawsSubpixels {
            // Sub-pixel positions would be cut to whole pixels anyway; whole-pixel motion keeps
            // tickers on their composed band.
            logger.notice("smoothTicker has no effect with the \(canvas.name) renderer (whole pixels only)")
            preparation?.setSubpixel(false)
            preparation?.requestReload()
        }
        self.window = window
        self.canvas = canvas
        openedConfig = config
        events.append(
            .windowOpened(
                WindowInfo(refreshRate: window.refreshRate, hasVsync: canvas.hasVsync, renderer: canvas.name, size: window.size)))
    }

    private func pumpWindowEvents() {
        guard let window else { return }
        switch window.pollEvents() {
        case .quit: events.append(.windowClosed)
        case .redraw: events.append(.windowExposed)
        case .resized:
            canvas?.windowChanged()
            events.append(.windowResized)
        case .rendererLost: events.append(.rendererLost)
        case .none: break
        }
    }
}

/// Proof of play and status into the log (debug level): what a board without a report
/// destination keeps.
public struct LogRecorder: Recorder {
    private let logger: Logger?

    /// Creates a recorder writing to `logger`, or to nothing.
    public init(logger: Logger? = nil) {
        self.logger = logger
    }

    public func record(_ play: PlayRecord) {
        logger?.debug("played \(play.subject) \(play.start)–\(play.end): \(play.outcome)")
    }

    public func report(_ status: BoardStatus) {
        logger?.debug("status: \(status.showing?.summary ?? "dark"), \(status.frames.frames) frames")
    }
}

extension LogLevel {
    var loggerLevel: Logger.Level {
        switch self {
        case .debug: .debug
        case .info: .info
        case .notice: .notice
        case .warning: .warning
        case .error: .error
        }
    }
}

extension PlayerConfig.WindowMode {
    var windowMode: BoardWindow.Mode {
        switch self {
        case .fullscreen: .fullscreen
        case .borderless: .borderless
        case .windowed: .windowed
        }
    }
}

extension PlayerConfig.RendererKind {
    var canvasKind: CanvasKind {
        switch self {
        case .auto: .auto
        case .software: .software
        case .accelerated: .accelerated
        }
    }
}

/// A flag one thread raises and another takes down.
final class Flag: Sendable {
    private let raised = Mutex(false)

    func raise() { raised.withLock { $0 = true } }

    /// Whether it was raised, lowering it.
    func take() -> Bool {
        raised.withLock { raised in
            defer { raised = false }
            return raised
        }
    }
}
