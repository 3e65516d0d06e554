import Foundation
import Testing

@testable import BangtinCore

@Suite struct TimeTests {
    let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    @Test func parsesOffsetsAndFractions() throws {
        let a = try Instant.parse("2026-11-23T08:05:00+07:00", localZone: hanoi)
        #expect(a == Instant(secondsSinceEpoch: 1_795_395_900))
        #expect(try Instant.parse("2026-11-23T01:05:00Z", localZone: hanoi) == a)
        #expect(try Instant.parse("2026-11-23 08:05", localZone: hanoi) == a)  // no offset: the zone's wall clock
        let fraction = try Instant.parse("2026-11-23T01:05:00.25Z", localZone: hanoi)
        #expect(fraction.nanoseconds(since: a) == 250_000_000)
        #expect(ISO8601.format(fraction) == "2026-11-23T01:05:00.25Z")
    }

    @Test(arguments: ["2026-02-30T00:00:00Z", "2026-11-23", "2026-11-23T25:00:00Z", "2026-11-23T08:05:00+07:00x", "tomorrow"])
    func refusesNonsense(_ text: String) {
        #expect(throws: ISO8601.ParseError.self) { try Instant.parse(text, localZone: hanoi) }
    }

    @Test func localTimeInDaylightSavingZone() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        // 2026-03-29 02:00 local clocks jump to 03:00; 01:30 is +01:00, 03:30 is +02:00.
        let before = try Instant.parse("2026-03-29T01:30:00", localZone: berlin)
        let after = try Instant.parse("2026-03-29T03:30:00", localZone: berlin)
        #expect(after.nanoseconds(since: before) == 3_600_000_000_000)
        #expect(LocalTime(after, in: berlin).hour == 3)
        #expect(LocalTime(after, in: berlin).utcOffsetSeconds == 7200)
    }

    @Test func civilDatesRoundTrip() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDate.fromDaysSinceEpoch(days)
            #expect(CivilDate.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(CivilDate.weekday(daysSinceEpoch: CivilDate.daysSinceEpoch(year: 2026, month: 11, day: 23)) == 1)
    }

    @Test func vietnameseClockText() throws {
        let instant = try Instant.parse("2026-11-23T08:05:09+07:00", localZone: hanoi)
        #expect(ClockFormat.standard.text(at: instant, in: hanoi) == "Thứ Hai, 23/11/2026 08:05")
        let sunday = try Instant.parse("2026-11-29T23:59:59+07:00", localZone: hanoi)
        #expect(
            try ClockFormat("{weekday} {weekdayShort} {d}/{M} {H}:{mm}:{ss}").text(at: sunday, in: hanoi)
                == "Chủ Nhật CN 29/11 23:59:59")
        // The same instant one zone west is still Sunday but an hour earlier.
        #expect(try ClockFormat("{HH}:{mm}").text(at: sunday, in: TimeZone(identifier: "Asia/Bangkok")!) == "23:59")
        #expect(try ClockFormat("{HH}:{mm}").text(at: sunday, in: TimeZone(identifier: "UTC")!) == "16:59")
    }

    @Test func lunarTokens() throws {
        let tet = try Instant.parse("2026-02-17T09:00:00+07:00", localZone: hanoi)
        #expect(
            try ClockFormat("Âm lịch {lunarDay}/{lunarMonth} năm {lunarYear}").text(at: tet, in: hanoi)
                == "Âm lịch 1/1 năm Bính Ngọ")
    }

    @Test func clockFormatErrors() {
        #expect(throws: ClockFormat.FormatError.self) { try ClockFormat("{hour}") }
        #expect(throws: ClockFormat.FormatError.self) { try ClockFormat("{HH") }
    }
}

/// Offsets remembered an hour at a time agree with the zone database second by second around
/// real changes: daylight saving in Europe and America, half-hour and 45-minute zones, and
/// Vietnam's own historical changes (1975: +08:00 to +07:00 in the south).
@Suite struct UTCOffsetTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Asia/Ho_Chi_Minh"]

    @Test(arguments: zones)
    func rememberedOffsetsAgreeWithTheZoneAroundEveryChange(_ name: String) throws {
        let zone = try #require(TimeZone(identifier: name))
        var changes: [Int64] = []
        var probe = Date(timeIntervalSince1970: -800_000_000)  // 1944
        while let next = zone.nextDaylightSavingTimeTransition(after: probe), next.timeIntervalSince1970 < 1_900_000_000 {
            changes.append(Int64(next.timeIntervalSince1970))
            probe = next
            if changes.count > 400 { break }
        }
        if name == "Asia/Ho_Chi_Minh" {
            // 1975-06-13 00:00 +08:00: the south moves to +07:00.
            let reunification: Int64 = 171_820_800
            #expect(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 171_820_799)) == 8 * 3600)
            #expect(zone.secondsFromGMT(for: Date(timeIntervalSince1970: 171_820_800)) == 7 * 3600)
            changes.append(reunification + 1800)
        }
        #expect(!changes.isEmpty)
        for change in changes {
            // Walk across the change in the order a board and a preview would ask.
            for step in stride(from: -7200 as Int64, through: 7200, by: 1) where step % 97 == 0 || abs(step) < 3 {
                let seconds = change + step
                let truth = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
                #expect(UTCOffsets.offset(at: seconds, in: zone) == truth, "\(name) at \(seconds)")
            }
        }
    }
}

@Suite struct InstantLimitTests {
    @Test func arithmeticSaturatesAtTheEndsOfTime() {
        let last = Instant(nanosecondsSinceEpoch: .max)
        let first = Instant(nanosecondsSinceEpoch: .min)
        #expect(last.advanced(byNanoseconds: 1) == last)
        #expect(first.advanced(byNanoseconds: -1) == first)
        #expect(last.nanoseconds(since: first) == .max)
        #expect(first.nanoseconds(since: last) == .min)
        #expect(Instant.epoch.advanced(byNanoseconds: 5).nanoseconds(since: .epoch) == 5)
    }
}
