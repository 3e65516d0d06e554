import Dispatch
import Foundation
import Logging
import Synchronization

/// Warnings that arrived unsigned-until-checked (MQTT messages), queued for a thread of their
/// own: parsing, verifying and storing happen there, never on the MQTT network thread, whose
/// keepalive and traffic a slow or hostile document would otherwise stop.
///
/// The queue is bounded (`maximumCount` documents or `maximumBytes` in all, whichever comes
/// first); when full, what arrives is dropped and counted, and the first drop and every 100th
/// are logged with the running total. Order is kept.
///
///     let intake = AlertIntake(logger: logger) { bytes, via in receiver.accept(bytes, via: via) }
///     intake.start()
///     // on the MQTT thread: intake.add(message.payload, via: "MQTT \(message.topic)")
///     intake.stop()
final class AlertIntake: Sendable {
    /// What is waiting, and what became of the rest.
    private struct State {
        var waiting: [(bytes: [UInt8], via: String)] = []
        var waitingBytes = 0
        var dropped = 0
        var stopped = false
        var running = false
    }

    /// The most documents waiting at once.
    let maximumCount: Int
    /// The most bytes waiting at once, all documents together.
    let maximumBytes: Int
    private let handler: @Sendable ([UInt8], String) -> Void
    private let logger: Logger
    private let state = Mutex(State())
    /// Signalled once per document added, and by `stop()`.
    private let wake = DispatchSemaphore(value: 0)
    /// Signalled by the thread when it ends.
    private let ended = DispatchSemaphore(value: 0)

    /// An intake handing each document to `handler` on its own thread (see `start()`).
    /// - Parameters:
    ///   - maximumCount: Documents waiting at most (64: far more than a province sends at once).
    ///   - maximumBytes: Bytes waiting at most (8 MB: four documents at `Limits.alertBytes`).
    ///   - logger: Where drops are reported.
    ///   - handler: Takes one document and where it came from ("MQTT bangtin/56/alerts"); runs on
    ///     the intake's thread, one document at a time, in the order they were added.
    init(
        maximumCount: Int = 64, maximumBytes: Int = 8 << 20, logger: Logger,
        handler: @escaping @Sendable (_ bytes: [UInt8], _ via: String) -> Void
    ) {
        self.maximumCount = max(1, maximumCount)
        self.maximumBytes = max(1, maximumBytes)
        self.logger = logger
        self.handler = handler
    }

    /// Starts the thread that hands documents to the handler (once; a stopped intake stays
    /// stopped).
    func start() {
        let starting = state.withLock { state in
            guard !state.running && !state.stopped else { return false }
            state.running = true
            return true
        }
        guard starting else { return }
        let thread = Thread { [self] in
            run()
            ended.signal()
        }
        thread.name = "bangtin-alert-intake"
        thread.start()
    }

    /// Stops the thread: documents still waiting are dropped, and none is handed on after the
    /// one in hand. Waits for that one at most `seconds` (never forever: a handler stuck on a
    /// disk is left to finish alone); returns whether the thread ended in that time.
    @discardableResult func stop(waitingUpTo seconds: Double = 1) -> Bool {
        let running = state.withLock { state in
            state.stopped = true
            state.waiting = []
            state.waitingBytes = 0
            defer { state.running = false }
            return state.running
        }
        guard running else { return true }
        wake.signal()
        return ended.wait(timeout: .now() + .milliseconds(Int(seconds * 1000))) == .success
    }

    /// Queues `bytes` from `via` for the handler, or drops it when the queue is full (or the
    /// intake stopped); returns whether it was queued. Cheap: call it from the network thread.
    @discardableResult func add(_ bytes: [UInt8], via: String) -> Bool {
        let dropped: Int? = state.withLock { state in
            guard !state.stopped else { return nil }
            if state.waiting.count >= maximumCount || state.waitingBytes + bytes.count > maximumBytes {
                state.dropped += 1
                return state.dropped
            }
            state.waiting.append((bytes, via))
            state.waitingBytes += bytes.count
            return 0
        }
        guard let dropped else { return false }
        if dropped == 0 {
            wake.signal()
            return true
        }
        if dropped == 1 || dropped % 100 == 0 {
            logger.warning(
                "alerts: dropped a \(bytes.count)-byte message from \(via): \(maximumCount) messages or \(maximumBytes) bytes are waiting already (\(dropped) dropped so far)"
            )
        }
        return false
    }

    /// Documents dropped because the queue was full, since the intake was made.
    var dropped: Int { state.withLock { $0.dropped } }

    /// Documents waiting for the handler now.
    var waiting: Int { state.withLock { $0.waiting.count } }

    private func run() {
        while true {
            wake.wait()
            let next: (bytes: [UInt8], via: String)?? = state.withLock { state in
                guard !state.stopped else { return .none }
                guard !state.waiting.isEmpty else { return .some(nil) }
                let first = state.waiting.removeFirst()
                state.waitingBytes -= first.bytes.count
                return first
            }
            switch next {
            case .none: return
            case .some(nil): continue
            case .some(let document?): handler(document.bytes, document.via)
            }
        }
    }
}
