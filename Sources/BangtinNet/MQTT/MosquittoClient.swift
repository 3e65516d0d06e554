import CMosquitto
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What libmosquitto's network thread reports, reached from the C callbacks through the
/// handle's user pointer (an unretained `Unmanaged` reference: the client keeps it alive).
final class MQTTEvents: Sendable {
    /// CONNACK: the handle (to subscribe from the callback), the return code and the flags.
    let connected: @Sendable (OpaquePointer, Int32, Int32) -> Void
    /// The connection ended with libmosquitto's result code (0: we disconnected).
    let disconnected: @Sendable (Int32) -> Void
    /// A message arrived.
    let message: @Sendable (MQTTMessage) -> Void
    /// A PUBACK arrived (QoS 1), or a QoS 0 message was sent: its message id.
    let published: @Sendable (Int32) -> Void
    /// A SUBACK arrived: the message id and the QoS granted to each filter (128: refused).
    let subscribed: @Sendable (Int32, [Int32]) -> Void

    init(
        connected: @escaping @Sendable (OpaquePointer, Int32, Int32) -> Void,
        disconnected: @escaping @Sendable (Int32) -> Void,
        message: @escaping @Sendable (MQTTMessage) -> Void = { _ in },
        published: @escaping @Sendable (Int32) -> Void = { _ in },
        subscribed: @escaping @Sendable (Int32, [Int32]) -> Void = { _, _ in }
    ) {
        self.connected = connected
        self.disconnected = disconnected
        self.message = message
        self.published = published
        self.subscribed = subscribed
    }

    static func from(_ pointer: UnsafeMutableRawPointer?) -> MQTTEvents? {
        pointer.map { Unmanaged<MQTTEvents>.fromOpaque($0).takeUnretainedValue() }
    }
}

/// Owner of one `struct mosquitto *`, configured from `MQTTOptions`, with a network thread
/// running libmosquitto's loop (which reconnects by itself) started and stopped.
///
/// Not `Sendable`: start, stop and publish from one thread; the callbacks run on libmosquitto's.
final class MosquittoClient {
    let handle: OpaquePointer
    let options: MQTTOptions
    /// "host:port", for errors.
    let broker: String
    /// Kept alive as long as the handle: the C callbacks hold an unretained pointer to it.
    private let events: MQTTEvents
    /// The network thread while started.
    private var thread: pthread_t?
    /// Set by `stop()` before it disconnects: the network thread then ends instead of retrying.
    private let stopping = StopFlag()

    init(options: MQTTOptions, events: MQTTEvents) throws(MQTTError) {
        MosquittoRuntime.start()
        let broker = "\(options.host):\(options.port)"
        guard !options.clientID.isEmpty else {
            throw MQTTError(broker: broker, message: "empty client id: give the board id", kind: .invalidOptions)
        }
        guard let handle = mosquitto_new(options.clientID, options.cleanSession, Unmanaged.passUnretained(events).toOpaque())
        else {
            throw MQTTError(broker: broker, message: "mosquitto_new failed for client id \(options.clientID)", kind: .other)
        }
        self.handle = handle
        self.options = options
        self.broker = broker
        self.events = events
        // Fully initialised: were this to throw, deinit destroys the handle.
        try configure()
    }

    deinit {
        stop()
        mosquitto_destroy(handle)
    }

    /// Connects in the background and starts the network thread. A broker that cannot be reached
    /// yet is not an error: the thread keeps trying.
    /// - Returns: Why the first attempt failed when the broker could not be reached, else nil.
    @discardableResult
    func start() throws(MQTTError) -> String? {
        guard thread == nil else { return nil }
        // Publishing from the caller's thread then queues for the network thread, which is woken.
        try check(mosquitto_threaded_set(handle, true), "use a network thread")
        let code = mosquitto_connect_async(handle, options.host, Int32(options.port), Int32(options.keepAliveSeconds))
        // Unreachable now: the network thread retries with backoff (libmosquitto reports no failed attempt).
        let unreachable = [MOSQ_ERR_ERRNO, MOSQ_ERR_NO_CONN, MOSQ_ERR_EAI, MOSQ_ERR_LOOKUP].contains { $0.rawValue == code }
        if !unreachable { try check(code, "connect to \(broker)") }
        thread = try NetworkLoop(
            handle: handle, events: events, stopping: stopping, keepAliveSeconds: options.keepAliveSeconds,
            retrySeconds: options.reconnectDelayMaxSeconds
        ).start(broker: broker)
        return unreachable ? "cannot reach \(broker): \(MQTTError.describe(code))" : nil
    }

    /// Disconnects and joins the network thread (which stops reconnecting). When the thread is
    /// waiting to reconnect, this waits for the end of that delay (at most `reconnectDelayMaxSeconds`).
    func stop() {
        guard let thread else { return }
        stopping.value.withLock { $0 = true }
        _ = mosquitto_disconnect(handle)
        pthread_join(thread, nil)
        self.thread = nil
        stopping.value.withLock { $0 = false }
    }

    func check(_ code: Int32, _ call: @autoclosure () -> String) throws(MQTTError) {
        try MQTTError.check(code, call(), broker: broker)
    }

    // MARK: - Options and callbacks

    private func configure() throws(MQTTError) {
        try check(mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311), "use MQTT 3.1.1")
        let maxDelay = max(options.reconnectDelayMaxSeconds, options.reconnectDelaySeconds, 1)
        try check(
            mosquitto_reconnect_delay_set(handle, UInt32(max(options.reconnectDelaySeconds, 1)), UInt32(maxDelay), true),
            "set the reconnect delay")
        if let username = options.username {
            try check(mosquitto_username_pw_set(handle, username, options.password), "set the user name")
        }
        if options.tls {
            // The system's CAs unless a bundle is given; the peer and its host name are verified.
            try check(
                mosquitto_tls_set(handle, options.caFile, options.caFile == nil ? "/etc/ssl/certs" : nil, nil, nil, nil),
                "use TLS with CA \(options.caFile ?? "/etc/ssl/certs")")
            try check(mosquitto_tls_opts_set(handle, 1, nil, nil), "verify the broker's certificate")
            try check(mosquitto_tls_insecure_set(handle, false), "verify the broker's host name")
        }
        mosquitto_connect_with_flags_callback_set(handle) { handle, pointer, code, flags in
            guard let handle, let events = MQTTEvents.from(pointer) else { return }
            events.connected(handle, code, flags)
        }
        mosquitto_disconnect_callback_set(handle) { _, pointer, code in
            MQTTEvents.from(pointer)?.disconnected(code)
        }
        mosquitto_message_callback_set(handle) { _, pointer, message in
            guard let events = MQTTEvents.from(pointer), let message = message?.pointee else { return }
            let payload =
                message.payload.map {
                    Array(UnsafeRawBufferPointer(start: $0, count: Int(message.payloadlen)))
                } ?? []
            events.message(
                MQTTMessage(
                    topic: message.topic.map { String(cString: $0) } ?? "", payload: payload, retained: message.retain,
                    qos: Int(message.qos)))
        }
        mosquitto_publish_callback_set(handle) { _, pointer, id in
            MQTTEvents.from(pointer)?.published(id)
        }
        mosquitto_subscribe_callback_set(handle) { _, pointer, id, count, granted in
            guard let events = MQTTEvents.from(pointer) else { return }
            let levels = granted.map { Array(UnsafeBufferPointer(start: $0, count: Int(count))) } ?? []
            events.subscribed(id, levels)
        }
    }
}

/// libmosquitto's network loop on a thread of ours. (`mosquitto_loop_start`'s own thread waits
/// forever when the first connection attempt failed: a board booting before its network would
/// never connect.) `mosquitto_loop_forever` reconnects with the configured backoff; when a fatal
/// error (TLS, protocol) ends it, this reports it, waits and starts it again, until `stop()`.
private final class NetworkLoop {
    // Not the client: it must be able to go (and stop this thread in its deinit).
    private let handle: OpaquePointer
    private let events: MQTTEvents
    private let stopping: StopFlag
    private let timeoutMilliseconds: Int32
    private let retrySeconds: Int

    init(handle: OpaquePointer, events: MQTTEvents, stopping: StopFlag, keepAliveSeconds: Int, retrySeconds: Int) {
        self.handle = handle
        self.events = events
        self.stopping = stopping
        // select()'s timeout: publishing and stopping wake it earlier.
        timeoutMilliseconds = Int32(max(keepAliveSeconds, 1) * 1000)
        self.retrySeconds = max(retrySeconds, 1)
    }

    /// Starts the thread; it holds this loop until it ends.
    func start(broker: String) throws(MQTTError) -> pthread_t {
        let context = Unmanaged.passRetained(self).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                Unmanaged<NetworkLoop>.fromOpaque(context).takeRetainedValue().run()
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<NetworkLoop>.fromOpaque(context).release()
            throw MQTTError(broker: broker, message: "cannot start the network thread (error \(created))", kind: .other)
        }
        return thread
    }

    private var isStopping: Bool { stopping.value.withLock { $0 } }

    private func run() {
        while !isStopping {
            let code = mosquitto_loop_forever(handle, timeoutMilliseconds, 1)
            if isStopping { return }
            events.disconnected(code == 0 ? MOSQ_ERR_CONN_LOST.rawValue : code)
            for _ in 0..<(retrySeconds * 20) where !isStopping { usleep(50_000) }
            if !isStopping { _ = mosquitto_reconnect(handle) }
        }
    }
}

/// Whether `stop()` was asked, shared with the network thread.
private final class StopFlag: Sendable {
    let value = Mutex(false)
}

/// Polls `condition` (cheap, under a lock) until it returns a value or `seconds` pass.
func waitFor<Value>(seconds: Double, _ condition: () -> Value?) -> Value? {
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int(seconds * 1000)))
    while true {
        if let value = condition() { return value }
        guard clock.now < deadline else { return nil }
        usleep(1_000)
    }
}
