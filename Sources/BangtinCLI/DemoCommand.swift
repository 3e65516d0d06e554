import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinPlayer
import BangtinRender
import Foundation

/// `bangtin demo`: the bundled demo content, live in a window when there is a display,
/// otherwise rendered to PNG files.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show the bundled demo layouts: in a window if a display is present, else as PNG frames.")

    @Option(help: "Folder of demo layouts (default: the bundled layouts/).")
    var layouts: String?

    @Option(help: "Where headless frames go.")
    var out: String = "out/demo"

    @Option(help: "Layout folder name to play in the window.")
    var play: String = "district-lcd-1920x1080"

    @Option(help: "Stop the window after this many seconds (default: until closed).")
    var seconds: Double?

    @Flag(help: "Render PNG frames even when a display is present.")
    var headless = false

    @OptionGroup var content: ContentOptions

    func validate() throws { try CommandLineValues.checkSeconds(seconds) }

    func run() throws {
        let fonts = try content.fontLibrary()
        let root = try layouts ?? Self.bundledLayouts(fonts: fonts.directory)
        let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted().filter {
            FileManager.default.fileExists(atPath: "\(root)/\($0)/layout.json")
        }
        let environment = ProcessInfo.processInfo.environment
        if !headless, environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil {
            // The kiosk player itself, in a normal window scaled to fit a desktop.
            let path = "\(root)/\(play)/layout.json"
            let board = try load(path, fonts: fonts).layout.size
            let scale = min(1, 1280 / Double(board.width), 900 / Double(board.height))
            var config = PlayerConfig()
            config.board = "demo"
            config.content = path
            config.width = Int(Double(board.width) * scale)
            config.height = Int(Double(board.height) * scale)
            print("Playing \(play) in a window; close it to stop.")
            try BoardPlayer(
                options: PlayerOptions(config: config, configPath: nil, clock: .wall, seconds: seconds),
                fonts: fonts, logger: content.logger()
            ).run()
            return
        }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let now = SystemClock.now()
        for name in names {
            let file = try load("\(root)/\(name)/layout.json", fonts: fonts)
            let renderer = try HeadlessRenderer(size: file.layout.size, fonts: fonts, logger: content.logger())
            for (index, offset) in [0, 4, 8].enumerated() {
                let instant = now.advanced(byNanoseconds: Int64(offset) * 1_000_000_000)
                let path = "\(out)/\(name)-\(index).png"
                try renderer.render(file.layout.scene(at: instant)).savePNG(to: path)
                print("wrote \(path) (\(file.layout.size), at \(instant))")
            }
            for problem in renderer.frames.problems { warn("\(name): \(problem)") }
        }
        print("No display: demo frames are in \(out)/")
    }

    private func load(_ path: String, fonts: FontLibrary) throws -> LayoutFile {
        do {
            return try LayoutFile.load(path, fonts: fonts.catalog)
        } catch {
            throw fail(with: error)
        }
    }

    /// The `layouts/` folder beside the bundled `fonts/`.
    static func bundledLayouts(fonts: String) throws -> String {
        let candidate = URL(fileURLWithPath: fonts).deletingLastPathComponent().appendingPathComponent("layouts").path
        guard FileManager.default.fileExists(atPath: candidate) else {
            throw ValidationError("cannot find the demo layouts/ folder; pass --layouts DIR")
        }
        return candidate
    }
}
