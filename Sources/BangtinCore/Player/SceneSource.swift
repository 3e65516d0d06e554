import Foundation

/// The frame loop's view of what to show: the scene at each instant (alerts over content over
/// the waiting screen), and whether the board is lit and how brightly, each worked out only
/// as often as it can change. Between those moments a frame only moves the tickers on: after
/// each sleep a frame's work runs from cold caches, so the less it touches the less it costs.
struct SceneSource {
    private(set) var scheduler: Scheduler?
    private(set) var alerts: [Alert] = []
    private var hours: BoardHours
    private var zone: TimeZone
    private var timed: TimedScene?
    /// The scene after `timed`, worked out ahead (`upcoming(after:)`).
    private var next: TimedScene?
    private var lit: (on: Bool, brightness: Int, from: Instant, until: Instant)?
    /// The waiting screen, made for the problem it names.
    private var waiting: (problem: String?, size: PixelSize, layout: Layout)?

    init(scheduler: Scheduler?, hours: BoardHours, zone: TimeZone) {
        self.scheduler = scheduler
        self.hours = hours
        self.zone = zone
    }

    /// New content or hours: nothing worked out before holds.
    mutating func replace(scheduler: Scheduler?, hours: BoardHours, zone: TimeZone) {
        self.scheduler = scheduler
        self.hours = hours
        self.zone = zone
        timed = nil
        next = nil
        lit = nil
    }

    /// New active alerts: the scene is worked out anew at once.
    mutating func replace(alerts: [Alert]) {
        self.alerts = alerts
        timed = nil
        next = nil
    }

    /// When the scene showing now stops holding (nil without content, or while it changes
    /// every frame).
    var currentHoldsUntil: Instant? {
        guard scheduler != nil, let timed, timed.stableUntil > timed.computedAt else { return nil }
        return timed.stableUntil
    }

    /// The scene that comes when the current one stops holding, worked out now (in a quiet
    /// frame) and kept for its time; nil without content.
    mutating func upcoming() -> Scene? {
        guard let scheduler, let until = currentHoldsUntil else { return nil }
        if let next, next.computedAt == until { return next.scene }
        let made = scheduler.timedScene(at: until, alerts: alerts)
        next = made
        return made.scene
    }

    /// Whether the board is on at `instant` and its brightness in percent; looked up once a
    /// second (operating hours and brightness change on whole minutes). Active alerts light
    /// a board outside its operating hours: a flash flood at 2 a.m. must be seen.
    mutating func lighting(at instant: Instant) -> (on: Bool, brightness: Int) {
        if let lit, lit.from <= instant, instant < lit.until { return (lit.on || !alerts.isEmpty, lit.brightness) }
        let on = hours.isOn(at: instant, in: zone)
        let brightness = hours.brightnessPercent(at: instant, in: zone)
        lit = (on, brightness, instant, instant.nextWholeSecond)
        return (on || !alerts.isEmpty, brightness)
    }

    /// The scene at `instant` on a board of `size`, and whether it was worked out anew (not
    /// only moved on). Without content or alerts: the waiting screen naming `problem`.
    mutating func scene(at instant: Instant, size: PixelSize, problem: String?) -> (scene: Scene, isNew: Bool) {
        if let scheduler {
            // The scene worked out ahead takes over when its time comes.
            if let held = timed, instant >= held.stableUntil, let ready = next, held.stableUntil == ready.computedAt,
                let moved = scheduler.scene(ready, at: instant)
            {
                timed = ready
                next = nil
                return (moved, true)
            }
            return scheduler.scene(at: instant, alerts: alerts, reusing: &timed)
        }
        if !alerts.isEmpty {
            if let held = timed, held.alerts == alerts, held.computedAt <= instant, instant < held.stableUntil {
                return (held.scene, false)
            }
            var fresh = AlertScreen.timedScene(alerts: alerts, size: size, zone: zone.identifier, at: instant)
            fresh.alerts = alerts
            timed = fresh
            return (fresh.scene, true)
        }
        if waiting == nil || waiting?.problem != problem || waiting?.size != size {
            waiting = (problem, size, WaitingScreen.layout(size: size, problem: problem))
            timed = nil
        }
        if let held = timed, held.alerts.isEmpty, held.scene.decision.reason == .waiting, held.computedAt <= instant,
            instant < held.stableUntil
        {
            return (held.scene, false)
        }
        let (main, until) = waiting!.layout.timedScene(at: instant)
        let fresh = TimedScene(
            scene: Scene(main: main, decision: SceneDecision(layout: WaitingScreen.layoutName, reason: .waiting)),
            computedAt: instant, stableUntil: max(instant, until))
        timed = fresh
        return (fresh.scene, true)
    }
}
