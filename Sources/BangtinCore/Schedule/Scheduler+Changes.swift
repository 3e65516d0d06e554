/// A change of what the board shows, for previews.
public struct SceneChange: Hashable, Sendable {
    /// When the new content came on.
    public var at: Instant
    /// A moment to show it: after its transition settles, before it ends.
    public var showAt: Instant
    public var layout: String
    /// Entry id, or "(default)".
    public var entry: String
    public var isInterrupt: Bool
    /// Overlay layouts drawn on top.
    public var overlays: [String]
}

extension Scheduler {
    /// Every change of scene in `[from, to)`: a different main layout, entry or set of overlays
    /// (a layout replaying itself is not a change). Stops after `limit` changes.
    public func changes(from: Instant, to: Instant, limit: Int = 500) -> [SceneChange] {
        var changes: [SceneChange] = []
        var t = from.clampedToSupportedSpan
        let to = to.clampedToSupportedSpan
        var previous: (layout: String, entry: Int?, interrupt: Bool, overlays: [String])?
        while t < to && changes.count < limit {
            let decision = decision(at: t)
            let overlays = plan(forDayOf: t).segment(at: t).overlays.map(\.layout)
            let end = min(decision.until, to)
            let isNew =
                previous == nil || previous!.layout != decision.layout || previous!.entry != decision.entry
                || previous!.interrupt != decision.isInterrupt || previous!.overlays != overlays
            if isNew {
                let settle = t.advanced(byNanoseconds: decision.transition.durationMilliseconds * 1_000_000)
                let last = end.advanced(byNanoseconds: -1)
                changes.append(
                    SceneChange(
                        at: t, showAt: min(settle, max(t, last)), layout: decision.layout,
                        entry: decision.entry.map { bundle.schedule.entries[$0].id } ?? "(default)",
                        isInterrupt: decision.isInterrupt,
                        overlays: overlays))
            }
            previous = (decision.layout, decision.entry, decision.isInterrupt, overlays)
            t = max(end, t.advanced(byNanoseconds: 1))
        }
        return changes
    }
}

/// A stretch of a day with the same winners, for a compact plan.
public struct SegmentSummary: Hashable, Sendable {
    public var start: Instant
    public var end: Instant
    /// The rotation in order: layout and entry id ("(default)" for the default layout).
    public var rotation: [(layout: String, entry: String)]
    public var priority: Priority?
    /// Interrupts: entry id, layouts, plays an hour.
    public var interrupts: [(entry: String, layouts: [String], perHour: Int)]
    /// Overlays: entry id and layout.
    public var overlays: [(entry: String, layout: String)]

    public static func == (a: SegmentSummary, b: SegmentSummary) -> Bool {
        a.start == b.start && a.end == b.end && a.priority == b.priority
            && a.rotation.map { "\($0.layout)/\($0.entry)" } == b.rotation.map { "\($0.layout)/\($0.entry)" }
            && a.interrupts.map(\.entry) == b.interrupts.map(\.entry) && a.overlays.map(\.entry) == b.overlays.map(\.entry)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(start)
        hasher.combine(end)
    }
}

extension Scheduler {
    /// The segments of a local day: when the set of winning entries changes.
    public func segments(day: Int) -> [SegmentSummary] {
        let entries = bundle.schedule.entries
        func id(_ index: Int?) -> String { index.map { entries[$0].id } ?? "(default)" }
        return plan(day: LocalDay.supportedDays.clamp(day)).segments.map { segment in
            SegmentSummary(
                start: segment.start, end: segment.end, rotation: segment.rotation.map { ($0.layout, id($0.entry)) },
                priority: segment.priority,
                interrupts: segment.interrupts.map { (id($0.entry), $0.plays.map(\.layout), $0.perHour) },
                overlays: segment.overlays.map { (id($0.entry), $0.layout) })
        }
    }
}
