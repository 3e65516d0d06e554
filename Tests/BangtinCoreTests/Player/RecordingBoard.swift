import BangtinContent
import BangtinCore
import BangtinTestSupport
import Foundation

/// A board driven by `PlayerMachine` with no display: a mock clock (monotonic and wall time
/// moved by hand) and a recording double that applies the machine's actions to a model of
/// the screen and keeps everything else it was asked to do.
struct RecordingBoard {
    var machine: PlayerMachine
    var monotonic: Int64 = 5_000_000_000
    var realtime: Instant
    /// What the screen shows: the last scene drawn, or nothing after going dark.
    var shown: Scene?
    var dark = false
    var brightness = 100
    var windows: [PixelSize] = []
    var logs: [(LogLevel, String)] = []
    var records: [PlayRecord] = []
    /// Every set of plays in progress handed out, with how many records came before it.
    var playing: [(afterRecords: Int, plays: [PlayRecord])] = []
    var statuses: [BoardStatus] = []
    var screenshots: [(scene: Scene?, at: Instant)] = []
    var wholeDraws = 0
    var partialDraws = 0
    var reloadsAsked = 0
    var lookAheads: [Instant] = []
    var preloads: [Scene] = []
    var renderersRecreated = 0
    var refreshes = 0
    var ready: [String] = []
    var sleeps: [Int64] = []
    var stopped = false
    /// Events the driver would feed back (a window opened).
    private var pending: [PlayerEvent] = []
    /// CPU nanoseconds each frame reports.
    var frameCPU: Int64 = 200_000

    /// A board started on `content` at wall time `at`.
    init(
        content: ContentUpdate, at: Instant, clock: PlayerClock.Mode = .wall, stopAfter: Int64? = nil, watching: Bool = false
    ) {
        realtime = at
        machine = PlayerMachine(
            start: .init(content: content, clock: clock, stopAfter: stopAfter, watching: watching), monotonic: monotonic,
            realtime: at)
        perform(machine.start())
    }

    /// The instant the machine shows now (wall mode: the wall clock).
    var now: Instant { realtime }

    mutating func send(_ event: PlayerEvent) {
        perform(machine.handle(event))
    }

    /// One frame at the current clock readings, its work taking `work` nanoseconds.
    mutating func frame(work: Int64 = 200_000) {
        perform(machine.handle(.frame(monotonic: monotonic, realtime: realtime)))
        perform(machine.handle(.frameDone(monotonic: monotonic + work, cpu: min(work, frameCPU))))
    }

    /// Moves both clocks on by `nanoseconds`, then makes a frame.
    mutating func advance(_ nanoseconds: Int64) {
        monotonic += nanoseconds
        realtime = realtime.advanced(byNanoseconds: nanoseconds)
        frame()
    }

    /// `count` frames at 60 Hz.
    mutating func frames(_ count: Int) {
        for _ in 0..<count { advance(16_666_667) }
    }

    /// Moves both clocks to `instant` (the wall clock's reading), a frame at a time for the
    /// last second, a second at a time before.
    mutating func run(until instant: Instant) {
        while realtime.nanoseconds(since: instant) < -1_000_000_000 { advance(1_000_000_000) }
        while realtime < instant { advance(min(16_666_667, instant.nanoseconds(since: realtime))) }
    }

    private mutating func perform(_ actions: [PlayerAction]) {
        for action in actions {
            switch action {
            case .openWindow(let board, _):
                windows.append(board)
                pending.append(.windowOpened(WindowInfo(refreshRate: 60, hasVsync: false, renderer: "recording", size: board)))
            case .recreateRenderer: renderersRecreated += 1
            case .draw(let scene, let dirty, let brightness, _):
                shown = scene
                dark = false
                self.brightness = brightness
                if dirty == nil { wholeDraws += 1 } else { partialDraws += 1 }
            case .preload(let scene, _): preloads.append(scene)
            case .goDark:
                shown = nil
                dark = true
            case .present, .pumpWindowEvents, .lighting: break
            case .refresh: refreshes += 1
            case .log(let level, let line): logs.append((level, line))
            case .record(let play): records.append(play)
            case .playing(let plays): playing.append((records.count, plays))
            case .status(let status): statuses.append(status)
            case .screenshot(let scene, _, let at): screenshots.append((scene, at))
            case .lookAhead(let instant, _): lookAheads.append(instant)
            case .reloadContent: reloadsAsked += 1
            case .ready(let line): ready.append(line)
            case .sleep(let deadline): sleeps.append(deadline)
            case .stop: stopped = true
            }
        }
        while !pending.isEmpty { send(pending.removeFirst()) }
    }

    /// Whether a line containing `text` was logged.
    func logged(_ text: String) -> Bool { logs.contains { $0.1.contains(text) } }
}

/// Content for machine tests.
enum TestContent {
    static let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    /// A bundle folder or layout file of the repository's `layouts/`.
    static func update(_ relative: String, config: PlayerConfig = PlayerConfig(), version: String? = nil) throws
        -> ContentUpdate
    {
        let bundle = try BundleFolder.load("\(Fixtures.layoutsDirectory)/\(relative)", fonts: Fixtures.catalog)
        var config = config
        config.content = relative
        return ContentUpdate(config: config, scheduler: Scheduler(bundle: bundle), version: version)
    }

    /// A one-region layout of one colour, as a content update.
    static func plain(
        _ background: String, width: Int = 192, height: Int = 64, config: PlayerConfig = PlayerConfig(),
        version: String? = nil
    ) throws -> ContentUpdate {
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "name": "plain", "size": {"width": \#(width), "height": \#(height)}, "background": "\#(background)",
             "regions": [{"id": "chu", "frame": {"x": 0, "y": 0, "width": \#(width), "height": \#(height)}, "items": [
               {"kind": "text", "duration": 10, "text": "Họp dân lúc 19 giờ"}, {"kind": "text", "duration": 5, "text": "Nhà văn hóa ấp"}]}]}
            """#)
        return ContentUpdate(
            config: config, scheduler: Scheduler(bundle: .single(layout, name: "plain")), version: version)
    }

    static func at(_ text: String) -> Instant { try! Instant.parse(text, localZone: hanoi) }
}
