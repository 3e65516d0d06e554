import Testing

@testable import BangtinCore

@Suite struct ScheduleDecoderTests {
    func decode(_ json: String) -> (Schedule?, [String]) {
        let (schedule, problems) = ScheduleDecoder.decode(Array(json.utf8))
        return (schedule, problems.map(\.description))
    }

    let head =
        #""version": 1, "size": {"width": 384, "height": 192}, "layouts": {"a": "a/layout.json", "b": {"path": "b/layout.json", "duration": 12.5}}, "default": "a""#

    @Test func decodesEveryKindOfEntry() throws {
        let (schedule, problems) = decode(
            #"""
            {\#(head), "entries": [
              {"id": "sang", "layout": "a", "priority": "commune", "dayparts": [{"days": ["mon", "sat"], "from": "05:30", "to": "09:00"}],
               "transition": {"kind": "fade", "duration": 0.8}},
              {"id": "tinh", "campaign": ["a", "b"], "priority": 35, "from": "2026-11-16T00:00:00", "until": "2026-12-16T00:00:00+07:00"},
              {"id": "y-te", "layout": "b", "priority": "district", "interrupt": {"percent": 5}},
              {"id": "chu", "overlay": "b", "dayparts": [{"from": "22:00", "to": "02:00"}, {"from": "06:00", "to": "24:00"}]}
            ]}
            """#)
        #expect(problems == [])
        let s = try #require(schedule)
        #expect(s.layouts["b"]?.durationMilliseconds == 12_500)
        #expect(s.entries[0].dayparts == [Daypart(weekdays: [1, 6], startMinute: 330, endMinute: 540)])
        #expect(s.entries[0].transition == TransitionSpec(kind: .fade, durationMilliseconds: 800))
        #expect(s.entries[1].show == .layouts(["a", "b"]) && s.entries[1].priority == Priority(35))
        #expect(s.entries[1].validFrom == Instant(secondsSinceEpoch: 1_794_762_000))  // local midnight, +07:00
        #expect(s.entries[2].interrupt == .percent(5) && s.entries[2].priority == .district)
        #expect(s.entries[3].show == .overlay("b") && s.entries[3].dayparts[0].crossesMidnight)
        #expect(s.entries[3].dayparts[1].endMinute == 1440)
    }

    @Test func namesEveryProblemByPath() {
        let (schedule, problems) = decode(
            #"""
            {"version": 1, "size": {"width": 384, "height": 192}, "layouts": {"a": "../a.json"}, "default": "x", "entries": [
              {"id": "one", "layout": "zz", "campaign": ["a"]},
              {"id": "one", "layout": "zz", "priority": "village"},
              {"id": "two", "overlay": "a", "interrupt": {"playsPerHour": 2, "percent": 3}},
              {"id": "three", "layout": "a", "dayparts": [{"days": ["mon", "funday"], "from": "6:00", "to": "25:00"}],
               "from": "2026-12-01T00:00:00Z", "until": "2026-11-01T00:00:00Z"}
            ]}
            """#)
        #expect(schedule == nil)
        #expect(
            problems == [
                "layouts.a: must stay inside the bundle folder (\"../a.json\" escapes it)",
                "default: names no layout of \"layouts\": \"x\"",
                "entries[0]: must have exactly one of \"layout\", \"campaign\" or \"overlay\"",
                "entries[1].layout: names no layout of \"layouts\": \"zz\"",
                "entries[1].priority: unknown level \"village\" (expected central, province, district, commune or a number)",
                "entries[2].interrupt: must have exactly one of playsPerHour, secondsPerHour, percent",
                "entries[2].interrupt: an overlay cannot be an interrupt",
                "entries[3].until: must be later than \"from\"",
                "entries[3].dayparts[0].days[1]: must be one of sun, mon, tue, wed, thu, fri, sat",
                "entries[3].dayparts[0].from: \"6:00\" is not a time of day (expected HH:MM, e.g. 06:30)",
                "entries[3].dayparts[0].to: \"25:00\" is not a time of day (expected HH:MM, e.g. 06:30)",
            ])
    }

    @Test func bundleChecksSizesAndInterruptLoad() {
        var layouts: [String: Layout] = [:]
        layouts["a"] = Layout(size: PixelSize(width: 384, height: 192), regions: [])
        layouts["b"] = Layout(size: PixelSize(width: 192, height: 64), regions: [])
        let schedule = Schedule(
            size: PixelSize(width: 384, height: 192),
            layouts: ["a": LayoutReference(path: "a.json"), "b": LayoutReference(path: "b.json", durationMilliseconds: 60_000)],
            defaultLayout: "a",
            entries: [ScheduleEntry(id: "y", show: .layouts(["b"]), interrupt: .playsPerHour(61))])
        #expect(
            ContentBundle(schedule: schedule, layouts: layouts).problems().map(\.description) == [
                "layouts.b: layout is 192×64 but the board is 384×192",
                "entries: interrupts ask for 3660 s per hour together, more than the hour has",
            ])
    }
}

@Suite struct ScheduleIdTests {
    @Test func duplicateIdsAreRefused() {
        let json =
            #"{"version": 1, "size": {"width": 8, "height": 8}, "layouts": {"a": "a.json"}, "default": "a", "entries": [{"id": "x", "layout": "a"}, {"id": "x", "layout": "a"}]}"#
        #expect(
            ScheduleDecoder.decode(Array(json.utf8)).problems.map(\.description) == ["entries[1].id: duplicate entry id \"x\""])
    }
}
