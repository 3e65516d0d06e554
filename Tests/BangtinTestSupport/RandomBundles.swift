import BangtinCore
import Foundation

/// A small deterministic random generator (SplitMix64), so property tests replay exactly.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but valid bundles for property tests, and an independent eligibility oracle.
public enum RandomBundles {
    /// A week starting Monday 2026-11-23 00:00 in Hà Nội.
    public static let weekStart = Instant(secondsSinceEpoch: 1_795_366_800)

    public static func layout(_ name: String, seconds: Int64, rng: inout SeededRandom) -> Layout {
        Layout(
            name: name, size: PixelSize(width: 64, height: 32),
            regions: [
                Region(
                    id: "r", frame: PixelRect(x: 0, y: 0, width: 64, height: 32),
                    items: [
                        Item(durationMilliseconds: seconds * 1000, content: .text(TextItem(text: name, style: TextStyle())))
                    ])
            ])
    }

    /// A bundle with `entryCount` random entries over the week.
    public static func bundle(seed: UInt64, entryCount: Int, interrupts: Bool = true, zone: String = "Asia/Ho_Chi_Minh")
        -> ContentBundle
    {
        var rng = SeededRandom(seed: seed)
        var layouts: [String: Layout] = [:]
        var references: [String: LayoutReference] = [:]
        let names = (0..<6).map { "L\($0)" }
        for name in names {
            layouts[name] = layout(name, seconds: Int64.random(in: 3...40, using: &rng), rng: &rng)
            references[name] = LayoutReference(path: "\(name)/layout.json")
        }
        var entries: [ScheduleEntry] = []
        for index in 0..<entryCount {
            let roll = Int.random(in: 0..<10, using: &rng)
            let show: ScheduleEntry.Show =
                roll < 6
                ? .layouts([names.randomElement(using: &rng)!])
                : roll < 8
                    ? .layouts((0..<Int.random(in: 2...3, using: &rng)).map { _ in names.randomElement(using: &rng)! })
                    : .overlay(names.randomElement(using: &rng)!)
            var entry = ScheduleEntry(
                id: "e\(index)", show: show, priority: Priority([10, 20, 30, 40].randomElement(using: &rng)!))
            if Bool.random(using: &rng) {
                let from = weekStart.advanced(byNanoseconds: Int64.random(in: 0..<(7 * 86_400), using: &rng) * 1_000_000_000)
                entry.validFrom = from
                entry.validUntil = from.advanced(byNanoseconds: Int64.random(in: 600...(3 * 86_400), using: &rng) * 1_000_000_000)
            }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let days = Set((0..<7).filter { _ in Bool.random(using: &rng) })
                let start = Int.random(in: 0..<96, using: &rng) * 15
                var end = Int.random(in: 1...96, using: &rng) * 15
                if end == start { end = (start + 60) % 1440 == 0 ? 1440 : (start + 60) % 1440 }
                entry.dayparts.append(Daypart(weekdays: days.isEmpty ? [1] : days, startMinute: start, endMinute: end))
            }
            if interrupts, case .layouts = show, Int.random(in: 0..<8, using: &rng) == 0 {
                entry.interrupt = .playsPerHour(Int.random(in: 1...6, using: &rng))
            }
            if Bool.random(using: &rng) {
                entry.transition = TransitionSpec(
                    kind: [.fade, .slideLeft].randomElement(using: &rng)!, durationMilliseconds: 700)
            }
            entries.append(entry)
        }
        let schedule = Schedule(
            size: PixelSize(width: 64, height: 32), timeZone: zone, layouts: references, defaultLayout: names[0], entries: entries
        )
        return ContentBundle(schedule: schedule, layouts: layouts)
    }

    /// Whether `entry` is eligible at `instant`, straight from the definition (independent of
    /// the day plans the scheduler compiles).
    public static func eligible(_ entry: ScheduleEntry, at instant: Instant, zone: TimeZone) -> Bool {
        if let from = entry.validFrom, instant < from { return false }
        if let until = entry.validUntil, instant >= until { return false }
        if entry.dayparts.isEmpty { return true }
        let time = LocalTime(instant, in: zone)
        let minute = time.hour * 60 + time.minute
        let yesterday = (time.weekday + 6) % 7
        return entry.dayparts.contains { part in
            if part.crossesMidnight {
                return (part.weekdays.contains(time.weekday) && minute >= part.startMinute)
                    || (part.weekdays.contains(yesterday) && minute < part.endMinute)
            }
            return part.weekdays.contains(time.weekday) && minute >= part.startMinute && minute < part.endMinute
        }
    }
}
