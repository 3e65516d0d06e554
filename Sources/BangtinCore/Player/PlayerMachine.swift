import Foundation

/// The kiosk player's decisions, without a display: given its state, the instant and what
/// happened (a frame is due, a signal, new content, new alerts, a window event), it says what
/// to do (draw these rectangles, reopen the window, go dark, log a line, keep a play record,
/// sleep until then).
///
/// Pure: it reads no clock and touches no file or window. A thin driver performs its actions
/// with SDL, the clock and the threads; tests feed it events with a mock clock and read the
/// actions back.
public struct PlayerMachine: Sendable {
    /// What the machine was started with.
    public struct Start: Sendable {
        public var content: ContentUpdate
        public var clock: PlayerClock.Mode
        /// Stop after this many nanoseconds (benchmarks, tests); nil runs until told to stop.
        public var stopAfter: Int64?
        /// The content is being edited live (`--watch`): while the last load failed, its
        /// problems show over the board (`ProblemOverlay`). Off, they go to the log only: a
        /// board in a public place does not show file paths to passers-by.
        public var watching: Bool

        /// Creates start-up settings.
        public init(content: ContentUpdate, clock: PlayerClock.Mode, stopAfter: Int64? = nil, watching: Bool = false) {
            self.content = content
            self.clock = clock
            self.stopAfter = stopAfter
            self.watching = watching
        }
    }

    private(set) var config: PlayerConfig
    private var clock: PlayerClock
    private let startMonotonic: Int64
    private let stopAfter: Int64?
    private var source: SceneSource
    private var contentVersion: String?
    /// Why the last load failed (shown on the waiting screen, reported in the status).
    private var problem: String? {
        didSet { if problem != oldValue { problemOverlay = nil } }
    }
    private let watching: Bool
    /// The overlay naming `problem` while watching, made once for the board's size.
    private var problemOverlay: LayoutScene?
    /// The board's pixel size: the content's, or the configuration's when there is none.
    public private(set) var board: PixelSize
    private var window: WindowInfo?
    private var stopping = false

    // What is on screen.
    private var previous: Scene?
    /// The last scene drawn, kept also across dark spells and clock steps (`previous` is not).
    private var previousShown: Scene?
    private var lastBrightness = -1
    private var wasOn = true
    private var forceFull = true
    private var shownFirst = false
    private var showing: SceneDecision?

    // Pacing and statistics.
    private var deadline: Int64
    private var frameStart: Int64?
    private var frameDeadline: Int64 = 0
    private var frameDrew = false
    /// What the frame drew, for the log line of a slow frame.
    private var frameWhat = ""
    /// The first frame drawn into a new window touches all of its memory and uploads every
    /// picture: start-up work, logged by itself rather than counted among the frames.
    private var firstFrameInWindow = true
    private var previousFinished: Int64?
    private var nextEventPump: Int64
    private var stats: FrameStats
    private var lastStats: Int64
    /// The instant the last frame showed: the player's clock, on which warnings are judged too.
    public private(set) var lastInstant: Instant = .epoch
    private var lastLighting = (on: true, brightness: 100)

    private var plays: PlayTracker
    /// When the last status went out, and when the next screenshot is due (monotonic); a
    /// screenshot asked for is taken on the next frame, or once `screenshotSpacing` has passed
    /// since the last one (requests meanwhile are one request).
    private var lastStatus: Int64 = 0
    private var nextScreenshot: Int64 = 0
    private var screenshotAsked = false
    /// When the last screenshot was taken (monotonic), asked for or due.
    private var lastScreenshot: Int64?
    /// The tracker's revision and the board time when plays in progress were last handed out.
    private var playingRevision = 0
    private var playingSaved: Instant = .epoch
    /// Why plays that end at the next frame ended, when the scene alone cannot tell.
    private var pendingCause: PlayRecord.Cause?
    /// New content of another version was activated: the next frame closes every play.
    private var versionChanged = false
    /// Content waiting for its boundary (`ContentUpdate.activateAt`).
    private var pendingContent: ContentUpdate?

    /// Creates the machine from the first content load and the first clock readings.
    public init(start: Start, monotonic: Int64, realtime: Instant) {
        config = start.content.config
        clock = PlayerClock(mode: start.clock, monotonic: monotonic, realtime: realtime)
        startMonotonic = monotonic
        stopAfter = start.stopAfter
        watching = start.watching
        board = Self.boardSize(start.content.scheduler, config: start.content.config)
        source = SceneSource(
            scheduler: start.content.scheduler, hours: config.hours, zone: Self.zone(start.content.scheduler, config))
        contentVersion = start.content.version
        problem = start.content.problem
        deadline = monotonic
        nextEventPump = monotonic
        lastStats = monotonic
        lastStatus = monotonic
        nextScreenshot = monotonic
        plays = PlayTracker(board: config.board, contentVersion: start.content.version)
        stats = FrameStats(capacity: Self.samples(config))
    }

    /// Frame times kept for a statistics period's percentiles: every frame of it, up to an
    /// hour at 60 Hz.
    private static func samples(_ config: PlayerConfig) -> Int {
        min(216_000, max(600, config.statsEvery * config.fps))
    }

    /// The first actions: open the window.
    public func start() -> [PlayerAction] {
        [.openWindow(board: board, config: config)]
    }

    /// The shortest time between two screenshots (docs/limits.md), whatever asks for them.
    public static let screenshotSpacing: Int64 = 10_000_000_000

    /// How often plays in progress are saved again while nothing changes, in board time: a
    /// power cut loses at most this much of the plays it cuts.
    public static let playingRefresh: Int64 = 5_000_000_000

    /// One event in, the actions it calls for out.
    public mutating func handle(_ event: PlayerEvent) -> [PlayerAction] {
        var actions = step(event)
        // Plays in progress go to the recorder with the records that closed plays, in the same
        // batch of actions (a durable recorder keeps both in one transaction), and every few
        // seconds while they run.
        let refresh = !plays.isEmpty && lastInstant.nanoseconds(since: playingSaved) >= Self.playingRefresh
        if plays.revision != playingRevision || refresh {
            playingRevision = plays.revision
            playingSaved = lastInstant
            let at = actions.lastIndex { if case .record = $0 { true } else { false } }.map { $0 + 1 } ?? actions.count
            let stop = actions.firstIndex { if case .stop = $0 { true } else { false } } ?? actions.count
            actions.insert(.playing(plays.inProgress(at: lastInstant)), at: min(max(at, 0), stop))
        }
        return actions
    }

    private mutating func step(_ event: PlayerEvent) -> [PlayerAction] {
        switch event {
        case .frame(let monotonic, let realtime): return frame(monotonic: monotonic, realtime: realtime)
        case .frameDone(let monotonic, let cpu): return frameDone(monotonic: monotonic, cpu: cpu)
        case .terminate, .windowClosed:
            stopping = true
            return []
        case .reload:
            return [.log(.notice, "SIGHUP: reloading the configuration and the content"), .reloadContent]
        case .contentChanged(let files):
            let named = files.prefix(5).joined(separator: ", ") + (files.count > 5 ? " and \(files.count - 5) more" : "")
            return [.log(.notice, "changed: \(named); reloading the content"), .reloadContent]
        case .content(let update):
            if let at = update.activateAt, update.scheduler != nil, at > lastInstant {
                pendingContent = update
                return [.log(.info, "content \(update.version ?? "") ready; it takes over at \(at), when the scene showing ends")]
            }
            pendingContent = nil
            return activate(update)
        case .alerts(let alerts):
            source.replace(alerts: alerts)
            let ids = alerts.sorted(by: Alert.mostUrgentFirst).map(\.id)
            var actions: [PlayerAction] = [
                .log(.notice, alerts.isEmpty ? "no active alerts" : "active alerts: \(ids.joined(separator: ", "))")
            ]
            for record in plays.endAlerts(except: Set(ids), at: lastInstant) { actions.append(.record(record)) }
            return actions
        case .windowExposed:
            // What the board shows is still in the canvas: sent again, not drawn again.
            return window == nil ? [] : [.refresh]
        case .windowResized:
            forceFull = true
            return []
        case .rendererLost:
            forceFull = true
            return [.log(.warning, "renderer lost; recreating it"), .recreateRenderer]
        case .screenshotRequested:
            // Requests are unsigned (anyone who can publish on the board's topic): a flood of
            // them is one screenshot per `screenshotSpacing`, logged at debug only.
            if screenshotAsked {
                return [.log(.debug, "screenshot asked for again; one is already waiting")]
            }
            screenshotAsked = true
            return [.log(.info, "screenshot asked for")]
        case .windowOpened(let info):
            window = info
            forceFull = true
            firstFrameInWindow = true
            return [
                .log(
                    .info,
                    "window \(config.window.rawValue) \(info.size) for board \(board), \(info.renderer) renderer, vsync \(info.hasVsync)"
                )
            ]
        }
    }

    /// The longest synced content waits for a boundary of the schedule.
    public static let longestHold: Int64 = 120_000_000_000

    /// How long before a change of scene the next scene is made ready.
    static let preloadAhead: Int64 = 500_000_000

    /// The period of a frame: the display's refresh, else the configured rate.
    public var period: Int64 {
        1_000_000_000 / Int64(max(1, window?.refreshRate ?? config.fps))
    }

    private static func boardSize(_ scheduler: Scheduler?, config: PlayerConfig) -> PixelSize {
        if let scheduler { return scheduler.bundle.schedule.size }
        return PixelSize(width: config.width ?? 1280, height: config.height ?? 720)
    }

    /// The zone operating hours and brightness follow: the configuration's, else the content's.
    private static func zone(_ scheduler: Scheduler?, _ config: PlayerConfig) -> TimeZone {
        ContentTimeZone.named(config.timeZone ?? scheduler?.bundle.schedule.timeZone)
    }

    /// New content (or a failed load, which keeps what shows) and configuration.
    private mutating func activate(_ update: ContentUpdate) -> [PlayerAction] {
        var actions: [PlayerAction] = []
        let placementChanged = update.config.placement != config.placement
        config = update.config
        plays.board = config.board
        if let problem = update.problem { self.problem = problem }
        let scheduler = update.scheduler ?? source.scheduler
        if update.scheduler != nil {
            problem = nil
            // Plays under the old content end with it when it shows something else or is
            // another version; a reload of the same content leaves them running.
            if update.version != contentVersion { versionChanged = true }
            contentVersion = update.version
            pendingCause = .contentChanged
        }
        source.replace(scheduler: scheduler, hours: config.hours, zone: Self.zone(scheduler, config))
        let size = Self.boardSize(scheduler, config: config)
        if size != board || placementChanged {
            board = size
            window = nil
            actions.append(.openWindow(board: board, config: config))
        }
        return actions
    }

    private mutating func frame(monotonic: Int64, realtime: Instant) -> [PlayerAction] {
        var actions: [PlayerAction] = []
        frameStart = monotonic
        frameDeadline = deadline
        frameDrew = false
        if let stopAfter, monotonic - startMonotonic >= stopAfter { stopping = true }
        if stopping {
            for record in plays.closeAll(at: lastInstant, cause: .stopped) { actions.append(.record(record)) }
            actions.append(.log(.notice, stats.summary))
            actions.append(.status(status(at: monotonic)))
            actions.append(.stop)
            return actions
        }
        if monotonic >= nextEventPump {
            // Asking the X server every frame costs more than a steady frame's drawing.
            actions.append(.pumpWindowEvents)
            nextEventPump = monotonic + 100_000_000
        }
        guard window != nil else { return actions }
        let (instant, reanchored) = clock.instant(monotonic: monotonic, realtime: realtime)
        if reanchored {
            actions.append(.log(.notice, "wall clock stepped; now \(instant)"))
            for record in plays.closeAll(at: lastInstant, cause: .clockChanged) { actions.append(.record(record)) }
            previous = nil
        }
        lastInstant = instant
        // Content held for its boundary takes over when it comes (at once if the clock was
        // stepped back far from it).
        if let pending = pendingContent, let at = pending.activateAt,
            instant >= at || at.nanoseconds(since: instant) > Self.longestHold
        {
            pendingContent = nil
            actions += activate(pending)
            if window == nil { return actions }
        }
        let lighting = source.lighting(at: instant)
        if lighting.on != lastLighting.on || lighting.brightness != lastLighting.brightness {
            lastLighting = lighting
            actions.append(.lighting(on: lighting.on, brightness: lighting.brightness))
        }
        if !lighting.on {
            // Outside operating hours the board is black (LED walls are switched off).
            if wasOn || forceFull {
                for record in plays.closeAll(at: instant, cause: .boardOff) { actions.append(.record(record)) }
                actions += [.goDark, .present]
                frameDrew = true
                showing = nil
                announceReady(&actions, at: instant, dark: true)
            }
            wasOn = false
            previous = nil
            forceFull = false
            return actions
        }
        wasOn = true
        var (scene, isNew) = source.scene(at: instant, size: board, problem: problem)
        if watching, let problem {
            if problemOverlay?.size != board {
                let folder = ProblemOverlay.folder(of: config.content)
                problemOverlay = ProblemOverlay.scene(problem: problem, size: board, folder: folder)
            }
            scene.overlays.append(problemOverlay!)
        }
        let brightness = lighting.brightness
        let dirty: [PixelRect]? =
            forceFull || brightness != lastBrightness ? nil : previous.flatMap { scene.dirtyRects(since: $0) }
        if dirty.map({ !$0.isEmpty }) ?? true {
            frameWhat =
                dirty.map { "\($0.count) rectangles (\($0.reduce(0) { $0 + $1.width * $1.height }) px)" } ?? "the whole board"
            if isNew { frameWhat += ", a new scene of \(scene.decision.layout)" }
            actions.append(.draw(scene, dirty: dirty, brightness: brightness, isNew: isNew))
            actions.append(.present)
            frameDrew = true
        }
        if isNew || plays.isEmpty {
            // Plays change only with a new scene, or start again after the board was dark or
            // the clock was set (which closed them all).
            let cause = pendingCause
            pendingCause = nil
            if cause == .contentChanged, versionChanged || !(previousShown?.showsTheSame(as: scene) ?? false) {
                for record in plays.closeAll(at: instant, cause: .contentChanged) { actions.append(.record(record)) }
            }
            versionChanged = false
            plays.contentVersion = contentVersion
            for record in plays.show(scene, at: instant, brightness: brightness, cause: cause) {
                actions.append(.record(record))
            }
        }
        if isNew {
            if showing != scene.decision {
                if showing?.layout != scene.decision.layout || showing?.reason != scene.decision.reason {
                    actions.append(.log(.info, "showing \(scene.decision.summary)"))
                }
                showing = scene.decision
            }
            actions.append(.lookAhead(from: instant, alerts: source.alerts))
        }
        previous = scene
        previousShown = scene
        lastBrightness = brightness
        // In the half second before the scene changes, quiet frames make the next one ready a
        // piece at a time: the frame that shows it then only draws.
        if !isNew, let until = source.currentHoldsUntil, until.nanoseconds(since: instant) <= Self.preloadAhead,
            let upcoming = source.upcoming()
        {
            actions.append(.preload(upcoming, brightness: brightness))
        }
        forceFull = false
        if frameDrew { announceReady(&actions, at: instant, dark: false) }
        return actions
    }

    private mutating func announceReady(_ actions: inout [PlayerAction], at instant: Instant, dark: Bool) {
        guard !shownFirst else { return }
        shownFirst = true
        let what = dark ? "dark (outside operating hours)" : "first frame shown"
        actions.append(.ready("ready: \(what) at \(instant), board \(board), \(window?.renderer ?? "no") renderer"))
    }

    /// After a frame's work: statistics, and when to wake for the next.
    private mutating func frameDone(monotonic: Int64, cpu: Int64) -> [PlayerAction] {
        guard let woke = frameStart else { return [] }
        frameStart = nil
        var actions: [PlayerAction] = []
        let period = self.period
        if frameDrew && firstFrameInWindow {
            firstFrameInWindow = false
            previousFinished = monotonic
            actions.append(
                .log(
                    .info,
                    "first frame in the window drawn in \(Double((monotonic - woke) / 10_000) / 100) ms (start-up, not counted in the frame times)"
                ))
        } else if frameDrew {
            if monotonic - woke > 1_000_000 {
                let ms = { (n: Int64) in Double(n / 10_000) / 100 }
                actions.append(.log(.debug, "frame work \(ms(monotonic - woke)) ms (\(ms(cpu)) ms CPU): drew \(frameWhat)"))
            }
            stats.record(
                FrameStats.Timing(
                    deadline: frameDeadline, woke: woke, finished: monotonic, cpu: cpu, previousFinished: previousFinished),
                period: period)
            previousFinished = monotonic
        }
        reports(&actions, monotonic: monotonic)
        if monotonic - lastStats >= Int64(config.statsEvery) * 1_000_000_000 {
            actions.append(.log(.info, stats.summary))
            actions.append(.status(status(at: monotonic)))
            stats.reset()
            lastStats = monotonic
            lastStatus = monotonic
        }
        if !wasOn {
            // Dark: look at the clock four times a second.
            deadline = monotonic + 250_000_000
        } else if window?.hasVsync == true && frameDrew {
            // Presenting waited for the display: the next frame is due a period on.
            deadline = monotonic + period
            return actions
        } else {
            deadline += period
            if deadline < monotonic - period { deadline = monotonic }
        }
        actions.append(.sleep(untilMonotonic: deadline))
        return actions
    }

    /// The status every `report.every` seconds, and screenshots every `report.screenshotEvery`
    /// seconds or when asked for, of what this frame showed.
    private mutating func reports(_ actions: inout [PlayerAction], monotonic: Int64) {
        let report = config.report
        guard report.isConfigured else { return }
        if monotonic - lastStatus >= Int64(report.every) * 1_000_000_000 {
            actions.append(.status(status(at: monotonic)))
            lastStatus = monotonic
        }
        let due = report.screenshotEvery > 0 && monotonic >= nextScreenshot
        guard due || screenshotAsked else { return }
        if let last = lastScreenshot, monotonic - last < Self.screenshotSpacing { return }
        screenshotAsked = false
        lastScreenshot = monotonic
        if report.screenshotEvery > 0 { nextScreenshot = monotonic + Int64(report.screenshotEvery) * 1_000_000_000 }
        actions.append(.screenshot(wasOn ? previousShown : nil, brightness: lastLighting.brightness, at: lastInstant))
    }

    /// The board's status now.
    public func status(at monotonic: Int64) -> BoardStatus {
        BoardStatus(
            board: config.board, at: lastInstant, uptimeNanoseconds: monotonic - startMonotonic,
            showing: wasOn ? showing : nil, alerts: source.alerts.sorted(by: Alert.mostUrgentFirst).map(\.id),
            lit: lastLighting.on, brightness: lastLighting.brightness, contentVersion: contentVersion,
            contentProblem: problem, boardSize: board, renderer: window?.renderer ?? "", frames: stats.figures)
    }
}
