import BangtinCore

/// What a board's play store holds that the server has not confirmed yet: for the status
/// document and `bangtin status`.
public struct Backlog: Hashable, Sendable {
    /// Report lines waiting, in pending batches or not yet batched (a summary counts as one).
    public var lines: Int
    /// Their size as uploaded (each line with its newline).
    public var bytes: Int64
    /// When the oldest of them began (a summary: the start of its hour); nil when empty.
    public var oldestStart: Instant?
    /// Batches cut and sent, or about to be, but not confirmed (0 or 1).
    public var pendingBatches: Int
    /// Plays on screen the last time the player saved them.
    public var inProgress: Int

    /// Creates a backlog.
    public init(lines: Int, bytes: Int64, oldestStart: Instant?, pendingBatches: Int, inProgress: Int) {
        self.lines = lines
        self.bytes = bytes
        self.oldestStart = oldestStart
        self.pendingBatches = pendingBatches
        self.inProgress = inProgress
    }

    /// Nothing waiting.
    public static let empty = Backlog(lines: 0, bytes: 0, oldestStart: nil, pendingBatches: 0, inProgress: 0)
}
