import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation

/// `bangtin render <layout.json> --at <instant> --out <file.png>`
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render the frame a layout shows at an instant to a PNG, headless.")

    @Argument(help: "The layout file.")
    var layout: String

    @Option(help: "ISO-8601 instant, e.g. 2026-11-23T08:05:00+07:00 (no offset: the layout's time zone). Default: now.")
    var at: String?

    @Option(help: "The PNG file to write.")
    var out: String

    @OptionGroup var content: ContentOptions

    func run() throws {
        let fonts = try content.fontLibrary()
        let file: LayoutFile
        do {
            file = try LayoutFile.load(layout, fonts: fonts.catalog)
        } catch {
            throw fail(with: error)
        }
        let instant = try InstantArgument.parse(at, zone: file.layout.timeZone)
        let renderer = try HeadlessRenderer(size: file.layout.size, fonts: fonts, logger: content.logger())
        let surface = renderer.render(file.layout.scene(at: instant))
        for problem in renderer.frames.problems { warn("\(layout): \(problem)") }
        try surface.savePNG(to: out)
    }
}

/// The `--at` option: an ISO-8601 instant, or now.
enum InstantArgument {
    static func parse(_ text: String?, zone: String) throws -> Instant {
        guard let text else { return WallClock.now() }
        do {
            return try Instant.parse(text, localZone: TimeZone(identifier: zone) ?? .current)
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
