import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

@Suite struct SchedulerTests {
    let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    func bundle(_ entries: [ScheduleEntry], durations: [String: Int64] = [:], zone: String = "Asia/Ho_Chi_Minh") -> ContentBundle
    {
        var rng = SeededRandom(seed: 1)
        var layouts: [String: Layout] = [:]
        var references: [String: LayoutReference] = [:]
        for name in ["A", "B", "C", "Y", "O", "D"] {
            layouts[name] = RandomBundles.layout(name, seconds: durations[name] ?? 30, rng: &rng)
            references[name] = LayoutReference(path: "\(name)/layout.json")
        }
        return ContentBundle(
            schedule: Schedule(
                size: PixelSize(width: 64, height: 32), timeZone: zone, layouts: references, defaultLayout: "D", entries: entries),
            layouts: layouts)
    }

    func at(_ text: String, _ zone: TimeZone? = nil) -> Instant { try! Instant.parse(text, localZone: zone ?? hanoi) }

    @Test func rotationPlaysEachLayoutForItsDurationFromTheSegmentStart() {
        let scheduler = Scheduler(
            bundle: bundle(
                [
                    ScheduleEntry(
                        id: "sang", show: .layouts(["A", "B"]), dayparts: [Daypart(startMinute: 6 * 60, endMinute: 9 * 60)])
                ], durations: ["A": 20, "B": 10]))
        #expect(scheduler.decision(at: at("2026-11-23T05:59:59")).layout == "D")
        #expect(scheduler.decision(at: at("2026-11-23T06:00:00")).layout == "A")
        #expect(scheduler.decision(at: at("2026-11-23T06:00:19.999")).layout == "A")
        #expect(scheduler.decision(at: at("2026-11-23T06:00:20")).layout == "B")
        #expect(scheduler.decision(at: at("2026-11-23T06:00:30")).layout == "A")
        let d = scheduler.decision(at: at("2026-11-23T06:00:55"))
        #expect(d.layout == "B" && d.layoutStart == at("2026-11-23T06:00:50") && d.until == at("2026-11-23T06:01:00"))
    }

    @Test func higherPriorityWinsAndLowerResumesAfter() {
        let scheduler = Scheduler(
            bundle: bundle([
                ScheduleEntry(id: "xa", show: .layouts(["A"]), priority: .commune),
                ScheduleEntry(
                    id: "tinh", show: .layouts(["B"]), priority: .province,
                    dayparts: [Daypart(startMinute: 12 * 60, endMinute: 13 * 60)]),
            ]))
        #expect(scheduler.decision(at: at("2026-11-23T11:59:59")).layout == "A")
        #expect(scheduler.decision(at: at("2026-11-23T12:30:00")).layout == "B")
        #expect(scheduler.decision(at: at("2026-11-23T12:30:00")).priority == .province)
        #expect(scheduler.decision(at: at("2026-11-23T13:00:00")).layout == "A")
    }

    @Test func interruptSlotsAreSpreadAndPauseTheRotation() {
        let scheduler = Scheduler(
            bundle: bundle(
                [
                    ScheduleEntry(id: "xa", show: .layouts(["A", "B"])),
                    ScheduleEntry(id: "y-te", show: .layouts(["Y"]), priority: .district, interrupt: .playsPerHour(6)),
                ], durations: ["A": 30, "B": 30, "Y": 10]))
        for minute in stride(from: 0, to: 60, by: 10) {
            let start = at(String(format: "2026-11-23T08:%02d:00", minute))
            let d = scheduler.decision(at: start.advanced(byNanoseconds: 5_000_000_000))
            #expect(d.isInterrupt && d.layout == "Y" && d.showingSince == start, "slot at :\(minute)")
            #expect(!scheduler.decision(at: start.advanced(byNanoseconds: 10_000_000_000)).isInterrupt)
        }
        // Midnight starts the rotation; the 00:00 slot takes 10 s, so A plays 00:00:10–00:00:40.
        #expect(scheduler.decision(at: at("2026-11-23T00:00:39")).layout == "A")
        #expect(scheduler.decision(at: at("2026-11-23T00:00:40")).layout == "B")
        // Paused, not skipped: A resumes where it was after the 00:10 interrupt.
        let beforeInterrupt = scheduler.decision(at: at("2026-11-23T00:09:59"))
        let afterInterrupt = scheduler.decision(at: at("2026-11-23T00:10:10"))
        #expect(beforeInterrupt.layout == afterInterrupt.layout)
        #expect(afterInterrupt.layoutStart == beforeInterrupt.layoutStart.advanced(byNanoseconds: 10_000_000_000))
        #expect(afterInterrupt.showingSince == at("2026-11-23T00:10:10"))
    }

    @Test func shareOfVoiceInSecondsOrPercent() {
        #expect(ShareOfVoice.secondsPerHour(120).plays(forDurationMilliseconds: 20_000) == 6)
        #expect(ShareOfVoice.percent(10).plays(forDurationMilliseconds: 30_000) == 12)
        #expect(ShareOfVoice.secondsPerHour(5).plays(forDurationMilliseconds: 60_000) == 1)
    }

    @Test func overlaysAreDrawnWhileEligibleAndCountFromTheirStart() {
        let scheduler = Scheduler(
            bundle: bundle([
                ScheduleEntry(id: "xa", show: .layouts(["A"])),
                ScheduleEntry(id: "chu", show: .overlay("O"), dayparts: [Daypart(startMinute: 5 * 60, endMinute: 22 * 60)]),
            ]))
        #expect(scheduler.scene(at: at("2026-11-23T04:59:00")).overlays.isEmpty)
        let scene = scheduler.scene(at: at("2026-11-23T05:00:10"))
        #expect(scene.overlays.map(\.name) == ["O"])
        #expect(scene.main.name == "A")
    }

    @Test func transitionBlendsOutgoingIntoIncoming() {
        let fade = TransitionSpec(kind: .fade, durationMilliseconds: 1000)
        let scheduler = Scheduler(
            bundle: bundle(
                [ScheduleEntry(id: "xa", show: .layouts(["A", "B"]), transition: fade)], durations: ["A": 20, "B": 10]))
        let mid = scheduler.scene(at: at("2026-11-23T00:00:20.5"))
        #expect(mid.main.name == "B")
        #expect(mid.transition?.from.name == "A")
        #expect(mid.transition?.progress == 500)
        #expect(mid.transition?.kind == .fade)
        #expect(scheduler.scene(at: at("2026-11-23T00:00:21")).transition == nil)
        // The outgoing layout holds its last frame instead of looping on.
        var last = scheduler.bundle.layouts["A"]!.scene(
            at: at("2026-11-23T00:00:20").advanced(byNanoseconds: -1), startedAt: at("2026-11-23T00:00:00"))
        last.name = "A"
        #expect(mid.transition?.from == last)
    }

    @Test func rotationRunsOnWhenOnlyAnOverlayOrInterruptChanges() {
        let rotation = ScheduleEntry(id: "xa", show: .layouts(["A", "B"]))
        let plain = Scheduler(bundle: bundle([rotation], durations: ["A": 20, "B": 25]))
        let busy = Scheduler(
            bundle: bundle(
                [
                    rotation,
                    ScheduleEntry(id: "chu", show: .overlay("O"), dayparts: [Daypart(startMinute: 5 * 60, endMinute: 6 * 60)]),
                ], durations: ["A": 20, "B": 25]))
        var t = at("2026-11-23T04:58:00")
        while t < at("2026-11-23T06:02:00") {
            let a = plain.decision(at: t)
            let b = busy.decision(at: t)
            #expect(a.layout == b.layout && a.layoutStart == b.layoutStart, "at \(t)")
            t = t.advanced(byNanoseconds: 7_000_000_000)
        }
        // With an interrupt that stops at 06:00, the rotation resumes after 06:00 exactly where the
        // paused count says, not from the start.
        let interrupted = Scheduler(
            bundle: bundle(
                [
                    rotation,
                    ScheduleEntry(
                        id: "y", show: .layouts(["Y"]), dayparts: [Daypart(startMinute: 0, endMinute: 6 * 60)],
                        interrupt: .playsPerHour(6)),
                ], durations: ["A": 20, "B": 23, "Y": 10]))
        // At 06:00:30 the rotation has shown for 21630 s − 36 interrupts × 10 s = 21270 s;
        // 21270 mod 43 = 28: B, 8 s in (a restart at 06:00 would say 10 s in).
        let after = interrupted.decision(at: at("2026-11-23T06:00:30"))
        #expect(after.layout == "B" && after.layoutStart == at("2026-11-23T06:00:22"))
    }

    @Test func daylightSavingDaysKeepWallClockDayparts() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let scheduler = Scheduler(
            bundle: bundle(
                [ScheduleEntry(id: "sang", show: .layouts(["A"]), dayparts: [Daypart(startMinute: 6 * 60, endMinute: 9 * 60)])],
                zone: "Europe/Berlin"))
        for day in ["2026-03-28", "2026-03-29", "2026-10-25"] {  // before, spring forward, fall back
            #expect(scheduler.decision(at: at("\(day)T05:59:59", berlin)).layout == "D", "\(day)")
            #expect(scheduler.decision(at: at("\(day)T06:00:00", berlin)).layout == "A", "\(day)")
            #expect(scheduler.decision(at: at("\(day)T08:59:59", berlin)).layout == "A", "\(day)")
            #expect(scheduler.decision(at: at("\(day)T09:00:00", berlin)).layout == "D", "\(day)")
        }
        let short = scheduler.plan(day: scheduler.day(year: 2026, month: 3, day: 29))
        #expect(short.end.nanoseconds(since: short.start) == 23 * DayPlan.hour)
    }

    @Test func aBundleWithoutEntriesPlaysItsDefaultContinuously() {
        let scheduler = Scheduler(bundle: bundle([]))
        let d = scheduler.decision(at: at("2026-11-23T08:05:00"))
        #expect(d.layout == "D" && d.layoutStart == .epoch)
    }
}
