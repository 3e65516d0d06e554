/// A day's plan as a person reads it: rows of plays, stretches with the same winners.
extension Scheduler {
    /// The day's timeline from local midnight to midnight: consecutive plays of the same layout
    /// from the same entry share a row (`TimelineRow.plays` counts them), and a play cut by a
    /// change elsewhere (a lower entry coming, an overlay) stays one play.
    public func timeline(day: Int) -> [TimelineRow] {
        let plan = plan(day: LocalDay.supportedDays.clamp(day))
        var rows: [TimelineRow] = []
        // Why a rotation won is the same for the whole segment: worked out once per segment.
        var reasons: (segment: Instant, why: String)?
        var t = plan.start
        while t < plan.end {
            let d = decision(at: t)
            let end = max(min(d.until, plan.end), t.advanced(byNanoseconds: 1))
            let startsAPlay = d.showingSince == t  // a play starts, or resumes after an interrupt
            if let last = rows.last, last.layout == d.layout, last.entryIndex == d.entry, last.isInterrupt == d.isInterrupt,
                last.end == t
            {
                rows[rows.count - 1].end = end
                if startsAPlay { rows[rows.count - 1].plays += 1 }
            } else {
                let segment = plan.segment(at: t)
                if reasons?.segment != segment.start { reasons = (segment.start, why(segment)) }
                rows.append(
                    TimelineRow(start: t, end: end, decision: d, label: entryLabel(d.entry), why: why(d, segment, reasons!.why)))
            }
            t = end
        }
        return rows
    }

    /// The segments of a local day: when the set of winning entries changes.
    public func segments(day: Int) -> [SegmentSummary] {
        plan(day: LocalDay.supportedDays.clamp(day)).segments.map { segment in
            SegmentSummary(
                start: segment.start, end: segment.end,
                rotation: segment.rotation.prefix(Limits.listedInPlan).map { ($0.layout, entryLabel($0.entry)) },
                rotationCount: segment.rotation.count, priority: segment.priority,
                interrupts: segment.interrupts.map { (entryLabel($0.entry), $0.plays.map(\.layout), $0.perHour) },
                overlays: segment.overlays.map { (entryLabel($0.entry), $0.layout) })
        }
    }

    /// The id of entry `index`, or `ScheduleEntry.defaultLayoutLabel` for the default layout.
    public func entryLabel(_ index: Int?) -> String {
        index.map { bundle.schedule.entries[$0].id } ?? ScheduleEntry.defaultLayoutLabel
    }

    private func why(_ decision: Decision, _ segment: DayPlan.Segment, _ rotation: String) -> String {
        guard let index = decision.entry else { return "nothing eligible: default layout" }
        if decision.isInterrupt, let interrupt = segment.interrupts.first(where: { $0.entry == index }) {
            return "interrupt, \(interrupt.perHour) plays an hour"
        }
        return rotation
    }

    /// "highest priority eligible; rotation: a, b, c", naming at most `Limits.listedInPlan`
    /// entries (a rotation of thousands would make every row a page long).
    private func why(_ segment: DayPlan.Segment) -> String {
        var ids: [String] = []
        var seen = Set<Int>()
        for play in segment.rotation {
            if let index = play.entry, seen.insert(index).inserted, ids.count < Limits.listedInPlan {
                ids.append(bundle.schedule.entries[index].id)
            }
        }
        return "highest priority eligible; rotation: " + PlanText.list(ids, total: seen.count)
    }
}

/// Lists cut short for a plan's columns.
public enum PlanText {
    /// `a, b, c` or `a, b, c, … (12 in all)` when `total` is more than `Limits.listedInPlan`.
    public static func list(_ items: [String], total: Int, separator: String = ", ") -> String {
        guard total > Limits.listedInPlan else { return items.joined(separator: separator) }
        return items.prefix(Limits.listedInPlan).joined(separator: separator) + "\(separator)… (\(total) in all)"
    }
}

extension ScheduleEntry {
    /// How plans, previews and logs name the default layout's plays where an entry's id would
    /// stand; no entry may take it as its id.
    public static let defaultLayoutLabel = "(default)"
}

/// One row of a day's plan: consecutive plays of one layout from one entry, and why it won.
public struct TimelineRow: Hashable, Sendable {
    public var start: Instant
    public var end: Instant
    public var layout: String
    /// The entry's index in the schedule, nil for the default layout.
    public var entryIndex: Int?
    /// The entry's id, or `ScheduleEntry.defaultLayoutLabel`.
    public var entry: String
    public var priority: String
    public var isInterrupt: Bool
    /// How many plays the row holds (a play cut by an interrupt counts again when it resumes).
    public var plays: Int
    public var why: String

    init(start: Instant, end: Instant, decision: Decision, label: String, why: String) {
        self.start = start
        self.end = end
        layout = decision.layout
        entryIndex = decision.entry
        entry = label
        priority = decision.priority?.description ?? "-"
        isInterrupt = decision.isInterrupt
        plays = 1
        self.why = why
    }
}

/// A stretch of a day with the same winners, for a compact plan.
public struct SegmentSummary: Hashable, Sendable {
    public var start: Instant
    public var end: Instant
    /// The rotation's first plays in order (at most `Limits.listedInPlan`): layout and entry id
    /// (`ScheduleEntry.defaultLayoutLabel` for the default layout).
    public var rotation: [(layout: String, entry: String)]
    /// How many plays the whole rotation holds.
    public var rotationCount: Int
    public var priority: Priority?
    /// Interrupts: entry id, layouts, plays an hour.
    public var interrupts: [(entry: String, layouts: [String], perHour: Int)]
    /// Overlays: entry id and layout.
    public var overlays: [(entry: String, layout: String)]

    public static func == (a: SegmentSummary, b: SegmentSummary) -> Bool {
        a.start == b.start && a.end == b.end && a.priority == b.priority && a.rotationCount == b.rotationCount
            && a.rotation.map { "\($0.layout)/\($0.entry)" } == b.rotation.map { "\($0.layout)/\($0.entry)" }
            && a.interrupts.map(\.entry) == b.interrupts.map(\.entry) && a.overlays.map(\.entry) == b.overlays.map(\.entry)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
    }
}
