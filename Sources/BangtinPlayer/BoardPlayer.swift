import BangtinContent
import BangtinCore
import BangtinRender
import Foundation
import Logging

/// What a player run needs besides its configuration.
public struct PlayerOptions: Sendable {
    public var config: PlayerConfig
    /// The configuration file, re-read on SIGHUP; nil when running without one.
    public var configPath: String?
    /// Bundle folder or layout file.
    public var contentPath: String
    public var clock: PlayerClock.Mode
    /// Stop after this many seconds (benchmarks, tests); nil runs until told to stop.
    public var seconds: Double?

    /// Creates options.
    public init(config: PlayerConfig, configPath: String?, contentPath: String, clock: PlayerClock.Mode, seconds: Double?) {
        self.config = config
        self.configPath = configPath
        self.contentPath = contentPath
        self.clock = clock
        self.seconds = seconds
    }
}

/// The kiosk player: plays content live in the board's window, unattended for months.
///
/// Runs on the process's main thread (SDL's rule); content loads on its own thread; signals
/// arrive as flags. The scene is the same pure function `render` uses, so a frame shown at T
/// equals `render --at T`.
public final class BoardPlayer {
    private var options: PlayerOptions
    private let fonts: FontLibrary
    private let logger: Logger

    /// Creates a player.
    public init(options: PlayerOptions, fonts: FontLibrary, logger: Logger) {
        self.options = options
        self.fonts = fonts
        self.logger = logger
    }

    /// Plays until SIGTERM/SIGINT, the window is closed, or `seconds` pass.
    public func run() throws {
        let signals = SignalFlags()
        let loader = ContentLoader(
            path: options.contentPath, catalog: fonts.catalog, subpixel: options.config.smoothTicker, logger: logger)
        var scheduler = loader.loadNow()
        var generation = loader.current().generation
        loader.start()
        defer { loader.stop() }

        var board = boardSize(scheduler)
        var (window, canvas) = try openWindow(board: board)
        var period = framePeriod(window)
        if options.config.smoothTicker && !canvas.drawsSubpixels {
            // Sub-pixel positions would be cut to whole pixels anyway; whole-pixel motion keeps
            // tickers on their composed band.
            logger.notice("smoothTicker has no effect with the \(canvas.name) renderer (whole pixels only)")
            loader.setSubpixel(false)
            scheduler = scheduler.map { Scheduler(bundle: $0.bundle, subpixelMotion: false) }
        }
        let startMonotonic = Monotonic.now()
        var clock = PlayerClock(mode: options.clock, monotonic: startMonotonic, realtime: Monotonic.wallNow())
        var previous: Scene?
        var lastBrightness = -1
        var wasOn = true
        var forceFull = true
        var shownFirst = false
        var stats = FrameStats()
        var lastStats = startMonotonic
        var lastLoop: Int64?
        var deadline = startMonotonic
        var waiting: Layout?
        var loops = 0
        let eventsEvery = max(1, options.config.fps / 10)
        var subpixel = canvas.drawsSubpixels
        var source = FrameSource(scheduler: scheduler, hours: options.config.hours, zone: timeZone(scheduler))

        while !signals.shouldQuit {
            let loopStart = Monotonic.now()
            if let seconds = options.seconds, Double(loopStart - startMonotonic) / 1e9 >= seconds { break }
            // Window events (close, expose, resize) are looked at about ten times a second:
            // asking the X server every frame costs more than a steady frame's drawing.
            loops += 1
            let polled = loops % eventsEvery == 1 || eventsEvery == 1 ? window.pollEvents() : .none
            switch polled {
            case .quit: return finish(stats)
            case .redraw: forceFull = true
            case .rendererLost:
                logger.warning("renderer lost; recreating it")
                canvas = try makeCanvas(window: window, board: board, kind: options.config.renderer, fonts: fonts, logger: logger)
                forceFull = true
            case .none: break
            }
            if signals.takeReload() {
                reload(loader, subpixel: subpixel)
                source.replace(scheduler: scheduler, hours: options.config.hours, zone: timeZone(scheduler))
            }
            let latest = loader.current()
            if latest.generation != generation, let next = latest.scheduler {
                scheduler = next
                generation = latest.generation
                forceFull = true
                canvas.frames.purgeCaches()
                if boardSize(scheduler) != board {
                    board = boardSize(scheduler)
                    (window, canvas) = try openWindow(board: board)
                    period = framePeriod(window)
                }
                subpixel = canvas.drawsSubpixels
                source.replace(scheduler: scheduler, hours: options.config.hours, zone: timeZone(scheduler))
            }

            let (instant, reanchored) = clock.instant(monotonic: loopStart, realtime: Monotonic.wallNow())
            if reanchored { logger.notice("wall clock stepped; now \(instant)") }
            var drew = false
            let lighting = source.lighting(at: instant)
            if !lighting.on {
                // Outside operating hours the board is black (LED walls are switched off).
                if wasOn || forceFull {
                    canvas.draw(
                        Scene(main: LayoutScene(size: board, background: .black, regions: [])), dirty: nil, brightness: 100)
                    canvas.present()
                }
                wasOn = false
                previous = nil
                forceFull = false
                window.idle(milliseconds: 250)
                continue
            }
            wasOn = true
            let scene: Scene
            if let current = source.scene(at: instant) {
                scene = current
            } else {
                if waiting == nil { waiting = WaitingScreen.layout(size: board, problem: loader.lastError) }
                scene = waiting!.boardScene(at: instant)
            }
            let brightness = lighting.brightness
            let dirty: [PixelRect]? =
                forceFull || brightness != lastBrightness ? nil : previous.flatMap { scene.dirtyRects(since: $0) }
            if dirty.map({ !$0.isEmpty }) ?? true {
                canvas.draw(scene, dirty: dirty, brightness: brightness)
                drew = true
            }
            let work = Monotonic.now() - loopStart
            if drew { canvas.present() }
            previous = scene
            lastBrightness = brightness
            forceFull = false
            if drew {
                stats.record(
                    workNanoseconds: work, intervalNanoseconds: lastLoop.map { loopStart - $0 }, periodNanoseconds: period)
                if !shownFirst {
                    shownFirst = true
                    let line = "ready: first frame shown at \(instant), board \(board), \(canvas.name) renderer\n"
                    FileHandle.standardOutput.write(Data(line.utf8))
                }
            }
            lastLoop = loopStart
            if loopStart - lastStats >= Int64(options.config.statsEvery) * 1_000_000_000 {
                logger.info("\(stats.summary)")
                stats.reset()
                lastStats = loopStart
            }
            // Pace to the display's rate where present() does not wait for vsync.
            if !canvas.hasVsync || !drew {
                deadline += period
                let now = Monotonic.now()
                if deadline < now - period { deadline = now }
                Monotonic.sleep(until: deadline)
            }
        }
        finish(stats)
    }

    private func finish(_ stats: FrameStats) {
        logger.notice("\(stats.summary)")
    }

    /// - Parameter subpixel: whether the canvas can show sub-pixel positions at all.
    private func reload(_ loader: ContentLoader, subpixel: Bool) {
        guard let path = options.configPath else {
            logger.notice("SIGHUP: reloading content")
            loader.requestReload()
            return
        }
        switch Result(catching: { () throws(ContentError) in try PlayerConfigFile.load(path) }) {
        case .success(let config):
            options.config = config
            if let content = config.content { options.contentPath = content }
            logger.notice("SIGHUP: configuration reloaded from \(path); reloading content")
            loader.requestReload(path: options.contentPath, subpixel: config.smoothTicker && subpixel)
        case .failure(let error):
            logger.error("SIGHUP: kept the previous configuration:\n\(error.description)")
            loader.requestReload()
        }
    }

    private func boardSize(_ scheduler: Scheduler?) -> PixelSize {
        if let scheduler { return scheduler.bundle.schedule.size }
        return PixelSize(width: options.config.width ?? 1280, height: options.config.height ?? 720)
    }

    private func timeZone(_ scheduler: Scheduler?) -> TimeZone {
        let name = options.config.timeZone ?? scheduler?.bundle.schedule.timeZone ?? Layout.defaultTimeZone
        return TimeZone(identifier: name) ?? TimeZone(identifier: Layout.defaultTimeZone)!
    }

    private func openWindow(board: PixelSize) throws -> (BoardWindow, any WindowCanvas) {
        let config = options.config
        let size = PixelSize(width: config.width ?? board.width, height: config.height ?? board.height)
        let window = try BoardWindow(
            title: "bangtin — \(config.board)",
            placement: BoardWindow.Placement(mode: config.window, display: config.display, x: config.x, y: config.y, size: size))
        let canvas = try makeCanvas(window: window, board: board, kind: config.renderer, fonts: fonts, logger: logger)
        logger.info(
            "window \(config.window.rawValue) \(window.size) for board \(board), \(canvas.name) renderer, vsync \(canvas.hasVsync)"
        )
        return (window, canvas)
    }

    private func framePeriod(_ window: BoardWindow) -> Int64 {
        1_000_000_000 / Int64(max(1, window.refreshRate ?? options.config.fps))
    }
}

/// Monotonic and wall clock readings, and sleeping to a monotonic deadline.
enum Monotonic {
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    static func wallNow() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }

    static func sleep(until deadline: Int64) {
        var spec = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &spec, nil) == EINTR {}
    }
}

/// Shown when no valid content has ever loaded: never a black screen.
enum WaitingScreen {
    static func layout(size: PixelSize, problem: String?) -> Layout {
        let big = max(10, min(size.width / 16, size.height / 6))
        let small = max(8, big / 3)
        let note = (problem.map { String($0.split(separator: "\n").first ?? "") } ?? "").filter { $0 != "{" && $0 != "}" }
        return Layout(
            name: "waiting", size: size, background: Color(red: 0x0A, green: 0x18, blue: 0x38),
            regions: [
                Region(
                    id: "title", frame: PixelRect(x: 0, y: 0, width: size.width, height: size.height * 2 / 3),
                    padding: max(2, size.height / 40),
                    items: [
                        Item(
                            durationMilliseconds: 60_000,
                            content: .text(
                                TextItem(
                                    text: "BẢNG TIN ĐIỆN TỬ\nĐang chờ nội dung hợp lệ",
                                    style: TextStyle(
                                        font: FontSpec(family: "Noto Sans", size: big, weight: .bold),
                                        color: Color(red: 0xFF, green: 0xD2, blue: 0),
                                        alignment: .center, verticalAlignment: .middle, fit: .shrink(minimumSize: 6)))))
                    ]),
                Region(
                    id: "detail",
                    frame: PixelRect(x: 0, y: size.height * 2 / 3, width: size.width, height: size.height - size.height * 2 / 3),
                    padding: max(2, size.height / 40),
                    items: [
                        Item(
                            durationMilliseconds: 60_000,
                            content: .clock(
                                ClockItem(
                                    format: (try? ClockFormat("{HH}:{mm} · {weekday}, {dd}/{MM}/{yyyy}\n" + note)) ?? .standard,
                                    style: TextStyle(
                                        font: FontSpec(family: "Noto Sans", size: small), color: .white, alignment: .center,
                                        verticalAlignment: .middle, fit: .shrink(minimumSize: 6)))))
                    ]),
            ])
    }
}
