/// What a board is doing, as the source system wants to see it: a snapshot the player makes
/// when something changes and every statistics period.
public struct BoardStatus: Hashable, Sendable {
    public var board: String
    /// When the snapshot was taken (the board's clock).
    public var at: Instant
    /// Nanoseconds since the player started.
    public var uptimeNanoseconds: Int64
    /// What plays, and why; nil while the board is dark.
    public var showing: SceneDecision?
    /// Ids of the alerts active for the board.
    public var alerts: [String]
    public var lit: Bool
    public var brightness: Int
    /// The content version showing, when known.
    public var contentVersion: String?
    /// Why the last content load failed, if it did (content may still be playing).
    public var contentProblem: String?
    public var boardSize: PixelSize
    /// The window's renderer ("software (ARGB8888)").
    public var renderer: String
    public var frames: FrameStats.Summary

    /// Creates a status.
    public init(
        board: String, at: Instant, uptimeNanoseconds: Int64, showing: SceneDecision?, alerts: [String], lit: Bool,
        brightness: Int, contentVersion: String?, contentProblem: String?, boardSize: PixelSize, renderer: String,
        frames: FrameStats.Summary
    ) {
        self.board = board
        self.at = at
        self.uptimeNanoseconds = uptimeNanoseconds
        self.showing = showing
        self.alerts = alerts
        self.lit = lit
        self.brightness = brightness
        self.contentVersion = contentVersion
        self.contentProblem = contentProblem
        self.boardSize = boardSize
        self.renderer = renderer
        self.frames = frames
    }
}
