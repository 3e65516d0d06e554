import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

/// A scene worked out once and moved on by its tickers alone equals the scene worked out
/// afresh, at every instant of the time it claims to hold: the live player relies on it.
@Suite struct TimedSceneTests {
    /// A layout with every kind of content: a lone ticker, a rotation of clock, ticker (fading
    /// in) and picture, and a text; its loop is at least `seconds` long.
    static func richLayout(_ name: String, seconds: Int64, rng: inout SeededRandom) -> Layout {
        let style = TextStyle()
        let ticker = TickerItem(text: "Tin bão số 9 \(name)", pixelsPerSecond: Double(Int.random(in: 10...200, using: &rng)))
        let clock = ClockItem(format: try! ClockFormat("{HH}:{mm}:{ss} {lunarDay}/{lunarMonth}"), style: style)
        return Layout(
            name: name, size: PixelSize(width: 64, height: 32),
            regions: [
                Region(
                    id: "noi-dung", frame: PixelRect(x: 0, y: 0, width: 64, height: 16),
                    items: [Item(durationMilliseconds: seconds * 1000, content: .text(TextItem(text: name, style: style)))]),
                Region(
                    id: "chu-chay", frame: PixelRect(x: 0, y: 16, width: 64, height: 8),
                    items: [Item(durationMilliseconds: Int64.random(in: 2...20, using: &rng) * 1000, content: .ticker(ticker))]),
                Region(
                    id: "xoay", frame: PixelRect(x: 0, y: 24, width: 64, height: 8),
                    items: [
                        Item(durationMilliseconds: Int64.random(in: 500...4000, using: &rng), content: .clock(clock)),
                        Item(
                            durationMilliseconds: Int64.random(in: 500...5000, using: &rng), content: .ticker(ticker),
                            transition: TransitionSpec(kind: .fade, durationMilliseconds: 400)),
                        Item(
                            durationMilliseconds: Int64.random(in: 500...3000, using: &rng),
                            content: .image(ImageItem(path: "anh.png")),
                            transition: TransitionSpec(kind: .slideLeft, durationMilliseconds: 300)),
                    ]),
            ])
    }

    static func richBundle(seed: UInt64) -> ContentBundle {
        var bundle = RandomBundles.bundle(seed: seed, entryCount: Int(seed % 10) + 2)
        var rng = SeededRandom(seed: seed &+ 99)
        for name in bundle.layouts.keys.sorted() {
            bundle.layouts[name] = richLayout(name, seconds: Int64.random(in: 3...40, using: &rng), rng: &rng)
        }
        return bundle
    }

    @Test(arguments: Array(1...16) as [UInt64])
    func tickersMovedOnEqualTheSceneWorkedOutAfresh(seed: UInt64) {
        let bundle = Self.richBundle(seed: seed)
        for subpixel in [false, true] {
            let scheduler = Scheduler(bundle: bundle, subpixelMotion: subpixel)
            var rng = SeededRandom(seed: seed &* 31)
            var held = 0
            for _ in 0..<150 {
                let start = RandomBundles.weekStart.advanced(
                    byNanoseconds: Int64.random(in: 0..<(7 * 86_400_000), using: &rng) * 1_000_000)
                let timed = scheduler.timedScene(at: start)
                #expect(timed.scene == scheduler.scene(at: start))
                #expect(timed.stableUntil >= start)
                let span = timed.stableUntil.nanoseconds(since: start)
                guard span > 0 else { continue }
                held += 1
                // The first and last nanoseconds it holds, 60 Hz frames, and random points.
                var probes = [start, timed.stableUntil.advanced(byNanoseconds: -1)]
                probes += (1..<30).map { start.advanced(byNanoseconds: min(span - 1, Int64($0) * 16_666_667)) }
                probes += (0..<10).map { _ in start.advanced(byNanoseconds: Int64.random(in: 0..<span, using: &rng)) }
                for instant in probes {
                    #expect(scheduler.scene(timed, at: instant) == scheduler.scene(at: instant), "seed \(seed) at \(instant)")
                }
                #expect(scheduler.scene(timed, at: timed.stableUntil) == nil)
                #expect(scheduler.scene(timed, at: start.advanced(byNanoseconds: -1)) == nil)
            }
            #expect(held > 75, "most scenes hold for a while (\(held) of 150 did)")
        }
    }

    /// Two minutes of a schedule walked at 60 Hz: a whole scene is worked out only a few times
    /// a second at most, never more than the frames, and every frame equals the fresh scene.
    @Test func twoMinutesAtSixtyFramesASecond() throws {
        let bundle = RandomBundles.bundle(seed: 5, entryCount: 4)
        var rng = SeededRandom(seed: 5)
        var layouts = bundle
        for name in layouts.layouts.keys.sorted() {
            layouts.layouts[name] = Self.richLayout(name, seconds: 10, rng: &rng)
        }
        let scheduler = Scheduler(bundle: layouts)
        let start = RandomBundles.weekStart.advanced(byNanoseconds: 8 * 3_600_000_000_000)
        var timed: TimedScene?
        var worked = 0
        for frame in 0..<(60 * 120) {
            let instant = start.advanced(byNanoseconds: Int64(frame) * 16_666_667)
            let (scene, isNew) = scheduler.scene(at: instant, reusing: &timed)
            if isNew { worked += 1 }
            #expect(scene == scheduler.scene(at: instant))
        }
        #expect(worked < 60 * 120 / 4, "\(worked) whole scenes in \(60 * 120) frames")
    }
}
