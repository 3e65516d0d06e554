import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation

/// `bangtin render <layout.json|bundle> --at <instant> --out <file.png>`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render what a layout or bundle shows at an instant to a PNG, headless.",
        discussion: "With --frames N --fps F, writes N frames from --at on into the folder --out (frame-00000.png …).")

    @Argument(help: "A layout file, or a bundle folder holding schedule.json.")
    var content: String

    @Option(help: "ISO-8601 instant, e.g. 2026-11-23T08:05:00+07:00 (no offset: the content's time zone). Default: now.")
    var at: String?

    @Option(help: "The PNG file to write (a folder with --frames).")
    var out: String

    @Option(help: "Render a sequence of this many frames.")
    var frames: Int?

    @Option(help: "Frames per second of the sequence.")
    var fps: Double = 60

    @OptionGroup var options: ContentOptions

    func validate() throws {
        if let frames, frames < 1 || frames > 100_000 { throw ValidationError("--frames must be between 1 and 100000") }
        if !(fps > 0 && fps <= 1000) { throw ValidationError("--fps must be greater than 0 and at most 1000") }
    }

    func run() throws {
        let fonts = try options.fontLibrary()
        let bundle = try loadContent(content, fonts: fonts)
        let start = try InstantArgument.parse(at, zone: bundle.schedule.timeZone)
        let scheduler = Scheduler(bundle: bundle)
        let renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: fonts, logger: options.logger())
        if let frames {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            for index in 0..<frames {
                let instant = start.advanced(byNanoseconds: Int64((Double(index) * 1e9 / fps).rounded()))
                let path = (out as NSString).appendingPathComponent(String(format: "frame-%05d.png", index))
                try renderer.render(scheduler.scene(at: instant)).savePNG(to: path)
            }
        } else {
            try renderer.render(scheduler.scene(at: start)).savePNG(to: out)
        }
        for problem in renderer.frames.problems { warn("\(content): \(problem)") }
    }
}

/// The `--at` option: an ISO-8601 instant, or now.
enum InstantArgument {
    static func parse(_ text: String?, zone: String) throws -> Instant {
        guard let text else { return WallClock.now() }
        do {
            return try Instant.parse(text, localZone: ContentTimeZone.named(zone))
        } catch {
            throw ValidationError(error.description)
        }
    }
}

/// The one place the command line reads the real time; the library never does.
enum WallClock {
    static func now() -> Instant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Instant(nanosecondsSinceEpoch: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}
