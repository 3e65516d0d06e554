import CNetShim
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Owner of one `struct mosquitto *`, configured from `MQTTOptions`, with a network thread
/// (`NetworkLoop`: libmosquitto's loop, our reconnection with backoff) started and stopped.
///
/// Not `Sendable`: start, stop and publish from one thread; the callbacks run on libmosquitto's.
final class MosquittoClient {
    let handle: OpaquePointer
    let options: MQTTOptions
    /// "host:port", for errors.
    let broker: String
    /// Kept alive as long as the handle: the C callbacks hold an unretained pointer to it.
    private let events: MQTTEvents
    /// The network thread and its loop while started.
    private var running: (thread: pthread_t, loop: NetworkLoop)?

    init(options: MQTTOptions, events: MQTTEvents) throws(MQTTError) {
        let broker = "\(options.host):\(options.port)"
        if let problem = MosquittoRuntime.start() {
            throw MQTTError(broker: broker, message: problem, kind: .other)
        }
        guard !options.clientID.isEmpty else {
            throw MQTTError(broker: broker, message: "empty client id: give the board id", kind: .invalidOptions)
        }
        guard let handle = cnet_mosquitto_new(options.clientID, options.cleanSession, Unmanaged.passUnretained(events).toOpaque())
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
        cnet_mosquitto_destroy(handle)
    }

    /// Connects in the background and starts the network thread, which reconnects with backoff
    /// after any failure. A broker that cannot be reached yet is not an error: the thread reports
    /// it (through the events) and keeps trying.
    /// - Throws: `MQTTError` when the connection cannot even be attempted.
    func start() throws(MQTTError) {
        guard running == nil else { return }
        // Publishing from the caller's thread then queues for the network thread, which is woken.
        try check(cnet_mosquitto_threaded_set(handle, true), "use a network thread")
        let code = cnet_mosquitto_connect_async(handle, options.host, Int32(options.port), Int32(options.keepAliveSeconds))
        // Unreachable now (refused, no route, name not found, a TLS handshake that failed at
        // once): the network thread reports it and retries. Only options that can never work throw.
        if MQTTError.Kind(code) == .invalidOptions || code == MOSQ_ERR_NOMEM.rawValue {
            try check(code, "connect to \(broker)")
        }
        let backoff = ReconnectBackoff(
            base: .seconds(max(options.reconnectDelaySeconds, 1)),
            cap: .seconds(max(options.reconnectDelayMaxSeconds, options.reconnectDelaySeconds, 1)))
        let loop = NetworkLoop(handle: handle, events: events, broker: broker, backoff: backoff)
        running = (try loop.start(firstAttempt: code), loop)
    }

    /// Disconnects and joins the network thread, within about `NetworkLoop.loopMilliseconds`
    /// whatever it was doing (a wait before reconnecting is cut short).
    func stop() {
        guard let running else { return }
        running.loop.signal.stop()
        _ = cnet_mosquitto_disconnect(handle)
        pthread_join(running.thread, nil)
        self.running = nil
    }

    func check(_ code: Int32, _ call: @autoclosure () -> String) throws(MQTTError) {
        try MQTTError.check(code, call(), broker: broker)
    }

    // MARK: - Options and callbacks

    /// Room for a PUBLISH's topic (at most 65,535 bytes), packet id, properties and headers
    /// beside its payload, in the Maximum Packet Size asked of the broker.
    static let packetOverheadBytes = 64 << 10

    /// MQTT 5's CONNECT properties, sent with every (re)connect: the largest packet this
    /// client takes (the broker drops a bigger PUBLISH for it rather than send it), and a
    /// persistent session's expiry (in MQTT 5, clean start false alone keeps a session only
    /// until the connection ends; MQTT 3.1.1 kept it until the broker forgot it).
    private func connectProperties() throws(MQTTError) {
        var properties: OpaquePointer?
        defer { cnet_mosquitto_property_free_all(&properties) }
        let (largest, overflow) = options.maximumPayloadBytes.addingReportingOverflow(Self.packetOverheadBytes)
        let packet = UInt32(clamping: overflow ? Int.max : largest)
        try check(
            cnet_mosquitto_property_add_int32(&properties, Int32(MQTT_PROP_MAXIMUM_PACKET_SIZE.rawValue), packet),
            "ask the broker for packets of \(packet) bytes at most")
        if !options.cleanSession {
            try check(
                cnet_mosquitto_property_add_int32(&properties, Int32(MQTT_PROP_SESSION_EXPIRY_INTERVAL.rawValue), UInt32.max),
                "ask the broker to keep the session")
        }
        try check(cnet_mosquitto_set_connect_properties(handle, properties), "set the CONNECT properties")
    }

    private func configure() throws(MQTTError) {
        let v5 = options.version == .v5
        try check(
            cnet_mosquitto_int_option(handle, MOSQ_OPT_PROTOCOL_VERSION, v5 ? MQTT_PROTOCOL_V5 : MQTT_PROTOCOL_V311),
            "use MQTT \(v5 ? "5" : "3.1.1")")
        if v5 { try connectProperties() }
        if let username = options.username {
            try check(cnet_mosquitto_username_pw_set(handle, username, options.password), "set the user name")
        }
        if options.tls {
            // The system's CAs unless a bundle is given; the peer and its host name are verified.
            try check(
                cnet_mosquitto_tls_set(handle, options.caFile, options.caFile == nil ? "/etc/ssl/certs" : nil, nil, nil, nil),
                "use TLS with CA \(options.caFile ?? "/etc/ssl/certs")")
            try check(cnet_mosquitto_tls_opts_set(handle, 1, nil, nil), "verify the broker's certificate")
            try check(cnet_mosquitto_tls_insecure_set(handle, false), "verify the broker's host name")
        }
        cnet_mosquitto_connect_with_flags_callback_set(handle) { handle, pointer, code, flags in
            guard let handle, let events = MQTTEvents.from(pointer) else { return }
            events.noteConnack(code)
            events.connected(handle, code, flags)
        }
        cnet_mosquitto_disconnect_callback_set(handle) { _, pointer, code in
            MQTTEvents.from(pointer)?.lost(code)
        }
        cnet_mosquitto_log_callback_set(handle) { _, pointer, level, text in
            guard let events = MQTTEvents.from(pointer), let text else { return }
            events.noteLog(level: level, String(cString: text))
        }
        // The v5 callback serves MQTT 3.1.1 too (with no properties).
        cnet_mosquitto_message_v5_callback_set(handle) { _, pointer, message, properties in
            guard let events = MQTTEvents.from(pointer), let message = message?.pointee else { return }
            // Before a byte is copied: a hostile payload costs libmosquitto's buffer, nothing more.
            guard Int(message.payloadlen) <= events.maximumPayloadBytes else {
                events.drop(topic: message.topic.map { String(cString: $0) } ?? "", bytes: Int(message.payloadlen))
                return
            }
            let payload =
                message.payload.map {
                    Array(UnsafeRawBufferPointer(start: $0, count: Int(message.payloadlen)))
                } ?? []
            var expiry: UInt32 = 0
            let hasExpiry =
                cnet_mosquitto_property_read_int32(properties, Int32(MQTT_PROP_MESSAGE_EXPIRY_INTERVAL.rawValue), &expiry, false)
                != nil
            events.message(
                MQTTMessage(
                    topic: message.topic.map { String(cString: $0) } ?? "", payload: payload, retained: message.retain,
                    qos: Int(message.qos), expirySeconds: hasExpiry ? expiry : nil))
        }
        cnet_mosquitto_publish_callback_set(handle) { _, pointer, id in
            MQTTEvents.from(pointer)?.published(id)
        }
        cnet_mosquitto_subscribe_callback_set(handle) { _, pointer, id, count, granted in
            guard let events = MQTTEvents.from(pointer) else { return }
            let levels = granted.map { Array(UnsafeBufferPointer(start: $0, count: Int(count))) } ?? []
            events.subscribed(id, levels)
        }
    }
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
