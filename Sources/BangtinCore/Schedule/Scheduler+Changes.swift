/// A change of what the board shows, for previews.
public struct SceneChange: Hashable, Sendable {
    /// When the new content came on.
    public var at: Instant
    /// A moment to show it: after its transition settles, before it ends.
    public var showAt: Instant
    public var layout: String
    /// Entry id, or `ScheduleEntry.defaultLayoutLabel`.
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
                        entry: entryLabel(decision.entry),
                        isInterrupt: decision.isInterrupt,
                        overlays: overlays))
            }
            previous = (decision.layout, decision.entry, decision.isInterrupt, overlays)
            t = max(end, t.advanced(byNanoseconds: 1))
        }
        return changes
    }
}
