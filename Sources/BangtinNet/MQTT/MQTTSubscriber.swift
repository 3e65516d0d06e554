import CNetShim
import Synchronization

/// A board's subscription to its broker: owner of one libmosquitto client that connects with
/// the board id, subscribes to `MQTTOptions.topics` with QoS 1, and reconnects by itself.
///
/// The session is persistent by default: the broker keeps the subscriptions and queues QoS 1
/// messages while the board is away. The topics are subscribed on the first connection and
/// again whenever the broker reports no session (it lost it, or it is a new broker).
///
/// `onMessage` and `onState` run on the client's network thread: hand the message on and
/// return; blocking there stops the connection's traffic (and its keepalive).
///
///     let subscriber = try MQTTSubscriber(options: options, onMessage: { inbox.add($0) }, onState: { log($0) })
///     try subscriber.start()
public final class MQTTSubscriber {
    private let client: MosquittoClient
    private let events: MQTTEvents

    /// Creates a client for `options` (not yet connected: see `start()`).
    /// - Parameters:
    ///   - options: The broker, client id and topics.
    ///   - onMessage: Receives every message, on the network thread.
    ///   - onState: Receives every connection change, on the network thread.
    ///   - onDrop: Told of every message dropped unread for its size
    ///     (`MQTTOptions.maximumPayloadBytes`), with the running count, on the network thread:
    ///     log it (`"alerts: MQTT \(drop)"`).
    /// - Throws: `MQTTError` (kind `.invalidOptions`) for an empty client id or a malformed
    ///   topic filter, or when libmosquitto refuses an option (an unreadable CA file, …).
    public init(
        options: MQTTOptions, onMessage: @escaping @Sendable (MQTTMessage) -> Void,
        onState: @escaping @Sendable (MQTTState) -> Void, onDrop: @escaping @Sendable (MQTTDrop) -> Void = { _ in }
    ) throws(MQTTError) {
        let broker = "\(options.host):\(options.port)"
        if let problem = MosquittoRuntime.start() {
            throw MQTTError(broker: broker, message: problem, kind: .other)
        }
        for topic in options.topics where cnet_mosquitto_sub_topic_check(topic) != MOSQ_ERR_SUCCESS.rawValue {
            throw MQTTError(broker: broker, message: "invalid topic filter \(topic.debugDescription)", kind: .invalidOptions)
        }
        let subscriptions = Subscriptions(topics: options.topics)
        let events = MQTTEvents(
            broker: broker,
            connected: { handle, code, flags in
                guard code == 0 else {
                    onState(.refused(.refused(broker, code: code)))
                    return
                }
                let sessionPresent = flags & 1 != 0
                subscriptions.connected(handle, sessionPresent: sessionPresent, broker: broker, onState: onState)
                onState(.connected(sessionPresent: sessionPresent))
            },
            disconnected: { error in
                onState(.disconnected(error ?? MQTTError(broker: broker, message: "disconnected by the client", kind: .other)))
            },
            message: onMessage,
            subscribed: { id, granted in subscriptions.acknowledged(id, granted, broker: broker, onState: onState) },
            maximumPayloadBytes: options.maximumPayloadBytes, dropped: onDrop)
        self.events = events
        client = try MosquittoClient(options: options, events: events)
    }

    /// Messages dropped unread so far because their payload was over
    /// `MQTTOptions.maximumPayloadBytes` (over MQTT 5 the broker drops them first, uncounted).
    public var droppedMessages: Int { events.droppedCount }

    /// The options the client was made with.
    public var options: MQTTOptions { client.options }

    /// Connects in the background on a network thread, which reconnects with backoff
    /// (`reconnectDelaySeconds` doubling up to `reconnectDelayMaxSeconds`, with jitter) after any
    /// loss, refusal or TLS failure. A broker that is down now is not an error: `onState` is told
    /// `.disconnected` (on the network thread) and the thread keeps trying.
    /// - Throws: `MQTTError` when the connection cannot even be attempted.
    public func start() throws(MQTTError) {
        try client.start()
    }

    /// Disconnects (the broker keeps a persistent session) and stops the network thread, within
    /// a fraction of a second even while it waits to reconnect; no callback runs after it returns.
    public func stop() { client.stop() }
}

/// Which topics are subscribed, shared with the network thread.
private final class Subscriptions: Sendable {
    private struct State {
        /// Message ids of SUBSCRIBEs without a SUBACK yet, with their topic.
        var pending: [Int32: String] = [:]
        /// Whether every topic was acknowledged since this client was made.
        var confirmed = false
    }

    let topics: [String]
    private let state = Mutex(State())

    init(topics: [String]) { self.topics = topics }

    /// Subscribes every topic unless the broker kept a session whose subscriptions this
    /// client saw acknowledged (after a connection lost mid-subscribe, or topics changed since
    /// the last run, the session alone does not prove them).
    func connected(
        _ handle: OpaquePointer, sessionPresent: Bool, broker: String, onState: @Sendable (MQTTState) -> Void
    ) {
        let needed = state.withLock { state in
            state.pending = [:]
            return !(sessionPresent && state.confirmed)
        }
        guard needed else { return }
        for topic in topics {
            var id: Int32 = 0
            let code = cnet_mosquitto_subscribe(handle, &id, topic, 1)
            if code == MOSQ_ERR_SUCCESS.rawValue {
                state.withLock { $0.pending[id] = topic }
            } else {
                // The connection went: the next connection subscribes again.
                onState(
                    .disconnected(
                        MQTTError(
                            broker: broker, message: "subscribing to \(topic): \(MQTTError.describe(code))",
                            kind: .couldNotConnect)))
                return
            }
        }
    }

    func acknowledged(_ id: Int32, _ granted: [Int32], broker: String, onState: @Sendable (MQTTState) -> Void) {
        let topic = state.withLock { state in
            let topic = state.pending.removeValue(forKey: id)
            if state.pending.isEmpty { state.confirmed = true }
            return topic
        }
        if let topic, granted.contains(where: { $0 > 2 }) {
            onState(
                .refused(MQTTError(broker: broker, message: "subscription to \(topic) refused by the broker", kind: .refused)))
        }
    }
}
