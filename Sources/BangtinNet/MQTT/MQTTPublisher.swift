import CMosquitto
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
            connected: { _, code, _ in progress.state.withLock { $0.connack = code } },
            disconnected: { code in progress.state.withLock { $0.lost = code } },
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
            let detail = lost.map { ": \(MQTTError.describe($0))" } ?? ""
            throw MQTTError(
                broker: client.broker, message: "not connected after \(timeoutSeconds) s\(detail)",
                kind: lost == nil ? .timedOut : .couldNotConnect)
        }
    }

    /// Publishes `payload` to `topic` and waits until the broker has it: its PUBACK for QoS 1,
    /// or the message sent for QoS 0.
    /// - Parameters:
    ///   - qos: 0 or 1 (2 works too, and waits for the PUBCOMP).
    ///   - retain: Whether the broker keeps it for later subscribers.
    ///   - timeoutSeconds: How long to wait for the acknowledgement.
    /// - Throws: `MQTTError`: `.invalidOptions` for a bad topic or QoS, `.timedOut`.
    public func publish(topic: String, payload: [UInt8], qos: Int = 1, retain: Bool = false, timeoutSeconds: Double = 10)
        throws(MQTTError)
    {
        var id: Int32 = 0
        let code = payload.withUnsafeBytes { bytes in
            mosquitto_publish(client.handle, &id, topic, Int32(bytes.count), bytes.baseAddress, Int32(qos), retain)
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
        var lost: Int32?
        /// Message ids acknowledged and not yet waited for.
        var acknowledged: Set<Int32> = []
    }

    let state = Mutex(State())
}
