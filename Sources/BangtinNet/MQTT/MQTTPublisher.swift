import CNetShim
import Synchronization

/// A client that publishes and waits for the broker's acknowledgement: for tests, benchmarks
/// and tools that push warnings. Owner of one libmosquitto client.
///
///     let publisher = try MQTTPublisher(options: MQTTOptions(url: url, clientID: "ops-1"))
///     try publisher.publish(topic: "bangtin/56/22333/alerts", payload: Array(json.utf8))
///     publisher.disconnect()
public final class MQTTPublisher {
    private let client: MosquittoClient
    private let progress: Progress

    /// Connects to the broker of `options` and waits for it to accept.
    /// - Parameter timeoutSeconds: How long to wait for the broker's CONNACK.
    /// - Throws: `MQTTError`: `.refused` with the broker's reason, `.timedOut`, `.couldNotConnect`.
    public init(options: MQTTOptions, timeoutSeconds: Double = 10) throws(MQTTError) {
        let progress = Progress()
        self.progress = progress
        let events = MQTTEvents(
            broker: "\(options.host):\(options.port)",
            connected: { _, code, _ in progress.state.withLock { $0.connack = code } },
            disconnected: { error in progress.state.withLock { $0.lost = error } },
            published: { id in _ = progress.state.withLock { $0.acknowledged.insert(id) } })
        client = try MosquittoClient(options: options, events: events)
        try client.start()
        let outcome = waitFor(seconds: timeoutSeconds) {
            progress.state.withLock { state -> Result<Void, MQTTError>? in
                if let code = state.connack {
                    return code == 0 ? .success(()) : .failure(.refused(client.broker, code: code))
                }
                return nil
            }
        }
        switch outcome {
        case .success?: return
        case .failure(let error)?: throw error
        case nil:
            let lost = progress.state.withLock { $0.lost }
            let detail = lost.map { ": \($0.message)" } ?? ""
            throw MQTTError(
                broker: client.broker, message: "not connected after \(timeoutSeconds) s\(detail)",
                kind: lost?.kind ?? .timedOut)
        }
    }

    /// Publishes `payload` to `topic` and waits until the broker has it: its PUBACK for QoS 1,
    /// or the message sent for QoS 0.
    /// - Parameters:
    ///   - qos: 0 or 1 (2 works too, and waits for the PUBCOMP).
    ///   - retain: Whether the broker keeps it for later subscribers.
    ///   - expirySeconds: MQTT 5's message expiry interval: the broker drops the message (retained
    ///     or queued for an absent subscriber) this many seconds after receiving it. Needs
    ///     `MQTTOptions.version` `.v5`; nil: kept until replaced.
    ///   - timeoutSeconds: How long to wait for the acknowledgement.
    /// - Throws: `MQTTError`: `.invalidOptions` for a bad topic or QoS, or an expiry over MQTT
    ///   3.1.1; `.timedOut`.
    public func publish(
        topic: String, payload: [UInt8], qos: Int = 1, retain: Bool = false, expirySeconds: UInt32? = nil,
        timeoutSeconds: Double = 10
    ) throws(MQTTError) {
        var properties: OpaquePointer?
        defer { cnet_mosquitto_property_free_all(&properties) }
        if let expirySeconds {
            guard client.options.version == .v5 else {
                throw MQTTError(
                    broker: client.broker, message: "a message expiry needs MQTT 5 (MQTTOptions.version = .v5)",
                    kind: .invalidOptions)
            }
            try client.check(
                cnet_mosquitto_property_add_int32(&properties, Int32(MQTT_PROP_MESSAGE_EXPIRY_INTERVAL.rawValue), expirySeconds),
                "set the message expiry")
        }
        var id: Int32 = 0
        let code = payload.withUnsafeBytes { bytes in
            cnet_mosquitto_publish_v5(
                client.handle, &id, topic, Int32(bytes.count), bytes.baseAddress, Int32(qos), retain, properties)
        }
        try client.check(code, "publish to \(topic)")
        let acknowledged = waitFor(seconds: timeoutSeconds) {
            progress.state.withLock { $0.acknowledged.remove(id) }
        }
        guard acknowledged != nil else {
            throw MQTTError(
                broker: client.broker, message: "no acknowledgement for \(topic) after \(timeoutSeconds) s", kind: .timedOut)
        }
    }

    /// Disconnects and stops the network thread (also done when the publisher goes).
    public func disconnect() { client.stop() }
}

/// What the publisher waits for, written by the network thread.
private final class Progress: Sendable {
    struct State {
        /// The CONNACK return code, once it came.
        var connack: Int32?
        /// Why the connection last ended, if it did.
        var lost: MQTTError?
        /// Message ids acknowledged and not yet waited for.
        var acknowledged: Set<Int32> = []
    }

    let state = Mutex(State())
}
