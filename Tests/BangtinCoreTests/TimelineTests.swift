import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

/// A day's plan as `plan` prints it: rows merged in one place, default plays named one way,
/// and columns that stay short however big the rotation.
@Suite struct TimelineTests {
    func bundle(entries: Int, seconds: Int64 = 10) -> ContentBundle {
        var rng = SeededRandom(seed: 3)
        let layout = RandomBundles.layout("a", seconds: seconds, rng: &rng)
        let schedule = Schedule(
            size: layout.size, layouts: ["a": LayoutReference(path: "a/layout.json")], defaultLayout: "a",
            entries: (0..<entries).map { ScheduleEntry(id: "e\($0)", show: .layouts(["a"])) })
        return ContentBundle(schedule: schedule, layouts: ["a": layout])
    }

    /// Consecutive plays of a layout from one entry are one row with a count (once, in the core;
    /// `plan` used to merge the rows a second time).
    @Test func consecutivePlaysShareARow() {
        let scheduler = Scheduler(bundle: bundle(entries: 1))
        let rows = scheduler.timeline(day: scheduler.day(of: RandomBundles.weekStart))
        #expect(rows.count == 1)
        #expect(rows.first?.plays == 8_640)
        #expect(rows.first?.entry == "e0")
    }

    @Test func theDefaultLayoutHasOneLabel() throws {
        let scheduler = Scheduler(bundle: bundle(entries: 0))
        let day = scheduler.day(of: RandomBundles.weekStart)
        #expect(scheduler.timeline(day: day).map(\.entry) == [ScheduleEntry.defaultLayoutLabel])
        #expect(scheduler.segments(day: day).first?.rotation.map(\.entry) == [ScheduleEntry.defaultLayoutLabel])
        #expect(
            scheduler.changes(from: RandomBundles.weekStart, to: RandomBundles.weekStart.advanced(byNanoseconds: 1)).map(\.entry)
                == [ScheduleEntry.defaultLayoutLabel])
        // No entry may take the label as its id, so a label always means the default layout.
        let json = #"""
            {"version": 1, "size": {"width": 64, "height": 32}, "layouts": {"a": "a/layout.json"}, "default": "a",
             "entries": [{"id": "(default)", "layout": "a"}]}
            """#
        #expect(
            ScheduleDecoder.decode(Array(json.utf8)).problems.map(\.description) == [
                #"entries[0].id: "(default)" names the default layout in plans and previews: choose another id"#
            ])
    }

    /// With 2,000 entries in the rotation, each row named them all (a minute for a day's plan).
    @Test func bigRotationsAreNamedShortly() throws {
        let scheduler = Scheduler(bundle: bundle(entries: 2_000))
        let day = scheduler.day(of: RandomBundles.weekStart)
        let clock = ContinuousClock()
        var rows: [TimelineRow] = []
        let elapsed = clock.measure { rows = scheduler.timeline(day: day) }
        #expect(elapsed < .seconds(20), "took \(elapsed)")
        #expect(rows.count == 8_640)
        #expect(rows[0].why == "highest priority eligible; rotation: e0, e1, e2, e3, e4, e5, … (2000 in all)")
        let segment = try #require(scheduler.segments(day: day).first)
        #expect(segment.rotation.count == Limits.listedInPlan && segment.rotationCount == 2_000)
    }
}
