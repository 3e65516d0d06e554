import BangtinContent
import BangtinCore
import BangtinRender
import Foundation
import Logging

/// Where a single `render` goes, stage by stage, the way `RenderCommand` does it, from a cold
/// start in this process (run before anything else has opened a font or started SDL).
enum StartupBreakdown {
    static func run(root: URL, layout: String, logger: Logger) throws {
        var stages: [(String, Int64)] = []
        var last = monotonicNanoseconds()
        func lap(_ name: String) {
            let now = monotonicNanoseconds()
            stages.append((name, now - last))
            last = now
        }
        let fonts = try FontLibrary(directory: root.appendingPathComponent("fonts").path)
        lap("fonts (catalog)")
        let bundle = try BundleFolder.load(root.appendingPathComponent(layout).path, fonts: fonts.catalog)
        let scheduler = Scheduler(bundle: bundle)
        lap("content load")
        let scene = scheduler.scene(at: Instant(secondsSinceEpoch: 1_795_395_900), alerts: [])
        let prepared = PreparedAssets()
        let threads = ProcessInfo.processInfo.activeProcessorCount
        prepared.prepareAll(scene, fonts: fonts, threads: threads, logger: logger)
        lap("SDL start, first text setting, pictures (fonts opened here; \(threads) threads)")
        let renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: fonts, prepared: prepared, logger: logger)
        lap("renderer")
        renderer.render(scene)
        lap("draw")
        let png = renderer.surface.pngBytes()
        lap("encode")
        let out = NSTemporaryDirectory() + "bangtin-bench-breakdown.png"
        try OutputFile.write(png, to: out)
        lap("write (fsync)")
        try? FileManager.default.removeItem(atPath: out)
        let total = stages.reduce(0) { $0 + $1.1 }
        let parts = stages.map { String(format: "%@ %.1f ms", $0.0, Double($0.1) / 1e6) }
        print(
            "  \(layout), cold, in process: " + parts.joined(separator: ", ")
                + String(format: "; %.1f ms in all", Double(total) / 1e6))
    }
}
