import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

/// Instants at and beyond the ends of 64-bit nanoseconds (1677–2262): content may name any
/// date of years 0…9999, and nothing traps anywhere near the ends.
@Suite struct EndsOfTimeTests {
    let hanoi = ContentTimeZone.named("Asia/Ho_Chi_Minh")

    /// Instants at, near and inside the ends of time.
    static let extremes: [Instant] = [
        .min, .min.advanced(byNanoseconds: 1), .min.advanced(byNanoseconds: 86_400_000_000_000),
        Instant.supportedSpan.lowerBound.advanced(byNanoseconds: -1), Instant.supportedSpan.lowerBound, .epoch,
        Instant.supportedSpan.upperBound.advanced(byNanoseconds: -1), Instant.supportedSpan.upperBound,
        .max.advanced(byNanoseconds: -86_400_000_000_000), .max.advanced(byNanoseconds: -1), .max,
    ]

    @Test func arithmeticSaturates() {
        #expect(Instant(secondsSinceEpoch: .max) == .max)
        #expect(Instant(secondsSinceEpoch: .min) == .min)
        #expect(Instant(secondsSinceEpoch: 10_000_000_000) == .max)
        #expect(Instant.min.secondsSinceEpoch == -9_223_372_037)
        #expect(Instant.max.secondsSinceEpoch == 9_223_372_036)
        #expect(Instant.min.nanosecondOfSecond == 145_224_192)
        #expect(Instant.max.nextWholeSecond == .max)
        #expect(Instant(secondsSinceEpoch: 5, nanoseconds: 250).nextWholeSecond == Instant(secondsSinceEpoch: 6))
        #expect(Instant(nanosecondsSinceEpoch: -1).nextWholeSecond == .epoch)
        #expect(ISO8601.format(.min) == "1677-09-21T00:12:43.145224192Z")
        #expect(ISO8601.format(.max) == "2262-04-11T23:47:16.854775807Z")
    }

    /// "until 9999-12-31" is the usual "no end": it decodes, and the entry never ends.
    @Test func contentMayNameAnyDate() throws {
        #expect(try Instant.parseClamping("9999-12-31T00:00:00+07:00", localZone: hanoi).instant == .max)
        #expect(try Instant.parseClamping("9999-12-31T23:59:59", localZone: hanoi).instant == .max)
        #expect(try Instant.parseClamping("0001-01-01T00:00:00Z", localZone: hanoi).instant == .min)
        let json = #"""
            {"version": 1, "size": {"width": 64, "height": 32}, "layouts": {"a": "a/layout.json"}, "default": "a", "entries": [
              {"id": "mai-mai", "layout": "a", "from": "2026-01-01T00:00:00+07:00", "until": "9999-12-31T00:00:00+07:00"},
              {"id": "xua", "layout": "a", "from": "1500-01-01T00:00:00", "until": "1600-01-01T00:00:00"},
              {"id": "nguoc", "layout": "a", "from": "9999-01-02T00:00:00", "until": "9999-01-01T00:00:00"}]}
            """#
        let (_, problems) = ScheduleDecoder.decode(Array(json.utf8))
        // Dates beyond the ends are still compared as written.
        #expect(problems.map(\.description) == [#"entries[2].until: must be later than "from""#])
        let good = json.replacingOccurrences(of: #""from": "9999-01-02T00:00:00""#, with: #""from": "9998-01-02T00:00:00""#)
        let schedule = try #require(ScheduleDecoder.decode(Array(good.utf8)).schedule)
        #expect(schedule.entries[0].validUntil == .max)
        #expect(schedule.entries[1].validFrom == .min && schedule.entries[1].validUntil == .min)
        var rng = SeededRandom(seed: 1)
        let layout = RandomBundles.layout("a", seconds: 10, rng: &rng)
        let scheduler = Scheduler(bundle: ContentBundle(schedule: schedule, layouts: ["a": layout]))
        let decision = scheduler.decision(at: Fixtures.instant("2030-06-01T12:00:00+07:00"))
        #expect(decision.entry == 0, "valid until the end of time")
        #expect(scheduler.decision(at: Fixtures.instant("2025-06-01T12:00:00+07:00")).entry == nil)
    }

    /// What a person types must be playable: outside the supported span it is refused by name.
    @Test func commandLineInstantsOutsideTheSpanAreRefused() {
        for text in ["9999-12-31T00:00:00+07:00", "2262-01-01T00:00:00Z", "1677-12-31T23:59:59Z", "0001-01-01T00:00"] {
            #expect {
                try Instant.parse(text, localZone: hanoi)
            } throws: { error in
                "\(error)".contains("outside the supported span 1678-01-01 to 2261-12-31")
            }
        }
        #expect(throws: Never.self) { try Instant.parse("2261-12-31T23:59:59Z", localZone: hanoi) }
        #expect(throws: Never.self) { try Instant.parse("1678-01-01T00:00:00Z", localZone: hanoi) }
    }

    @Test(arguments: extremes)
    func wallClocksAndCalendarsAtTheEnds(_ instant: Instant) throws {
        let everything = try ClockFormat(
            "{weekday} {weekdayShort} {d}/{M}/{yyyy} {H}:{mm}:{ss} {lunarDay}/{lunarMonth} {lunarYear}")
        for zone in ["Asia/Ho_Chi_Minh", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Berlin"] {
            let time = LocalTime(instant, in: ContentTimeZone.named(zone))
            #expect((1677...2262).contains(time.year))
            #expect(!everything.text(at: instant, in: ContentTimeZone.named(zone)).isEmpty)
        }
        #expect(!ISO8601.format(instant).isEmpty)
    }

    /// The scene and everything a plan or a preview asks, at every extreme instant, for random
    /// bundles and every demo layout: never a trap.
    @Test(arguments: 1...6)
    func schedulerAtTheEnds(seed: Int) throws {
        let bundle = RandomBundles.bundle(seed: UInt64(seed), entryCount: 6)
        let scheduler = Scheduler(bundle: bundle)
        for instant in Self.extremes {
            let scene = scheduler.scene(at: instant)
            #expect(!scene.main.regions.isEmpty)
            var timed: TimedScene?
            _ = scheduler.scene(at: instant, reusing: &timed)
            _ = scheduler.scene(at: instant, reusing: &timed)
            let held = scheduler.timedScene(at: instant)
            #expect(held.stableUntil >= held.computedAt)
            _ = scheduler.changes(from: instant, to: instant.advanced(byNanoseconds: 3_600_000_000_000), limit: 20)
            let day = scheduler.day(of: instant)
            #expect(!scheduler.timeline(day: day).isEmpty)
            #expect(!scheduler.segments(day: day).isEmpty)
        }
        #expect(!scheduler.timeline(day: .min / 2).isEmpty)
        #expect(!scheduler.timeline(day: .max / 2).isEmpty)
    }

    @Test(arguments: Fixtures.layoutNames)
    func layoutsAtTheEnds(name: String) throws {
        let path = "\(Fixtures.layoutsDirectory)/\(name)/layout.json"
        let layout = try Fixtures.layout(String(contentsOfFile: path, encoding: .utf8))
        for instant in Self.extremes {
            for start in [Instant.min, .epoch, .max, instant] {
                let (scene, stableUntil) = layout.timedScene(at: instant, startedAt: start)
                #expect(scene.regions.count == layout.regions.count)
                #expect(stableUntil >= instant || stableUntil == start)
                _ = scene.advanced(to: .max, subpixel: true)
                _ = layout.scene(at: instant, startedAt: start, subpixel: true)
            }
        }
        let bundle = ContentBundle.single(layout)
        for instant in Self.extremes {
            _ = Scheduler(bundle: bundle).scene(at: instant)
        }
    }
}

/// One rule for zone names, wherever content's zone becomes a `TimeZone`.
@Suite struct ContentTimeZoneTests {
    @Test func unknownOrMissingZonesFallBackToHoChiMinh() {
        for name in [
            nil, "Mars/Olympus", "", "../../../../etc/localtime", "/usr/share/zoneinfo/UTC", String(repeating: "A", count: 65),
        ] {
            #expect(ContentTimeZone.named(name).identifier == "Asia/Ho_Chi_Minh", "\(name ?? "nil")")
        }
        #expect(ContentTimeZone.named("Europe/Berlin").identifier == "Europe/Berlin")
        #expect(ContentTimeZone.problem(with: "Europe/Berlin") == nil)
        #expect(ContentTimeZone.problem(with: "../../etc/passwd")?.contains("unknown time zone") == true)
        // A layout and a scheduler naming a zone the system lost play in Vietnam's time.
        let layout = Layout(size: PixelSize(width: 8, height: 8), timeZone: "Mars/Olympus", regions: [])
        #expect(layout.zone.identifier == "Asia/Ho_Chi_Minh")
    }
}
