// Headless rendering benchmark: frames per second of the software renderer for the demo
// layouts, drawing only and drawing plus PNG encoding; the PNG encoders compared; `bangtin
// render` as a whole process (one frame against Chromium's headless screenshot, and sequences).
// Prints figures; asserts nothing.
//
//   swift build -c release --product bangtin && swift run -c release RenderBench [layouts/... | --whole-process]
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation
import Logging

func monotonicNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}

func percentile(_ sorted: [Int64], _ p: Double) -> Double {
    Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
}

func peakResidentMegabytes() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let arguments = Array(CommandLine.arguments.dropFirst())
if arguments == ["--whole-process"] {
    wholeProcess()
    exit(0)
}
let layouts =
    arguments.isEmpty
    ? ["layouts/market-p10-384x192/layout.json", "layouts/district-lcd-1920x1080/layout.json"]
    : arguments
var logger = Logger(label: "bench")
logger.logLevel = .error
print("start-up of a single render, stage by stage (cold: the first fonts and SDL of this process):")
try StartupBreakdown.run(root: root, layout: "layouts/district-lcd-1920x1080/layout.json", logger: logger)
let fonts = try FontLibrary(directory: root.appendingPathComponent("fonts").path)
let start = Instant(secondsSinceEpoch: 1_795_395_900)  // 2026-11-23 08:05 in Hà Nội
let frameStep: Int64 = 16_666_667  // 60 Hz

print(
    "bangtin headless render benchmark (software renderer, one core, \(ProcessInfo.processInfo.activeProcessorCount) cores present)"
)
for relative in layouts {
    let file = try LayoutFile.load(root.appendingPathComponent(relative).path, fonts: fonts.catalog)
    let renderer = try HeadlessRenderer(size: file.layout.size, fonts: fonts, logger: logger)
    let pixels = file.layout.size.width * file.layout.size.height
    let frames = max(120, min(1200, 60_000_000 / pixels))
    // Warm up one full second: text set once, images decoded once.
    for i in 0..<60 {
        renderer.render(file.layout.scene(at: start.advanced(byNanoseconds: Int64(i) * frameStep)))
    }
    let rasterisedBefore = renderer.frames.textRasterisations
    var times: [Int64] = []
    let t0 = monotonicNanoseconds()
    for i in 0..<frames {
        let instant = start.advanced(byNanoseconds: Int64(60 + i) * frameStep)
        let before = monotonicNanoseconds()
        renderer.render(file.layout.scene(at: instant))
        times.append(monotonicNanoseconds() - before)
    }
    let elapsed = Double(monotonicNanoseconds() - t0) / 1e9
    let rasterisedDuring = renderer.frames.textRasterisations - rasterisedBefore
    times.sort()

    let pngFrames = max(10, frames / 10)
    let out = NSTemporaryDirectory() + "bangtin-bench.png"
    let p0 = monotonicNanoseconds()
    for i in 0..<pngFrames {
        let instant = start.advanced(byNanoseconds: Int64(60 + frames + i) * frameStep)
        try renderer.render(file.layout.scene(at: instant)).savePNG(to: out)
    }
    let pngElapsed = Double(monotonicNanoseconds() - p0) / 1e9
    try? FileManager.default.removeItem(atPath: out)

    print(
        """
        \(relative) (\(file.layout.size)):
          render only:      \(String(format: "%7.1f", Double(frames) / elapsed)) frames/s over \(frames) frames; frame time p50 \(String(format: "%.2f", percentile(times, 0.5))) ms, p99 \(String(format: "%.2f", percentile(times, 0.99))) ms
          render + PNG:     \(String(format: "%7.1f", Double(pngFrames) / pngElapsed)) frames/s over \(pngFrames) frames
          text rasterised in steady state: \(rasterisedDuring) times in \(frames) frames (only new text: clock minutes, playlist advances)
        """)
}

/// CPU seconds this process has used so far (user + system).
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + Double(usage.ru_stime.tv_sec)
        + Double(usage.ru_stime.tv_usec) / 1e6
}

// A live minute: what `bangtin play` does per frame (the scene worked out when it changes and
// its tickers moved on in between, dirty rectangles, drawing only those), 3,600 frames at
// 60 Hz from a cold start, without the display in the way.
print("live minute (the player's drawing path, 3600 frames at 60 Hz, from a cold start):")
for relative in layouts {
    let c0 = cpuSeconds()
    let scheduler = Scheduler(bundle: try BundleFolder.load(root.appendingPathComponent(relative).path, fonts: fonts.catalog))
    let renderer = try HeadlessRenderer(size: scheduler.bundle.schedule.size, fonts: fonts, logger: logger)
    var timed: TimedScene?
    var worked = 0
    var previous: Scene?
    var steady: [Int64] = []
    var changes: [Int64] = []
    for i in 0..<3600 {
        let instant = start.advanced(byNanoseconds: Int64(i) * frameStep)
        let t0 = monotonicNanoseconds()
        let (scene, isNew) = scheduler.scene(at: instant, reusing: &timed)
        if isNew { worked += 1 }
        let rasterised = renderer.frames.textRasterisations
        let dirty = previous.flatMap { scene.dirtyRects(since: $0) }
        if dirty.map({ !$0.isEmpty }) ?? true { renderer.frames.draw(scene, dirty: dirty, present: false) }
        let took = monotonicNanoseconds() - t0
        if renderer.frames.textRasterisations != rasterised || dirty == nil { changes.append(took) } else { steady.append(took) }
        previous = scene
    }
    let total = cpuSeconds() - c0
    steady.sort()
    print(
        String(
            format:
                "  %@: %.3f CPU s for the minute; steady frames p50 %.3f ms, p99 %.3f ms (%d); frames with new content %d, %.1f ms in all; whole scenes worked out %d times",
            relative, total, percentile(steady, 0.5), percentile(steady, 0.99), steady.count, changes.count,
            Double(changes.reduce(0, +)) / 1e6, worked))
}

// New content: what the first frame of each item costs (text set and rasterised, picture
// decoded and scaled), drawn alone with empty caches and the fonts already open, as when a
// player's playlist advances.
print("new content (first draw of each item, alone, caches empty, fonts open):")
for relative in layouts {
    let file = try LayoutFile.load(root.appendingPathComponent(relative).path, fonts: fonts.catalog)
    var costs: [String] = []
    for (index, region) in file.layout.regions.enumerated() {
        var offset: Int64 = 0
        for (itemIndex, item) in region.items.enumerated() {
            var single = file.layout
            single.regions = [region]
            let at = Instant.epoch.advanced(byNanoseconds: (offset + item.durationMilliseconds / 2) * 1_000_000)
            offset += item.durationMilliseconds
            let renderer = try HeadlessRenderer(size: file.layout.size, fonts: fonts, logger: logger)
            var best = Int64.max
            for _ in 0..<3 {
                renderer.frames.purgeCaches()
                let t0 = monotonicNanoseconds()
                renderer.render(single.scene(at: at))
                best = min(best, monotonicNanoseconds() - t0)
            }
            costs.append(
                String(
                    format: "%@[%d] %.1f ms", region.id.isEmpty ? "regions[\(index)]" : region.id, itemIndex, Double(best) / 1e6))
        }
    }
    print("  \(relative): " + costs.joined(separator: ", "))
}

print("PNG encoders (the first frame of each layout):")
for relative in layouts {
    let file = try LayoutFile.load(root.appendingPathComponent(relative).path, fonts: fonts.catalog)
    let renderer = try HeadlessRenderer(size: file.layout.size, fonts: fonts, logger: logger)
    let surface = renderer.render(file.layout.scene(at: start))
    try EncoderComparison.run(surface, label: "\(relative) (\(file.layout.size))", runs: file.layout.size.width > 1000 ? 9 : 51)
}
print(String(format: "peak resident memory: %.1f MB", peakResidentMegabytes()))

wholeProcess()

/// The whole program, as the culture centre and CI run it (alone: `RenderBench --whole-process`).
func wholeProcess() {
    let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let bangtin = folder.appendingPathComponent("bangtin").path
    guard FileManager.default.isExecutableFile(atPath: bangtin) else {
        print("bangtin render as a whole process: skipped, \(bangtin) not built (swift build -c release --product bangtin)")
        return
    }
    print("bangtin render as a whole process (\(bangtin)):")
    WholeRun.singleFrame(bangtin: bangtin, root: root, runs: 11)
    WholeRun.sequence(bangtin: bangtin, root: root, layout: "layouts/district-lcd-1920x1080/layout.json", frames: 600, target: 60)
    WholeRun.sequence(
        bangtin: bangtin, root: root, layout: "layouts/market-p10-384x192/layout.json", frames: 10_000, target: 1000)
}
