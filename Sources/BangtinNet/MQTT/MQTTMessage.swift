/// One message delivered by the broker.
public struct MQTTMessage: Sendable, Equatable {
    /// The topic it was published to (never a filter).
    public var topic: String
    /// Its bytes, exactly as published.
    public var payload: [UInt8]
    /// Whether the broker sent it from its retained store (it was published before we subscribed).
    public var retained: Bool
    /// The QoS it was delivered with (the lower of the publisher's and the subscription's).
    public var qos: Int
    /// The seconds the broker still keeps it (MQTT 5's message expiry interval, as the broker
    /// counted it down); nil when published without one, or over MQTT 3.1.1.
    public var expirySeconds: UInt32?

    /// A message on `topic` with `payload`.
    public init(topic: String, payload: [UInt8], retained: Bool = false, qos: Int = 0, expirySeconds: UInt32? = nil) {
        self.topic = topic
        self.payload = payload
        self.retained = retained
        self.qos = qos
        self.expirySeconds = expirySeconds
    }
}

/// What happened to a client's connection, as reported to `MQTTSubscriber`'s `onState`.
public enum MQTTState: Sendable, Equatable {
    /// Connected; `sessionPresent` when the broker kept the previous session (and its
    /// subscriptions), false when the topics were subscribed afresh.
    case connected(sessionPresent: Bool)
    /// The broker refused the connection (kind `.refused`: a wrong password, not authorised) or
    /// a subscription; the client keeps retrying with backoff.
    case refused(MQTTError)
    /// The connection ended, or an attempt failed (kind `.couldNotConnect`, `.tls` naming
    /// OpenSSL's reason, …); the client tries again with backoff unless it was stopped.
    case disconnected(MQTTError)
}

/// A message dropped unread because its payload was over `MQTTOptions.maximumPayloadBytes`, as
/// reported to `MQTTSubscriber`'s `onDrop`.
public struct MQTTDrop: Sendable, Equatable, CustomStringConvertible {
    /// The topic it was published to.
    public var topic: String
    /// Bytes of its payload.
    public var bytes: Int
    /// The limit it was over.
    public var limit: Int
    /// Messages this client dropped for their size, this one included.
    public var total: Int

    /// A drop of a `bytes`-byte message on `topic`, the `total`th.
    public init(topic: String, bytes: Int, limit: Int, total: Int) {
        self.topic = topic
        self.bytes = bytes
        self.limit = limit
        self.total = total
    }

    /// "dropped a 209715200-byte message on bangtin/56/alerts: over the 2097152-byte limit (3 dropped so far)".
    public var description: String {
        "dropped a \(bytes)-byte message on \(topic): over the \(limit)-byte limit (\(total) dropped so far)"
    }
}
