import CNetShim
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// libmosquitto's network loop driven from a thread of ours: `mosquitto_loop` with a short
/// timeout, and our own reconnection with backoff, waiting on a `StopSignal` that `stop()` cuts
/// short. (`mosquitto_loop_start`'s thread never retries a first failed connect, and
/// `mosquitto_loop_forever` sleeps through its reconnect delay, up to a minute, whatever stop asks.)
///
/// `@unchecked Sendable` for the handle only: every other property is immutable and Sendable,
/// and the handle is used by this thread and, as libmosquitto's threaded mode allows, by the
/// client's thread for publish, subscribe and disconnect.
final class NetworkLoop: @unchecked Sendable {
    // Not the client: it must be able to go (and stop this thread in its deinit).
    private let handle: OpaquePointer
    private let events: MQTTEvents
    private let broker: String
    private let backoff: ReconnectBackoff
    /// Set by the client's `stop()`.
    let signal = StopSignal()

    /// How long one `mosquitto_loop` waits for traffic: incoming packets and outgoing ones
    /// (libmosquitto wakes it when another thread publishes) end it sooner; a stop is seen
    /// within this.
    static let loopMilliseconds: Int32 = 200

    init(handle: OpaquePointer, events: MQTTEvents, broker: String, backoff: ReconnectBackoff) {
        self.handle = handle
        self.events = events
        self.broker = broker
        self.backoff = backoff
    }

    /// Starts the thread, which first drives the connection `mosquitto_connect_async` began
    /// (`firstAttempt` is its result); the thread holds this loop until it ends.
    func start(firstAttempt: Int32) throws(MQTTError) -> pthread_t {
        let context = Unmanaged.passRetained(Start(loop: self, firstAttempt: firstAttempt)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(
            &thread, nil,
            { context in
                guard let context else { return nil }
                let start = Unmanaged<Start>.fromOpaque(context).takeRetainedValue()
                start.loop.run(firstAttempt: start.firstAttempt)
                return nil
            }, context)
        guard created == 0 else {
            Unmanaged<Start>.fromOpaque(context).release()
            throw MQTTError(broker: broker, message: "cannot start the network thread (error \(created))", kind: .other)
        }
        return thread
    }

    private final class Start {
        let loop: NetworkLoop
        let firstAttempt: Int32
        init(loop: NetworkLoop, firstAttempt: Int32) {
            self.loop = loop
            self.firstAttempt = firstAttempt
        }
    }

    private func run(firstAttempt: Int32) {
        var attempt = 0
        var code = firstAttempt
        while true {
            if code == MOSQ_ERR_SUCCESS.rawValue {
                _ = events.takeLost()
                // Until the connection ends.
                while !signal.isStopped {
                    let result = cnet_mosquitto_loop(handle, Self.loopMilliseconds, 1)
                    if events.takeAccepted() { attempt = 0 }
                    guard result == MOSQ_ERR_SUCCESS.rawValue else {
                        // libmosquitto calls the disconnect callback for most ends, not for a
                        // failed TLS handshake.
                        if !events.takeLost() && !signal.isStopped { events.lost(result) }
                        break
                    }
                }
            } else if !signal.isStopped {
                // A failed attempt calls no callback: report it here.
                events.lost(code)
            }
            let delay = backoff.delay(attempt: attempt, random: Double.random(in: 0..<1))
            attempt += 1
            if signal.wait(delay) { return }
            code = cnet_mosquitto_reconnect_async(handle)
        }
    }
}

/// Whether `stop()` was asked, and a wait it ends at once.
final class StopSignal: Sendable {
    private let stopped = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)

    var isStopped: Bool { stopped.withLock { $0 } }

    /// Asks the loop to stop, waking it if it is waiting.
    func stop() {
        stopped.withLock { $0 = true }
        wake.signal()
    }

    /// Waits `duration` unless stopped first; returns whether stopped.
    func wait(_ duration: Duration) -> Bool {
        if isStopped { return true }
        let (seconds, attoseconds) = duration.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        _ = wake.wait(timeout: .now() + .nanoseconds(max(nanoseconds, 0)))
        return isStopped
    }
}
