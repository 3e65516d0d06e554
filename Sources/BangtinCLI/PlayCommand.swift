import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinPlayer
import BangtinRender
import Foundation
import Logging

/// `bangtin play <bundle> [--config FILE]`
struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play",
        abstract: "Play a bundle or layout live in the board's window (the kiosk player).",
        discussion: """
            SIGTERM or SIGINT stops cleanly; SIGHUP reloads the configuration and the content (a bad \
            one is reported and the previous kept). With --watch, saving a layout, schedule or picture \
            reloads too, and a save that does not load shows its problems over the board until the next \
            good save. Options given here override the configuration file.
            """)

    @Argument(help: "A bundle folder or layout file (default: the configuration's \"content\").")
    var content: String?

    @Option(help: "Configuration file (JSON, see docs/config.md).")
    var config: String?

    @Option(help: "Window mode: fullscreen, borderless or windowed.")
    var window: PlayerConfig.WindowMode?

    @Option(help: "Window position (borderless, windowed).")
    var x: Int?

    @Option(help: "Window position (borderless, windowed).")
    var y: Int?

    @Option(help: "Display for fullscreen, from 0.")
    var display: Int?

    @Option(help: "Renderer: auto, software or accelerated.")
    var renderer: PlayerConfig.RendererKind?

    @Option(help: "Start the clock at this instant instead of now (previews, tests).")
    var at: String?

    @Flag(help: "Hold the clock still (with --at): every frame shows the same instant.")
    var freeze = false

    @Option(
        help:
            "With --at: frame k shows the instant k frames on (at the configured fps), for this many frames, then holds (tests).")
    var step: Int?

    @Option(help: "Stop after this many seconds.")
    var seconds: Double?

    @Option(help: "Seconds between frame-time log lines.")
    var statsEvery: Int?

    @Flag(help: "Reload when a file of the content is saved; a save that does not load shows its problems on the board.")
    var watch = false

    @OptionGroup var options: ContentOptions

    func validate() throws {
        if freeze && at == nil { throw ValidationError("--freeze needs --at") }
        if step != nil && (at == nil || freeze) { throw ValidationError("--step needs --at (and no --freeze)") }
        if let step, !(1...Limits.framesPerRun).contains(step) {
            throw ValidationError("--step must be between 1 and \(Limits.framesPerRun)")
        }
        try CommandLineValues.checkSeconds(seconds)
        try CommandLineValues.checkWindow(x: x, y: y, display: display, statsEvery: statsEvery)
    }

    /// The settings given here, which win over the configuration file (also on SIGHUP).
    var overrides: PlayerConfig.Overrides {
        PlayerConfig.Overrides(
            content: content, window: window, x: x, y: y, display: display, renderer: renderer, statsEvery: statsEvery)
    }

    func run() throws {
        var settings = PlayerConfig()
        if let config {
            switch Result(catching: { () throws(ContentError) in try PlayerConfigFile.load(config) }) {
            case .success(let loaded): settings = loaded
            case .failure(let error): throw fail(with: error)
            }
        }
        settings = overrides.applied(to: settings)
        guard settings.content != nil || settings.source != nil else {
            throw ValidationError("name the content to play, or set \"content\" or \"source\" in the configuration")
        }
        var logger = Logger(label: "bangtin")
        logger.logLevel = options.logLevel ?? Logger.Level(rawValue: settings.logLevel) ?? .info
        var clock = PlayerClock.Mode.wall
        if let at {
            let start: Instant
            do {
                start = try Instant.parse(at, localZone: ContentTimeZone.named(settings.timeZone))
            } catch {
                throw ValidationError(error.description)
            }
            clock = freeze ? .frozen(start) : .startingAt(start)
            if let step { clock = .stepping(from: start, fps: settings.fps, frames: step) }
        }
        let player = BoardPlayer(
            options: PlayerOptions(
                config: settings, configPath: config, overrides: overrides, clock: clock, seconds: seconds,
                recorder: LogRecorder(logger: logger), watch: watch),
            fonts: try options.fontLibrary(), logger: logger)
        try player.run()
    }
}

extension PlayerConfig.WindowMode: ExpressibleByArgument {}
extension PlayerConfig.RendererKind: ExpressibleByArgument {}
