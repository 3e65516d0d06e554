// Scheduling benchmark: the cost of deciding one scene for a bundle with 10,000 entries, and of
// a whole day's plan. Prints figures; asserts nothing.
//
//   swift run -c release ScheduleBench [entries]
import BangtinContent
import BangtinCore
import Foundation

func monotonicNanoseconds() -> Int64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
}

struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A province's year of content: 10,000 entries spread over 2026–2027, each valid for days to
/// weeks, most with dayparts, priorities from commune to central, a few interrupts and overlays.
func makeBundle(entries count: Int) -> ContentBundle {
    var rng = SplitMix(state: 2026)
    let size = PixelSize(width: 384, height: 192)
    var layouts: [String: Layout] = [:]
    var references: [String: LayoutReference] = [:]
    for i in 0..<200 {
        let name = "L\(i)"
        layouts[name] = Layout(
            name: name, size: size,
            regions: [
                Region(
                    id: "r", frame: PixelRect(x: 0, y: 0, width: 384, height: 192),
                    items: [
                        Item(
                            durationMilliseconds: Int64.random(in: 8...40, using: &rng) * 1000,
                            content: .text(TextItem(text: "Thông báo \(i)", style: TextStyle())))
                    ])
            ])
        references[name] = LayoutReference(path: "\(name)/layout.json")
    }
    let yearStart: Int64 = 1_767_200_400  // 2026-01-01 00:00 +07:00
    var entries: [ScheduleEntry] = []
    for i in 0..<count {
        let from = Instant(secondsSinceEpoch: yearStart + Int64.random(in: 0..<(365 * 86_400), using: &rng))
        let until = from.advanced(byNanoseconds: Int64.random(in: 1...30, using: &rng) * 86_400 * 1_000_000_000)
        var entry = ScheduleEntry(
            id: "e\(i)", show: .layouts(["L\(Int.random(in: 0..<200, using: &rng))"]),
            priority: [Priority.commune, .district, .province, .central].randomElement(using: &rng)!, validFrom: from,
            validUntil: until)
        if Int.random(in: 0..<4, using: &rng) > 0 {
            let start = Int.random(in: 0..<96, using: &rng) * 15
            entry.dayparts = [
                Daypart(
                    weekdays: Set((0..<7).filter { _ in Bool.random(using: &rng) }), startMinute: start,
                    endMinute: (start + Int.random(in: 4...48, using: &rng) * 15) % 1440 + 1)
            ]
        }
        switch Int.random(in: 0..<200, using: &rng) {
        case 0: entry.interrupt = .playsPerHour(Int.random(in: 1...4, using: &rng))
        case 1: entry.show = .overlay(entry.layoutNames[0])
        default:
            if Bool.random(using: &rng) { entry.show = .layouts((0..<3).map { _ in "L\(Int.random(in: 0..<200, using: &rng))" }) }
        }
        if Bool.random(using: &rng) { entry.transition = TransitionSpec(kind: .fade, durationMilliseconds: 800) }
        entries.append(entry)
    }
    return ContentBundle(
        schedule: Schedule(size: size, layouts: references, defaultLayout: "L0", entries: entries), layouts: layouts)
}

let count = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 10_000 : 10_000
let bundle = makeBundle(entries: count)
let day = CivilDate.daysSinceEpoch(year: 2026, month: 11, day: 23)
let dayStart = Instant(secondsSinceEpoch: Int64(day) * 86_400 - 7 * 3600)
print("bangtin schedule benchmark: \(count) entries, 200 layouts, day 2026-11-23 (Asia/Ho_Chi_Minh)")

// A whole day's plan: compiling the day and walking every change of it (what `plan` prints).
var planTimes: [Int64] = []
var rows = 0
for _ in 0..<5 {
    let scheduler = Scheduler(bundle: bundle)
    let t0 = monotonicNanoseconds()
    rows = scheduler.timeline(day: day).count
    planTimes.append(monotonicNanoseconds() - t0)
}
planTimes.sort()
print(String(format: "plan for a whole day: %.1f ms median of 5 (%d rows)", Double(planTimes[2]) / 1e6, rows))

// One scene: decision + layout scene + overlays, at random instants of a day already compiled.
let scheduler = Scheduler(bundle: bundle)
let compile0 = monotonicNanoseconds()
_ = scheduler.scene(at: dayStart)
print(
    String(format: "first scene of the day (compiles the day's plan): %.1f ms", Double(monotonicNanoseconds() - compile0) / 1e6))
var rng = SplitMix(state: 7)
var sceneTimes: [Int64] = []
var sink = 0
for _ in 0..<200_000 {
    let instant = dayStart.advanced(byNanoseconds: Int64.random(in: 0..<86_400_000_000_000, using: &rng))
    let t0 = monotonicNanoseconds()
    let scene = scheduler.scene(at: instant)
    sceneTimes.append(monotonicNanoseconds() - t0)
    sink &+= scene.main.regions.count
}
sceneTimes.sort()
let sortedTimes = sceneTimes
@MainActor func micros(_ p: Double) -> Double {
    Double(sortedTimes[min(sortedTimes.count - 1, Int(Double(sortedTimes.count) * p))]) / 1e3
}
print(
    String(
        format: "one scene: p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.1f µs over %d random instants (target p99 < 50 µs)",
        micros(0.5), micros(0.99), micros(0.999), Double(sceneTimes.last!) / 1e3, sceneTimes.count))
if sink == 0 { print("(no regions?)") }

// A live player's scene per frame: each demo layout (clocks with the lunar date, tickers,
// playlists), asked 60 times a second as `bangtin play` does.
let layoutsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("layouts").path
let fontsJSON = URL(fileURLWithPath: layoutsFolder).deletingLastPathComponent().appendingPathComponent("fonts/fonts.json")
let catalog = try FontCatalog.decode(Array(try Data(contentsOf: fontsJSON)))
let names = ((try? FileManager.default.contentsOfDirectory(atPath: layoutsFolder)) ?? []).sorted()
for name in names {
    let folder = "\(layoutsFolder)/\(name)"
    let isBundle = FileManager.default.fileExists(atPath: "\(folder)/schedule.json")
    guard isBundle || FileManager.default.fileExists(atPath: "\(folder)/layout.json") else { continue }
    let content: ContentBundle
    do {
        content = try BundleFolder.load(isBundle ? folder : "\(folder)/layout.json", fonts: catalog)
    } catch {
        print("\(name): cannot load: \(error)")
        continue
    }
    let live = Scheduler(bundle: content)
    let start = Instant(secondsSinceEpoch: 1_795_741_200)  // 2026-11-27 08:00 +07:00 (a Friday)
    _ = live.scene(at: start)
    var frameTimes: [Int64] = []
    for frame in 0..<36_000 {  // ten minutes at 60 Hz
        let instant = start.advanced(byNanoseconds: Int64(frame) * 16_666_667)
        let t0 = monotonicNanoseconds()
        let scene = live.scene(at: instant)
        frameTimes.append(monotonicNanoseconds() - t0)
        sink &+= scene.main.regions.count
    }
    frameTimes.sort()
    // As the player asks: a whole scene when it changes, its tickers moved on in between.
    var movedTimes: [Int64] = []
    var timed: TimedScene?
    for frame in 0..<36_000 {
        let instant = start.advanced(byNanoseconds: Int64(frame) * 16_666_667)
        let t0 = monotonicNanoseconds()
        sink &+= live.scene(at: instant, reusing: &timed).scene.main.regions.count
        movedTimes.append(monotonicNanoseconds() - t0)
    }
    movedTimes.sort()
    print(
        String(
            format: "scene per frame, %@: whole p50 %.2f µs, p99 %.2f µs; moved on p50 %.2f µs, p99 %.2f µs (10 min at 60 Hz)",
            name, Double(frameTimes[frameTimes.count / 2]) / 1e3, Double(frameTimes[frameTimes.count * 99 / 100]) / 1e3,
            Double(movedTimes[movedTimes.count / 2]) / 1e3, Double(movedTimes[movedTimes.count * 99 / 100]) / 1e3))
}
