import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinPlayer
import BangtinRender
import Foundation

/// `bangtin render <layout.json|bundle> --at <instant> --out <file.png>`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render what a layout or bundle shows at an instant to a PNG, headless.",
        discussion: """
            With --frames N --fps F, writes N frames from --at on into the folder --out (frame-00000.png …), \
            or into one video when --out ends in .mp4, .webm or .gif (through ffmpeg). \
            A file is written whole or not at all, never over an input file.
            """)

    @Argument(help: "A layout file, or a bundle folder holding schedule.json.")
    var content: String

    @Option(help: "ISO-8601 instant, e.g. 2026-11-23T08:05:00+07:00 (no offset: the content's time zone). Default: now.")
    var at: String?

    @Option(help: "The PNG file to write (a folder with --frames), or a video: .mp4, .webm or .gif (needs ffmpeg).")
    var out: String

    @Option(help: "Render a sequence of this many frames (at most \(Limits.framesPerRun)).")
    var frames: Int?

    @Option(help: "Frames per second of the sequence, 1…240.")
    var fps: Double = 60

    @OptionGroup var warnings: WarningPreviewOptions

    @OptionGroup var options: ContentOptions

    func validate() throws {
        if let frames, !(1...Limits.framesPerRun).contains(frames) {
            throw ValidationError("--frames must be between 1 and \(Limits.framesPerRun), found \(frames)")
        }
        if VideoOutput.Format(path: out) != nil, frames == nil {
            throw ValidationError("--out \(out) is a video: say how long with --frames N (and --fps F)")
        }
        guard Limits.framesPerSecond.contains(fps) else {
            throw ValidationError("--fps must be between 1 and 240, found \(fps)")
        }
    }

    func run() throws {
        let fonts = try options.fontLibrary()
        let bundle = try loadContent(content, fonts: fonts)
        let start = try InstantArgument.parse(at, zone: bundle.schedule.timeZone)
        let output = Output(bundle: bundle, contentPath: content, fonts: fonts)
        let scheduler = Scheduler(bundle: bundle)
        let alerts = try warnings.alerts()
        let logger = options.logger()
        // One frame: its text and pictures are made on every core at once, the renderer beside
        // them, then drawn; its ticker copy by copy (a band of the whole cycle pays off only
        // over many frames, and draws the same pixels).
        let renderer: HeadlessRenderer
        var single: Scene?
        if frames == nil, VideoOutput.Format(path: out) == nil {
            let scene = scheduler.scene(at: start, alerts: alerts)
            let assets = PreparedAssets()
            let made = Made()
            let size = bundle.schedule.size
            assets.prepareAll(scene, fonts: fonts, threads: ProcessInfo.processInfo.activeProcessorCount, logger: logger) {
                made.result = Result { () throws(SDLError) in
                    try HeadlessRenderer(size: size, fonts: fonts, prepared: assets, logger: logger)
                }
            }
            renderer = try made.result?.get() ?? HeadlessRenderer(size: size, fonts: fonts, prepared: assets, logger: logger)
            renderer.frames.composesTickerBands = false
            single = scene
        } else {
            renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: fonts, logger: logger)
        }
        if let format = VideoOutput.Format(path: out) {
            try output.check(out)
            try VideoRender.write(
                to: out, format: format, scheduler: scheduler, alerts: alerts, renderer: renderer, fps: fps,
                count: frames ?? 1
            ) { start.advanced(byNanoseconds: Int64((Double($0) * 1e9 / fps).rounded())) }
            return
        }
        if let frames {
            try output.makeFolder(out)
            let path = { (out as NSString).appendingPathComponent(String(format: "frame-%05d.png", $0)) }
            try output.check(path(0))
            // Drawn here, encoded on every core, written in order; synced once at the end.
            let progress = ProgressLine(toTerminal: isatty(STDERR_FILENO) == 1, unit: .frames, quietForSeconds: 1)
            try FrameSequence.png(count: frames) { index in
                let instant = start.advanced(byNanoseconds: Int64((Double(index) * 1e9 / fps).rounded()))
                return renderer.render(scheduler.scene(at: instant, alerts: alerts))
            } deliver: { index, png in
                try output.write(png: png, to: path(index), sync: false)
                progress.update(done: Int64(index + 1), total: Int64(frames), file: out)
            }
            progress.finish()
            OutputFile.syncFolder(out)
        } else {
            try output.check(out)
            try output.write(renderer.render(single ?? scheduler.scene(at: start, alerts: alerts)), to: out)
        }
        for problem in renderer.frames.problems { warn("\(content): \(problem)") }
    }
}

/// The `--at` option: an ISO-8601 instant, or now.
enum InstantArgument {
    static func parse(_ text: String?, zone: String) throws -> Instant {
        guard let text else { return SystemClock.now() }
        do {
            return try Instant.parse(text, localZone: ContentTimeZone.named(zone))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// The renderer made on a preparation thread, handed to the command's thread when the
/// preparation returns (which orders the two).
private final class Made: @unchecked Sendable {
    var result: Result<HeadlessRenderer, SDLError>?
}
