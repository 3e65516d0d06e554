import BangtinCore
import Foundation

/// The frame loop's view of the content: the scene at each instant, and whether the board is
/// lit and how brightly, each worked out only as often as it can change. Between those
/// moments a frame only moves the tickers on: after each sleep a frame's work runs from cold
/// caches, so the less it touches the less it costs.
struct FrameSource {
    private(set) var scheduler: Scheduler?
    private var hours: BoardHours
    private var zone: TimeZone
    private var timed: TimedScene?
    private var lit: (on: Bool, brightness: Int, from: Instant, until: Instant)?

    init(scheduler: Scheduler?, hours: BoardHours, zone: TimeZone) {
        self.scheduler = scheduler
        self.hours = hours
        self.zone = zone
    }

    /// New content or configuration: nothing worked out before holds.
    mutating func replace(scheduler: Scheduler?, hours: BoardHours, zone: TimeZone) {
        self = FrameSource(scheduler: scheduler, hours: hours, zone: zone)
    }

    /// Whether the board is on at `instant` and its brightness in percent; looked up once a
    /// second (operating hours and brightness change on whole minutes).
    mutating func lighting(at instant: Instant) -> (on: Bool, brightness: Int) {
        if let lit, lit.from <= instant, instant < lit.until { return (lit.on, lit.brightness) }
        let on = hours.isOn(at: instant, in: zone)
        let brightness = hours.brightnessPercent(at: instant, in: zone)
        let second: Int64 = 1_000_000_000
        let now = instant.nanosecondsSinceEpoch
        let next = Instant(nanosecondsSinceEpoch: now - ((now % second) + second) % second + second)
        lit = (on, brightness, instant, next)
        return (on, brightness)
    }

    /// The scene at `instant`, or nil without content.
    mutating func scene(at instant: Instant) -> Scene? {
        scheduler?.scene(at: instant, reusing: &timed).scene
    }
}
