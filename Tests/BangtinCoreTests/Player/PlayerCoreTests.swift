import Foundation
import Testing

@testable import BangtinCore

@Suite struct PlayerCoreTests {
    let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
    func at(_ text: String) -> Instant { try! Instant.parse(text, localZone: hanoi) }

    @Test func clockFollowsMonotonicTimeAndReanchorsOnWallClockSteps() {
        let start = at("2026-11-23T08:00:00")
        var clock = PlayerClock(mode: .wall, monotonic: 1_000, realtime: start)
        // Small wall-clock jitter is ignored: animation stays on the monotonic clock.
        let a = clock.instant(monotonic: 1_000 + 500_000_000, realtime: start.advanced(byNanoseconds: 900_000_000))
        #expect(a.instant == start.advanced(byNanoseconds: 500_000_000) && !a.reanchored)
        // The clock is set an hour forward: follow it.
        let stepped = start.advanced(byNanoseconds: 3_600_000_000_000)
        let b = clock.instant(monotonic: 1_000 + 600_000_000, realtime: stepped)
        #expect(b.instant == stepped && b.reanchored)
        let c = clock.instant(monotonic: 1_000 + 700_000_000, realtime: stepped.advanced(byNanoseconds: 100_000_000))
        #expect(c.instant == stepped.advanced(byNanoseconds: 100_000_000) && !c.reanchored)
    }

    @Test func startingAndFrozenClocks() {
        let t = at("2026-11-23T08:05:00")
        var running = PlayerClock(mode: .startingAt(t), monotonic: 50, realtime: .epoch)
        #expect(
            running.instant(monotonic: 50 + 2_000_000_000, realtime: .epoch).instant == t.advanced(byNanoseconds: 2_000_000_000))
        var frozen = PlayerClock(mode: .frozen(t), monotonic: 0, realtime: .epoch)
        #expect(frozen.instant(monotonic: 9_999_999_999, realtime: .epoch).instant == t)
    }

    @Test func operatingHoursAndBrightness() {
        let hours = BoardHours(
            operating: [Daypart(startMinute: 5 * 60, endMinute: 22 * 60 + 30)],
            brightness: [(Daypart(startMinute: 18 * 60, endMinute: 6 * 60), 40)])
        #expect(!hours.isOn(at: at("2026-11-23T04:59:00"), in: hanoi))
        #expect(hours.isOn(at: at("2026-11-23T05:00:00"), in: hanoi))
        #expect(!hours.isOn(at: at("2026-11-23T22:30:00"), in: hanoi))
        #expect(hours.brightnessPercent(at: at("2026-11-23T12:00:00"), in: hanoi) == 100)
        #expect(hours.brightnessPercent(at: at("2026-11-23T19:00:00"), in: hanoi) == 40)
        #expect(hours.brightnessPercent(at: at("2026-11-24T05:30:00"), in: hanoi) == 40)  // after midnight
        #expect(BoardHours().isOn(at: at("2026-11-23T03:00:00"), in: hanoi))
    }

    @Test func configDecodesEveryKeyAndNamesProblems() throws {
        let good = #"""
            {"board": "cho-tan-phu-01", "content": "../noi-dung", "renderer": "software", "timezone": "Asia/Ho_Chi_Minh",
             "window": {"mode": "borderless", "x": 0, "y": 0, "width": 384, "height": 192}, "logLevel": "debug",
             "operatingHours": [{"from": "05:00", "to": "22:30"}], "brightness": [{"from": "18:00", "to": "06:00", "percent": 40}],
             "smoothTicker": true, "fps": 50, "statsEvery": 60, "cache": "/var/cache/bangtin"}
            """#
        let (config, problems) = PlayerConfig.decode(Array(good.utf8))
        #expect(problems == [])
        let c = try #require(config)
        #expect(c.board == "cho-tan-phu-01" && c.window == .borderless && c.width == 384 && c.renderer == .software)
        #expect(c.hours.brightness.first?.percent == 40 && c.fps == 50 && c.smoothTicker)
        let bad = #"""
            {"board": "", "window": {"mode": "full", "width": 0}, "renderer": "gpu", "timezone": "Hanoi",
             "brightness": [{"from": "18:00", "to": "06:00", "percent": 140}], "fps": 0, "colour": 1}
            """#
        #expect(
            PlayerConfig.decode(Array(bad.utf8)).problems.map(\.description) == [
                "board: \"\" may hold only letters A–Z a–z, digits, '.', '_' and '-' (1–64, not starting with '.' or '-'): it names files on the source system",
                "window.mode: unknown value \"full\" (expected fullscreen, borderless, windowed)",
                "window.width: must be between 1 and 16384, found 0",
                "renderer: unknown value \"gpu\" (expected auto, software, accelerated)",
                "timezone: unknown time zone \"Hanoi\" (expected an IANA name such as Asia/Ho_Chi_Minh)",
                "brightness[0].percent: must be between 1 and 100, found 140",
                "fps: must be between 1 and 240, found 0",
                "colour: unknown key",
            ])
    }

    @Test func configDecodesTheSyncKeysAndNeedsTrustAndACache() throws {
        let good = #"""
            {"source": "https://bangtin.khanhhoa.gov.vn/xa-tan-phu/", "bundle": "xa-tan-phu", "cache": "/var/cache/bangtin",
             "trust": ["tinh.pub", "tinh-moi.pub"], "pollEvery": 120, "cacheBudgetMB": 512, "proxy": "http://10.0.0.1:3128",
             "caBundle": "ca.pem", "correctClock": true, "maxRateKB": 64, "tokenFile": "token"}
            """#
        let (config, problems) = PlayerConfig.decode(Array(good.utf8))
        #expect(problems == [])
        let c = try #require(config)
        #expect(c.source == "https://bangtin.khanhhoa.gov.vn/xa-tan-phu/" && c.trust == ["tinh.pub", "tinh-moi.pub"])
        #expect(c.pollEvery == 120 && c.cacheBudgetMB == 512 && c.correctClock && c.maxRateKB == 64)
        #expect(
            PlayerConfig.decode(Array(#"{"source": "/media/usb", "pollEvery": 1}"#.utf8)).problems.map(\.description) == [
                "pollEvery: must be between 10 and 86400, found 1",
                "trust: a board with a source must trust at least one public key",
                "bundle: a board with a source must name the bundle it plays",
                "cache: a board with a source needs a cache folder",
            ])
    }

    @Test func dirtyRectanglesAreTheRegionsThatChanged() {
        let ticker = TickerItem(text: "Bão số 9", pixelsPerSecond: 60)
        let layout = Layout(
            size: PixelSize(width: 100, height: 50),
            regions: [
                Region(
                    id: "tin", frame: PixelRect(x: 0, y: 0, width: 100, height: 30),
                    items: [Item(durationMilliseconds: 10_000, content: .text(TextItem(text: "Tin", style: TextStyle())))]),
                Region(
                    id: "chay", frame: PixelRect(x: 0, y: 30, width: 100, height: 20),
                    items: [Item(durationMilliseconds: 60_000, content: .ticker(ticker))]),
            ])
        let a = layout.boardScene(at: Instant(secondsSinceEpoch: 100))
        let b = layout.boardScene(at: Instant(secondsSinceEpoch: 100).advanced(byNanoseconds: 50_000_000))
        #expect(b.dirtyRects(since: a) == [PixelRect(x: 0, y: 30, width: 100, height: 20)])
        #expect(a.dirtyRects(since: a) == [])
        var other = b
        other.main.name = "khac"
        #expect(other.dirtyRects(since: a) == nil)
    }
}

@Suite struct TickerTrackTests {
    @Test func bandSegmentsTileTheBoxFromTheRepeatingPattern() {
        for travelled in [0, 1, 99, 100, 250, 1_000_003] as [Int64] {
            for cycle in [7, 100, 333, 5_000] {
                let box = PixelRect(x: 12, y: 0, width: 300, height: 20)
                let track = TickerTrack(box: box, cycle: cycle, ink: 0..<max(1, cycle - 5), travelled: travelled)
                let segments = track.bandSegments()
                #expect(segments.first?.x == box.x)
                #expect(segments.reduce(0) { $0 + $1.width } == box.width)
                for (a, b) in zip(segments, segments.dropFirst()) { #expect(a.x + a.width == b.x) }
                for segment in segments {
                    #expect(segment.bandX >= 0 && segment.bandX + segment.width <= cycle)
                    // Column x shows pattern position x − box.maxX + travelled.
                    let position = Int64(segment.x - box.maxX) + travelled
                    #expect(Int64(segment.bandX) == ((position % Int64(cycle)) + Int64(cycle)) % Int64(cycle))
                }
            }
        }
    }

    @Test func copiesEnterAtTheRightEdgeAndLeaveAtTheLeft() {
        let box = PixelRect(x: 0, y: 0, width: 200, height: 20)
        // 20 px in: the first copy's origin is 20 px left of the right edge; the next one
        // (100 px cycle) is still outside, its ink not yet in the box.
        #expect(TickerTrack(box: box, cycle: 100, ink: 0..<80, travelled: 20).copyOrigins() == [180])
        #expect(TickerTrack(box: box, cycle: 100, ink: -3..<80, travelled: 99).copyOrigins() == [201, 101])
        // Far on: only copies whose ink still reaches the box, rightmost first.
        #expect(TickerTrack(box: box, cycle: 100, ink: 0..<80, travelled: 10_050).copyOrigins() == [150, 50, -50])
    }

    @Test func theBandAppliesOnceNoMissingCopyCouldShow() {
        let box = PixelRect(x: 0, y: 0, width: 200, height: 20)
        #expect(!TickerTrack(box: box, cycle: 100, ink: 0..<80, travelled: 100).bandIsExact)
        #expect(!TickerTrack(box: box, cycle: 100, ink: 0..<80, travelled: 179).bandIsExact)
        #expect(TickerTrack(box: box, cycle: 100, ink: 0..<80, travelled: 180).bandIsExact)
        // Ink wider than the three copies a band is made of: never.
        #expect(!TickerTrack(box: box, cycle: 100, ink: -150..<80, travelled: 10_000).bandIsExact)
        #expect(!TickerTrack(box: box, cycle: 100, ink: 0..<201, travelled: 10_000).bandIsExact)
    }

    @Test func rectangleSubtractionLeavesExactlyTheUncoveredPixels() {
        let whole = PixelRect(x: 0, y: 0, width: 40, height: 30)
        let holes = [PixelRect(x: 5, y: 5, width: 10, height: 10), PixelRect(x: 10, y: 0, width: 40, height: 4)]
        let pieces = whole.subtracting(holes)
        for y in -2..<32 {
            for x in -2..<42 {
                let point = PixelRect(x: x, y: y, width: 1, height: 1)
                let expected = whole.contains(point) && !holes.contains { $0.contains(point) }
                #expect(pieces.filter { $0.contains(point) }.count == (expected ? 1 : 0), "pixel \(x),\(y)")
            }
        }
    }
}

@Suite struct SteppingClockTests {
    @Test func eachReadingIsOneFrameOnThenTheLastHolds() {
        let start = Instant(secondsSinceEpoch: 1_795_395_900)
        var clock = PlayerClock(mode: .stepping(from: start, fps: 60, frames: 3), monotonic: 0, realtime: .epoch)
        let readings = (0..<5).map { clock.instant(monotonic: Int64($0) * 999_000_000, realtime: .epoch).instant }
        #expect(readings.map { $0.nanoseconds(since: start) } == [0, 16_666_666, 33_333_333, 33_333_333, 33_333_333])
    }

    @Test func aWindowLargerThanTheLargestBoardIsRefused() {
        let (config, problems) = PlayerConfig.decode(Array(#"{"window": {"width": 16384, "height": 16384}}"#.utf8))
        #expect(config == nil)
        #expect(problems.map(\.path) == ["window"])
        #expect(PlayerConfig.decode(Array(#"{"window": {"width": 7680, "height": 4320}}"#.utf8)).problems.isEmpty)
    }
}
