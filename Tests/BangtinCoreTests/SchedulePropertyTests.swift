import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

/// Properties over random bundles and instants (seeded, so a failure replays exactly).
@Suite struct SchedulePropertyTests {
    static let seeds: [UInt64] = Array(1...24)

    func randomInstants(_ count: Int, seed: UInt64) -> [Instant] {
        var rng = SeededRandom(seed: seed &* 7919)
        return (0..<count).map { _ in
            RandomBundles.weekStart.advanced(byNanoseconds: Int64.random(in: 0..<(7 * 86_400_000), using: &rng) * 1_000_000)
        }
    }

    /// Exactly one main layout at every instant, from an eligible entry of the highest eligible
    /// priority (or an interrupt, or the default when nothing is eligible); never nothing.
    @Test(arguments: seeds)
    func oneMainLayoutFromTheRightEntry(seed: UInt64) {
        let bundle = RandomBundles.bundle(seed: seed, entryCount: Int(seed % 12) + 1)
        let scheduler = Scheduler(bundle: bundle)
        let zone = TimeZone(identifier: bundle.schedule.timeZone)!
        for instant in randomInstants(300, seed: seed) {
            let decision = scheduler.decision(at: instant)
            let scene = scheduler.scene(at: instant)
            #expect(bundle.layouts[decision.layout] != nil)
            #expect(scene.main.name == decision.layout)
            #expect(!scene.main.regions.isEmpty, "no instant without content")
            let entries = bundle.schedule.entries
            let normal = entries.filter {
                if case .layouts = $0.show { return $0.interrupt == nil } else { return false }
            }.filter { RandomBundles.eligible($0, at: instant, zone: zone) }
            let top = normal.map(\.priority).max()
            guard let index = decision.entry else {
                #expect(normal.isEmpty, "default layout shown at \(instant) although \(normal.map(\.id)) are eligible")
                continue
            }
            let entry = entries[index]
            #expect(RandomBundles.eligible(entry, at: instant, zone: zone), "\(entry.id) not eligible at \(instant)")
            #expect(entry.layoutNames.contains(decision.layout))
            if decision.isInterrupt {
                #expect(entry.interrupt != nil)
                #expect(entry.priority >= (top ?? Priority(Int.min)))
            } else {
                #expect(entry.interrupt == nil)
                #expect(entry.priority == top, "\(entry.id) (\(entry.priority)) plays but \(String(describing: top)) is eligible")
            }
            // Overlays are exactly the eligible overlay entries.
            let overlays = entries.filter {
                if case .overlay = $0.show { return RandomBundles.eligible($0, at: instant, zone: zone) } else { return false }
            }
            #expect(scene.overlays.map(\.name) == overlays.map { $0.layoutNames[0] })
        }
    }

    /// The scene at T is the same whether asked fresh or after stepping through earlier instants.
    @Test(arguments: seeds.prefix(12))
    func freshEqualsStepped(seed: UInt64) {
        let bundle = RandomBundles.bundle(seed: seed, entryCount: 8)
        let stepping = Scheduler(bundle: bundle)
        var instant = RandomBundles.weekStart.advanced(byNanoseconds: Int64(seed) * 3_600_000_000_000)
        for _ in 0..<400 {
            let stepped = stepping.scene(at: instant)
            #expect(Scheduler(bundle: bundle).scene(at: instant) == stepped, "at \(instant)")
            instant = instant.advanced(byNanoseconds: 1_000_000_000 * Int64(1 + seed % 97) + 333_333_333)
        }
    }

    /// The timeline of a day covers it without gaps or overlaps.
    @Test(arguments: seeds.prefix(8))
    func timelineCoversTheDay(seed: UInt64) {
        let bundle = RandomBundles.bundle(seed: seed, entryCount: 10)
        let scheduler = Scheduler(bundle: bundle)
        let day = scheduler.day(of: RandomBundles.weekStart) + Int(seed % 7)
        let rows = scheduler.timeline(day: day)
        let plan = scheduler.plan(day: day)
        #expect(rows.first?.start == plan.start)
        #expect(rows.last?.end == plan.end)
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(a.end == b.start)
            #expect(a.start < a.end)
        }
    }

    /// Interrupts reach their share of voice within one play per hour.
    @Test(arguments: [(1, 30), (2, 10), (6, 10), (12, 45), (4, 120)])
    func interruptsReachTheirShare(perHour: Int, seconds: Int64) throws {
        var rng = SeededRandom(seed: UInt64(perHour * 1000) + UInt64(seconds))
        var bundle = RandomBundles.bundle(seed: 99, entryCount: 6, interrupts: false)
        bundle.layouts["Y"] = RandomBundles.layout("Y", seconds: seconds, rng: &rng)
        bundle.schedule.layouts["Y"] = LayoutReference(path: "Y/layout.json")
        bundle.schedule.entries.append(
            ScheduleEntry(id: "y-te", show: .layouts(["Y"]), priority: .central, interrupt: .playsPerHour(perHour)))
        let scheduler = Scheduler(bundle: bundle)
        let day = scheduler.day(of: RandomBundles.weekStart) + 2
        let rows = scheduler.timeline(day: day)
        let plan = scheduler.plan(day: day)
        for hour in 0..<24 {
            let from = plan.start.advanced(byNanoseconds: Int64(hour) * DayPlan.hour)
            let to = from.advanced(byNanoseconds: DayPlan.hour)
            let plays = rows.filter { $0.isInterrupt && $0.entry == "y-te" && $0.start >= from && $0.start < to }
            #expect(abs(plays.count - perHour) <= 1, "hour \(hour): \(plays.count) plays, wanted \(perHour)")
            for play in plays {
                #expect(play.end.nanoseconds(since: play.start) <= seconds * 1_000_000_000)
            }
        }
    }

    /// A daypart crossing midnight holds on both sides of it, and only there.
    @Test(arguments: ["Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York"])
    func daypartCrossingMidnight(zoneName: String) throws {
        var bundle = RandomBundles.bundle(seed: 5, entryCount: 0, zone: zoneName)
        bundle.schedule.entries = [
            ScheduleEntry(
                id: "dem-thu-bay", show: .layouts(["L3"]), priority: .central,
                dayparts: [Daypart(weekdays: [6], startMinute: 21 * 60 + 30, endMinute: 60)])  // Sat 21:30 → Sun 01:00
        ]
        let scheduler = Scheduler(bundle: bundle)
        let zone = TimeZone(identifier: zoneName)!
        func at(_ local: String) -> Instant { try! Instant.parse(local, localZone: zone) }
        #expect(scheduler.decision(at: at("2026-11-28T21:29:59")).entry == nil)  // Saturday, before
        #expect(scheduler.decision(at: at("2026-11-28T21:30:00")).entry == 0)
        #expect(scheduler.decision(at: at("2026-11-28T23:59:59")).entry == 0)
        #expect(scheduler.decision(at: at("2026-11-29T00:00:00")).entry == 0)  // Sunday, after midnight
        #expect(scheduler.decision(at: at("2026-11-29T00:59:59")).entry == 0)
        #expect(scheduler.decision(at: at("2026-11-29T01:00:00")).entry == nil)
        #expect(scheduler.decision(at: at("2026-11-28T00:30:00")).entry == nil)  // Friday night was not listed
    }
}
