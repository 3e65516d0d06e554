import Foundation
import Synchronization

/// What plays on the board's main layer at an instant, and why.
public struct Decision: Hashable, Sendable {
    /// The layout showing.
    public var layout: String
    /// Index of the entry it comes from; nil for the default layout.
    public var entry: Int?
    /// The winning priority (nil for the default layout).
    public var priority: Priority?
    /// Whether it plays as an interrupt.
    public var isInterrupt: Bool
    /// The layout's playlists count from here (time it was hidden by interrupts excluded).
    public var layoutStart: Instant
    /// When it last came into view (where its transition starts).
    public var showingSince: Instant
    /// When the main layer next changes (or the day's plan ends).
    public var until: Instant
    /// When this play of the layout ends if nothing cuts it short (an interrupt, the end of
    /// its daypart): where proof of play tells a completed play from an interrupted one.
    public var plannedEnd: Instant
    /// How it comes on.
    public var transition: TransitionSpec
}

/// A scene and the stretch of time it holds, but for its tickers' travel.
public struct TimedScene: Hashable, Sendable {
    public var scene: Scene
    /// When it was worked out.
    public var computedAt: Instant
    /// The first instant it may no longer hold (`computedAt` itself when it holds only then).
    public var stableUntil: Instant
    /// The active alerts it was worked out for.
    public var alerts: [Alert] = []

    /// Creates a timed scene.
    public init(scene: Scene, computedAt: Instant, stableUntil: Instant, alerts: [Alert] = []) {
        self.scene = scene
        self.computedAt = computedAt
        self.stableUntil = stableUntil
        self.alerts = alerts
    }
}

/// Decides scenes from a content bundle: a pure function of the bundle and the instant.
///
/// Day plans are compiled on demand and remembered (a few days), which makes a query a binary
/// search plus a little arithmetic; the answer never depends on what was asked before.
public final class Scheduler: @unchecked Sendable {
    public let bundle: ContentBundle
    /// Whether scenes carry sub-pixel ticker positions.
    public let subpixelMotion: Bool
    private let local: LocalDay
    private let zone: TimeZone
    /// Day plans compiled so far (a few days) and the one asked for last.
    private let plans = Mutex(PlanMemo())

    private struct PlanMemo {
        var byDay: [Int: DayPlan] = [:]
        var order: [Int] = []
        var last: DayPlan?
    }

    /// Creates a scheduler for a validated bundle.
    /// - Parameter subpixelMotion: ticker positions to a thousandth of a pixel (LCDs with a GPU).
    public init(bundle: ContentBundle, subpixelMotion: Bool = false) {
        self.bundle = bundle
        self.subpixelMotion = subpixelMotion
        zone = ContentTimeZone.named(bundle.schedule.timeZone)
        local = LocalDay(zone: zone)
    }

    /// Whether the plan of the local day holding `instant` is worked out already (a thread
    /// looking ahead does it before the frame loop needs it).
    public func hasPlan(forDayOf instant: Instant) -> Bool {
        let day = local.day(of: instant.clampedToSupportedSpan)
        return plans.withLock { $0.byDay[day] != nil }
    }

    func plan(forDayOf instant: Instant) -> DayPlan {
        // A live board asks about the same day 60 times a second: no wall-clock reading needed.
        let last = plans.withLock { memo in memo.last.flatMap { $0.start <= instant && instant < $0.end ? $0 : nil } }
        if let last { return last }
        let plan = plan(day: local.day(of: instant))
        plans.withLock { $0.last = plan }
        return plan
    }

    func plan(day: Int) -> DayPlan {
        if let known = plans.withLock({ $0.byDay[day] }) { return known }
        // Compiled outside the lock: another thread asking for another day need not wait.
        let plan = DayPlan(day: day, bundle: bundle, local: local)
        plans.withLock { memo in
            memo.byDay[day] = plan
            memo.order.append(day)
            if memo.order.count > 4 { memo.byDay.removeValue(forKey: memo.order.removeFirst()) }
        }
        return plan
    }

    /// What the main layer shows at `instant`.
    public func decision(at instant: Instant) -> Decision {
        // Beyond the supported span the board shows what it shows at its nearest end.
        let instant = instant.clampedToSupportedSpan
        if bundle.schedule.entries.isEmpty {
            // A lone layout (or a bundle of only a default) plays continuously, counted from the
            // epoch, so `render --at T` of a layout file is the same frame whatever day it is.
            let name = bundle.schedule.defaultLayout
            return Decision(
                layout: name, entry: nil, priority: nil, isInterrupt: false, layoutStart: .epoch, showingSince: .epoch,
                until: plan(forDayOf: instant).end, plannedEnd: .distantFuture, transition: .cut)
        }
        let plan = plan(forDayOf: instant)
        let segment = plan.segment(at: instant)
        let entries = bundle.schedule.entries
        let hour = DayPlan.hour
        let sinceDayStart = instant.nanoseconds(since: plan.start)
        let hourStart = plan.start.advanced(byNanoseconds: sinceDayStart / hour * hour)

        // Interrupt slots near the instant: this hour's and the previous hour's spill-over.
        var lastInterruptEnd = segment.rotationStart
        var nextInterruptStart = segment.end
        for shift in [-hour, 0, hour] {
            for slot in segment.pattern {
                let start = hourStart.advanced(byNanoseconds: shift + slot.start)
                let end = min(hourStart.advanced(byNanoseconds: shift + slot.end), segment.end)
                guard start >= segment.start, start < segment.end else { continue }
                if start <= instant && instant < end {
                    return interruptDecision(segment.interrupts[slot.interrupt], slotStart: start, slotEnd: end, at: instant)
                }
                if end <= instant { lastInterruptEnd = max(lastInterruptEnd, end) }
                if start > instant { nextInterruptStart = min(nextInterruptStart, start) }
            }
        }

        // The rotation runs only while it is shown: interrupts pause it.
        let shown =
            instant.nanoseconds(since: segment.rotationStart) - segment.pausedBefore
            - segment.interruptTime(dayStart: plan.start, before: instant)
        let position = shown % segment.cycle
        var index = segment.offsets.lastIndex { $0 <= position } ?? 0
        if index >= segment.rotation.count { index = segment.rotation.count - 1 }
        let play = segment.rotation[index]
        let into = position - segment.offsets[index]
        let layoutStart = instant.advanced(byNanoseconds: -into)
        let playEnd = instant.advanced(byNanoseconds: play.duration - into)
        let transition = play.entry.map { entries[$0].transition } ?? .cut
        return Decision(
            layout: play.layout, entry: play.entry, priority: segment.priority, isInterrupt: false, layoutStart: layoutStart,
            showingSince: max(layoutStart, lastInterruptEnd), until: min(playEnd, nextInterruptStart, segment.end),
            plannedEnd: playEnd, transition: transition)
    }

    private func interruptDecision(_ interrupt: DayPlan.Interrupt, slotStart: Instant, slotEnd: Instant, at instant: Instant)
        -> Decision
    {
        var offset = instant.nanoseconds(since: slotStart)
        var begin = slotStart
        var chosen = interrupt.plays[0]
        for play in interrupt.plays {
            chosen = play
            if offset < play.duration { break }
            offset -= play.duration
            begin = begin.advanced(byNanoseconds: play.duration)
        }
        let entry = bundle.schedule.entries[interrupt.entry]
        let end = begin.advanced(byNanoseconds: chosen.duration)
        return Decision(
            layout: chosen.layout, entry: interrupt.entry, priority: entry.priority, isInterrupt: true, layoutStart: begin,
            showingSince: begin, until: min(end, slotEnd), plannedEnd: end, transition: entry.transition)
    }

    /// The whole scene at `instant`: main layout (with any transition in progress) and
    /// overlays, or the alert screen while `alerts` are active (they pre-empt everything).
    public func scene(at instant: Instant, alerts: [Alert] = []) -> Scene {
        timedScene(at: instant, alerts: alerts).scene
    }

    /// The scene at `instant` and how long it holds but for its tickers' travel: until the
    /// main layer or the overlays change, an item changes, a clock's second turns; not at all
    /// while a transition runs. A live board works out the whole scene only then, and in
    /// between moves the tickers on with `scene(_:at:)`.
    /// - Parameter alerts: the emergency alerts active for this board; empty for none.
    public func timedScene(at instant: Instant, alerts: [Alert] = []) -> TimedScene {
        let instant = instant.clampedToSupportedSpan
        let decision = decision(at: instant)
        if !alerts.isEmpty {
            var timed =
                bannerScene(decision, alerts: alerts, at: instant)
                ?? AlertScreen.timedScene(
                    alerts: alerts, size: bundle.schedule.size, zone: bundle.schedule.timeZone, at: instant)
            timed.alerts = alerts
            return timed
        }
        var (main, stableUntil) = layoutScene(decision.layout, at: instant, startedAt: decision.layoutStart)
        stableUntil = min(stableUntil, decision.until)
        var transition: Transitioning<LayoutScene>?
        if let progress = decision.transition.progress(afterNanoseconds: instant.nanoseconds(since: decision.showingSince)) {
            let before = self.decision(at: decision.showingSince.advanced(byNanoseconds: -1))
            if before.layout != decision.layout || before.entry != decision.entry {
                // The outgoing layout holds the last frame it showed: run on, its playlists
                // would loop back to their first item mid-transition.
                let last = decision.showingSince.advanced(byNanoseconds: -1)
                let outgoing = layoutScene(before.layout, at: last, startedAt: before.layoutStart).scene
                transition = Transitioning(from: outgoing, kind: decision.transition.kind, progress: progress)
                stableUntil = instant
            }
        }
        let segment = plan(forDayOf: instant).segment(at: instant)
        stableUntil = min(stableUntil, segment.end)
        let overlays = segment.overlays.map { overlay in
            let (scene, until) = layoutScene(overlay.layout, at: instant, startedAt: overlay.since)
            stableUntil = min(stableUntil, until)
            return scene
        }
        let entries = bundle.schedule.entries
        let reason = reason(of: decision, in: segment)
        let why = SceneDecision(
            layout: decision.layout, entry: decision.entry.map { entries[$0].id }, priority: decision.priority,
            reason: reason, since: decision.layoutStart, showingSince: decision.showingSince, plannedEnd: decision.plannedEnd,
            overlays: segment.overlays.map { OverlayDecision(layout: $0.layout, entry: entries[$0.entry].id, since: $0.since) })
        return TimedScene(
            scene: Scene(main: main, transition: transition, overlays: overlays, decision: why), computedAt: instant,
            stableUntil: max(instant, stableUntil))
    }

    /// Why `decision` won in `segment`.
    private func reason(of decision: Decision, in segment: DayPlan.Segment) -> SceneDecision.Reason {
        guard let index = decision.entry else { return bundle.schedule.entries.isEmpty ? .single : .defaultLayout }
        return decision.isInterrupt
            ? .interrupt(playsPerHour: segment.interrupts.first { $0.entry == index }?.perHour ?? 0) : .rotation
    }

    /// While alerts are active, the scheduled layout when it names an `alertRegion`: its other
    /// regions play on (a clock stays in view), the warning fills that region, and overlays
    /// and transitions wait. Nil for a layout without one (the full-screen warning).
    private func bannerScene(_ decision: Decision, alerts: [Alert], at instant: Instant) -> TimedScene? {
        guard let layout = bundle.layouts[decision.layout], let id = layout.alertRegion,
            let region = layout.regions.first(where: { $0.id == id })
        else { return nil }
        var (main, stableUntil) = layoutScene(decision.layout, at: instant, startedAt: decision.layoutStart)
        let banner = AlertScreen.timedBanner(
            alerts: alerts, in: region.frame, zone: layout.timeZone, firstIndex: layout.regions.count, at: instant)
        main.regions.removeAll { $0.id == id }
        main.regions += banner.regions
        stableUntil = min(stableUntil, banner.stableUntil, decision.until)
        let why = SceneDecision(
            layout: decision.layout, entry: decision.entry.map { bundle.schedule.entries[$0].id }, priority: decision.priority,
            reason: .alert, alerts: banner.ordered.map(\.id), since: banner.since,
            plannedEnd: .distantFuture,
            playingOn: SceneDecision.PlayingOn(
                since: decision.layoutStart, showingSince: decision.showingSince, plannedEnd: decision.plannedEnd,
                reason: reason(of: decision, in: plan(forDayOf: instant).segment(at: instant)),
                bannerFirstIndex: layout.regions.count))
        return TimedScene(scene: Scene(main: main, decision: why), computedAt: instant, stableUntil: max(instant, stableUntil))
    }

    /// `timed`'s scene at `instant` with its tickers moved on, or nil when `instant` is outside
    /// the time it holds (work out a new one with `timedScene(at:)`). Equal to `scene(at:)`.
    public func scene(_ timed: TimedScene, at instant: Instant) -> Scene? {
        guard timed.computedAt <= instant, instant < timed.stableUntil else { return nil }
        var scene = timed.scene
        scene.main = scene.main.advanced(to: instant, subpixel: subpixelMotion)
        scene.overlays = scene.overlays.map { $0.advanced(to: instant, subpixel: subpixelMotion) }
        return scene
    }

    /// The scene at `instant` as a live board asks for it: `timed`'s tickers moved on while it
    /// holds (for the same alerts), else a whole scene worked out anew into `timed`. Equal to
    /// `scene(at:alerts:)`.
    /// - Returns: the scene, and whether it was worked out anew.
    public func scene(at instant: Instant, alerts: [Alert] = [], reusing timed: inout TimedScene?) -> (
        scene: Scene, isNew: Bool
    ) {
        if let held = timed, held.alerts == alerts, let moved = scene(held, at: instant) { return (moved, false) }
        let fresh = timedScene(at: instant, alerts: alerts)
        timed = fresh
        return (fresh.scene, true)
    }

    private func layoutScene(_ name: String, at instant: Instant, startedAt start: Instant) -> (
        scene: LayoutScene, stableUntil: Instant
    ) {
        guard let layout = bundle.layouts[name] else {
            return (
                LayoutScene(name: name, size: bundle.schedule.size, background: .black, regions: []),
                Instant(nanosecondsSinceEpoch: .max)
            )
        }
        var (scene, stableUntil) = layout.timedScene(at: instant, startedAt: start, subpixel: subpixelMotion)
        scene.name = name
        return (scene, stableUntil)
    }

    /// Days since 1970-01-01 of the schedule's local date `year-month-day`.
    public func day(year: Int, month: Int, day: Int) -> Int {
        CivilDate.daysSinceEpoch(year: year, month: month, day: day)
    }

    /// The local day holding `instant`.
    public func day(of instant: Instant) -> Int { local.day(of: instant) }
}
