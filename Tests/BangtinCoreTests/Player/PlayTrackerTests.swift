import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// Proof of play as a function of the scenes shown: a morning of the demo commune's board,
/// seen at every change of scene and a frame after.
@Suite struct PlayTrackerTests {
    /// Records of `from`…`to` on the demo bundle, looking at the screen at every change and a
    /// frame later, as a player does.
    func morning(from: String, to: String) throws -> [PlayRecord] {
        let scheduler = try TestContent.update("xa-tan-phu-tuan").scheduler!
        var tracker = PlayTracker(board: "cho-tan-phu-01", contentVersion: "12")
        var t = TestContent.at(from)
        let end = TestContent.at(to)
        var records: [PlayRecord] = []
        while t < end {
            let timed = scheduler.timedScene(at: t)
            records += tracker.show(timed.scene, at: t, brightness: 100)
            let frame = t.advanced(byNanoseconds: 16_666_667)
            if frame < timed.stableUntil { records += tracker.show(scheduler.scene(at: frame), at: frame, brightness: 100) }
            t = max(timed.stableUntil, t.advanced(byNanoseconds: 100_000_000))
        }
        return records + tracker.closeAll(at: end, cause: .stopped)
    }

    @Test func layoutsAndItemsCompleteTheirPlannedLengthsAndInterruptsCutThem() throws {
        // Saturday 05:30–07:00: morning notices in rotation, the health department's interrupt
        // six times an hour, the ticker overlay.
        let records = try morning(from: "2026-11-28T05:30:00", to: "2026-11-28T07:00:00")
        let layouts = records.filter {
            if case .layout = $0.subject { return true }
            return false
        }
        let interrupts = layouts.filter { $0.subject == .layout("y-te") }
        #expect(interrupts.count == 9, "six an hour for an hour and a half")
        #expect(interrupts.allSatisfy { $0.outcome == .completed && $0.durationNanoseconds == 10_000_000_000 })
        #expect(interrupts.allSatisfy { $0.entry == "so-y-te" })
        // A play of the notices (42 s) the interrupt cuts resumes after it where it was: its
        // two parts make 42 s.
        let morning = layouts.filter { $0.subject == .layout("sang") }
        #expect(morning.contains { $0.outcome == .interrupted(.interrupt) }, "the rotation gives way to the interrupt")
        var cut: Int64 = 0
        for play in morning.sorted(by: { $0.start < $1.start }) {
            if play.outcome == .interrupted(.interrupt) {
                cut = play.durationNanoseconds
            } else if play.outcome == .completed {
                #expect(play.durationNanoseconds + cut == 42_000_000_000, "\(play.start)–\(play.end) after \(cut) ns")
                cut = 0
            }
        }
        // The main layer is never shown twice at once, and nothing is lost between plays.
        let sorted = layouts.sorted { $0.start < $1.start }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(a.end <= b.start, "\(a.subject) \(a.start)–\(a.end) overlaps \(b.subject) \(b.start)")
            #expect(b.start.nanoseconds(since: a.end) < 20_000_000, "a gap after \(a.subject) at \(a.end)")
        }
        // Items cut short by their layout's end say so.
        #expect(records.contains { $0.outcome == .interrupted(.layoutEnded) })
        #expect(records.allSatisfy { $0.board == "cho-tan-phu-01" && $0.contentVersion == "12" })
        // The overlay plays on across the changes beneath it until the player stops.
        let overlay = records.filter { $0.subject == .overlay("chu-chay") }
        #expect(overlay.count == 1 && overlay[0].outcome == .interrupted(.stopped))
    }

    @Test func theDarkAndStoppedAreNotCountedAsPlayed() throws {
        let scheduler = try TestContent.update("market-p10-384x192/layout.json").scheduler!
        var tracker = PlayTracker(board: "b")
        let t = TestContent.at("2026-11-23T08:05:00")
        _ = tracker.show(scheduler.scene(at: t), at: t, brightness: 40)
        let off = t.advanced(byNanoseconds: 3_000_000_000)
        let closed = tracker.closeAll(at: off, cause: .boardOff)
        #expect(!closed.isEmpty && closed.allSatisfy { $0.end == off && $0.brightness == 40 })
        #expect(closed.allSatisfy { $0.outcome == .interrupted(.boardOff) || $0.outcome == .completed })
        #expect(tracker.isEmpty)
        // Seen again an hour later: started when seen, not when planned.
        let back = off.advanced(byNanoseconds: 3_600_000_000_000)
        _ = tracker.show(scheduler.scene(at: back), at: back, brightness: 100)
        let stopped = tracker.closeAll(at: back.advanced(byNanoseconds: 1_000_000_000), cause: .stopped)
        #expect(stopped.allSatisfy { $0.start == back })
    }
}
