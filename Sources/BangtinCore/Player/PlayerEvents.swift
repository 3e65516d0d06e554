/// Content the loader has read and prepared, ready to be shown; or why it could not be.
public struct ContentUpdate: Sendable {
    /// The configuration in force (re-read on SIGHUP, command-line overrides applied).
    public var config: PlayerConfig
    /// The new content; nil when loading failed (what was showing goes on).
    public var scheduler: Scheduler?
    /// Why loading failed, first line first; nil on success.
    public var problem: String?
    /// The content's version, when it has one (a signed bundle's).
    public var version: String?
    /// When the content takes over: a clean boundary of the schedule showing now (the end of
    /// the item or layout on screen), so a synced bundle never cuts an item short; nil for at
    /// once (start-up, SIGHUP).
    public var activateAt: Instant?

    /// Creates an update.
    public init(
        config: PlayerConfig, scheduler: Scheduler?, problem: String? = nil, version: String? = nil,
        activateAt: Instant? = nil
    ) {
        self.config = config
        self.scheduler = scheduler
        self.problem = problem
        self.version = version
        self.activateAt = activateAt
    }
}

/// What the window opened as.
public struct WindowInfo: Hashable, Sendable {
    /// The display's refresh rate in Hz, if known.
    public var refreshRate: Int?
    /// Whether presenting waits for the display's vertical blank (no sleeping needed).
    public var hasVsync: Bool
    /// The renderer, for logs and status ("software (ARGB8888)").
    public var renderer: String
    /// The window's size in pixels.
    public var size: PixelSize

    /// Creates window information.
    public init(refreshRate: Int?, hasVsync: Bool, renderer: String, size: PixelSize) {
        self.refreshRate = refreshRate
        self.hasVsync = hasVsync
        self.renderer = renderer
        self.size = size
    }
}

/// How important a log line is (the driver maps it onto its logger's levels).
public enum LogLevel: Hashable, Sendable {
    case debug, info, notice, warning, error
}

/// What happens to a player: the frame loop's driver turns signals, threads and the window
/// into these and feeds them to `PlayerMachine`.
public enum PlayerEvent: Sendable {
    /// The loop woke to make a frame: monotonic nanoseconds and the wall clock.
    case frame(monotonic: Int64, realtime: Instant)
    /// The frame's work ended at `monotonic`, having used `cpu` nanoseconds of the loop's thread.
    case frameDone(monotonic: Int64, cpu: Int64)
    /// SIGTERM or SIGINT.
    case terminate
    /// SIGHUP.
    case reload
    /// Files of the content being edited live (`--watch`) were saved: these, relative to
    /// its folder.
    case contentChanged([String])
    /// New content (or a failed load) from the loader.
    case content(ContentUpdate)
    /// The set of alerts active for this board changed.
    case alerts([Alert])
    /// The window was closed.
    case windowClosed
    /// The window was shown, exposed or moved: what the board shows must reach the screen
    /// again (nothing needs drawing anew).
    case windowExposed
    /// The window was resized: everything must be drawn again.
    case windowResized
    /// The renderer's textures or device were lost.
    case rendererLost
    /// The window asked for by `.openWindow` is open.
    case windowOpened(WindowInfo)
    /// The source system asked for a screenshot (push channel or manifest).
    case screenshotRequested
}

/// What the driver must do, in order.
public enum PlayerAction: Hashable, Sendable {
    /// Open the board's window (closing any other) for a board of `board` pixels, placed as
    /// `config` says.
    case openWindow(board: PixelSize, config: PlayerConfig)
    /// Make a new renderer for the window.
    case recreateRenderer
    /// Draw `scene`: only `dirty` when given, everything when nil. `isNew` when the scene was
    /// worked out anew (not only its tickers moved on): the moment a frame drawn ahead may
    /// serve.
    case draw(Scene, dirty: [PixelRect]?, brightness: Int, isNew: Bool)
    /// Make ready what `scene` (due in a moment) needs, drawing nothing: uploads and the like
    /// done a piece at a time in the quiet frames before instead of the one that shows it.
    case preload(Scene, brightness: Int)
    /// Make the whole board black (outside operating hours).
    case goDark
    /// Show what was drawn.
    case present
    /// Send the whole board to the window again, as it is (the window was exposed).
    case refresh
    /// Look at the window's events (about ten times a second).
    case pumpWindowEvents
    /// The board's lighting changed (for a hardware brightness control; the picture is dimmed
    /// by drawing).
    case lighting(on: Bool, brightness: Int)
    case log(LogLevel, String)
    /// Keep this proof of play.
    case record(PlayRecord)
    /// What plays now, to keep across a power cut (`Recorder.playing`); comes after the
    /// records of the same event.
    case playing([PlayRecord])
    /// Report this status.
    case status(BoardStatus)
    /// Take a screenshot of what this frame shows: the scene drawn at `at` and its brightness,
    /// or nil for a dark board.
    case screenshot(Scene?, brightness: Int, at: Instant)
    /// Prepare (set text, decode pictures) what shows from `instant` on, with these alerts,
    /// before it is due.
    case lookAhead(from: Instant, alerts: [Alert])
    /// Ask the loader to re-read the configuration and the content.
    case reloadContent
    /// Announce on standard output that the first frame is shown.
    case ready(String)
    /// Sleep until this monotonic instant.
    case sleep(untilMonotonic: Int64)
    /// Stop the player.
    case stop
}
