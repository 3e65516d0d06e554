import BangtinCore
import Logging
import Synchronization

/// The board's latest warnings and errors, for the status document: a log handler keeps the
/// last few lines at warning level or above, with when they were logged.
final class RecentErrors: Sendable {
    private let lines = Mutex<[(at: Instant, message: String)]>([])
    private let capacity: Int

    init(capacity: Int = 10) {
        self.capacity = capacity
    }

    func add(_ message: String, at instant: Instant) {
        lines.withLock { lines in
            lines.append((instant, message))
            if lines.count > capacity { lines.removeFirst(lines.count - capacity) }
        }
    }

    /// The lines kept, oldest first.
    var all: [(at: Instant, message: String)] { lines.withLock { $0 } }

    /// `logger` also feeding this list.
    func watching(_ logger: Logger) -> Logger {
        var watched = logger
        watched.handler = MultiplexLogHandler([logger.handler, Handler(errors: self)])
        return watched
    }

    private struct Handler: LogHandler {
        let errors: RecentErrors
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .warning

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            errors.add("\(event.level): \(event.message)", at: SystemClock.boardClock())
        }
    }
}
