import CNetShim
import Synchronization

/// What libmosquitto's network thread reports, reached from the C callbacks through the
/// handle's user pointer (an unretained `Unmanaged` reference: the client keeps it alive).
final class MQTTEvents: Sendable {
    /// "host:port", for errors.
    let broker: String
    /// CONNACK: the handle (to subscribe from the callback), the return code and the flags.
    let connected: @Sendable (OpaquePointer, Int32, Int32) -> Void
    /// The connection ended, or an attempt failed: why, as an error (nil: we disconnected).
    let disconnected: @Sendable (MQTTError?) -> Void
    /// A message arrived.
    let message: @Sendable (MQTTMessage) -> Void
    /// A PUBACK arrived (QoS 1), or a QoS 0 message was sent: its message id.
    let published: @Sendable (Int32) -> Void
    /// A SUBACK arrived: the message id and the QoS granted to each filter (128: refused).
    let subscribed: @Sendable (Int32, [Int32]) -> Void
    /// Bytes of the largest payload copied and handed to `message`.
    let maximumPayloadBytes: Int
    /// A message over `maximumPayloadBytes` was dropped unread.
    let dropped: @Sendable (MQTTDrop) -> Void

    /// What the loop and the error messages need from the callbacks.
    private struct Notes {
        /// A CONNACK accepting the connection came since the loop last looked.
        var accepted = false
        /// libmosquitto's last error-level log line (OpenSSL's reason for a failed handshake)
        /// since the connection last ended.
        var lastError: String?
        /// An end was reported since the loop last looked.
        var lost = false
        /// Messages dropped for their size.
        var dropped = 0
    }

    private let notes = Mutex(Notes())

    init(
        broker: String, connected: @escaping @Sendable (OpaquePointer, Int32, Int32) -> Void,
        disconnected: @escaping @Sendable (MQTTError?) -> Void,
        message: @escaping @Sendable (MQTTMessage) -> Void = { _ in },
        published: @escaping @Sendable (Int32) -> Void = { _ in },
        subscribed: @escaping @Sendable (Int32, [Int32]) -> Void = { _, _ in },
        maximumPayloadBytes: Int = .max, dropped: @escaping @Sendable (MQTTDrop) -> Void = { _ in }
    ) {
        self.broker = broker
        self.connected = connected
        self.disconnected = disconnected
        self.message = message
        self.published = published
        self.subscribed = subscribed
        self.maximumPayloadBytes = maximumPayloadBytes
        self.dropped = dropped
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> MQTTEvents? {
        pointer.map { Unmanaged<MQTTEvents>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Called with every CONNACK before `connected`.
    func noteConnack(_ code: Int32) {
        if code == 0 { notes.withLock { $0.accepted = true } }
    }

    /// Whether a connection was accepted since the last call (the backoff then starts again).
    func takeAccepted() -> Bool {
        notes.withLock { notes in
            defer { notes.accepted = false }
            return notes.accepted
        }
    }

    /// Whether an end was reported since the last call.
    func takeLost() -> Bool {
        notes.withLock { notes in
            defer { notes.lost = false }
            return notes.lost
        }
    }

    /// Counts and reports a message on `topic` of `bytes` bytes, over the limit, dropped unread.
    func drop(topic: String, bytes: Int) {
        let total = notes.withLock { notes in
            notes.dropped += 1
            return notes.dropped
        }
        dropped(MQTTDrop(topic: topic, bytes: bytes, limit: maximumPayloadBytes, total: total))
    }

    /// Messages dropped for their size so far.
    var droppedCount: Int { notes.withLock { $0.dropped } }

    /// Keeps libmosquitto's error-level log lines: its result codes say "protocol error" where
    /// the log says "certificate verify failed".
    func noteLog(level: Int32, _ text: String) {
        if level == MOSQ_LOG_ERR { notes.withLock { $0.lastError = text } }
    }

    /// Reports the end of a connection or a failed attempt with libmosquitto's result `code`
    /// (0: we disconnected).
    func lost(_ code: Int32) {
        let detail = notes.withLock { notes in
            defer {
                notes.lastError = nil
                notes.lost = true
            }
            return notes.lastError
        }
        disconnected(code == 0 ? nil : MQTTError.lost(broker, code: code, detail: detail))
    }
}
