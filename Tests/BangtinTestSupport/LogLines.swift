import Foundation
import Logging
import Synchronization

/// A log handler keeping every line with the monotonic time it was logged at, for benchmarks
/// that time events by the player's own log lines.
public final class LogLines: LogHandler, @unchecked Sendable {
    // `metadata` and `logLevel` are set once, before the logger is shared (swift-log's contract).
    private let lines = Mutex<[(Int64, String)]>([])
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    /// An empty log.
    public init() {}

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let text = "\(event.message)"
        lines.withLock { $0.append((Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec), text)) }
    }

    /// When the first line logged at or after `time` (monotonic nanoseconds) containing `text`
    /// was logged.
    public func first(after time: Int64, containing text: String) -> Int64? {
        lines.withLock { $0.first { $0.0 >= time && $0.1.contains(text) }?.0 }
    }

    /// The first line containing `text`.
    public func firstLine(containing text: String) -> String? {
        lines.withLock { $0.first { $0.1.contains(text) }?.1 }
    }
}
