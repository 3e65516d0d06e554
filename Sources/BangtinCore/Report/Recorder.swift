import Synchronization

/// Where proof of play and the board's status go: the API the player writes to, with
/// backends behind it (in memory for tests; on disk and over HTTP for a real board), the way
/// swift-log separates `Logger` from its handlers.
///
/// The frame loop calls these: a backend must return at once and do any slow work (disk,
/// network) on its own thread.
public protocol Recorder: Sendable {
    /// Keeps one play record.
    func record(_ play: PlayRecord)
    /// Takes the board's latest status.
    func report(_ status: BoardStatus)
    /// Takes what is on screen now as records ending now, interrupted by `.powerLost`: what a
    /// power cut would leave of them. A durable backend keeps them, replacing the last set, so
    /// a play in progress is never lost; when the player comes back, whatever was left there
    /// is closed at the last moment the board was known alive.
    func playing(_ plays: [PlayRecord])
}

extension Recorder {
    /// Backends that keep nothing across a power cut ignore plays in progress.
    public func playing(_ plays: [PlayRecord]) {}
}

/// Keeps records and statuses in memory: for tests, and to read back what a run showed.
public final class InMemoryRecorder: Recorder {
    private let state = Mutex<(plays: [PlayRecord], statuses: [BoardStatus])>(([], []))

    /// Creates an empty recorder.
    public init() {}

    public func record(_ play: PlayRecord) {
        state.withLock { $0.plays.append(play) }
    }

    public func report(_ status: BoardStatus) {
        state.withLock { $0.statuses.append(status) }
    }

    /// Every record so far, in the order they were written.
    public var plays: [PlayRecord] { state.withLock { $0.plays } }

    /// Every status so far, oldest first.
    public var statuses: [BoardStatus] { state.withLock { $0.statuses } }
}

/// Sends everything to several recorders.
public struct RecorderGroup: Recorder {
    public let recorders: [any Recorder]

    /// Creates a group.
    public init(_ recorders: [any Recorder]) {
        self.recorders = recorders
    }

    public func record(_ play: PlayRecord) {
        for recorder in recorders { recorder.record(play) }
    }

    public func report(_ status: BoardStatus) {
        for recorder in recorders { recorder.report(status) }
    }

    public func playing(_ plays: [PlayRecord]) {
        for recorder in recorders { recorder.playing(plays) }
    }
}
