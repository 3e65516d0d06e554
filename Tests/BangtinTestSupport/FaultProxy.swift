import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP proxy on 127.0.0.1 that makes a good link bad: put between a client and a test server
/// (nginx), it cuts connections, stalls, throttles and delays, as a board's 3G link does.
///
/// Each connection is relayed by two threads (one a direction) polling with short timeouts, so
/// `stop()` and fault changes take effect within a few tens of milliseconds.
///
///     let proxy = try FaultProxy(to: nginx.port, faults: .init(cutAfterBytes: 1_000))
///     defer { proxy.stop() }
///     fetch(proxy.baseURL + "a.bin")
public final class FaultProxy: Sendable {
    /// What goes wrong on the link. Counts are per connection.
    public struct Faults: Sendable, Equatable {
        /// Close the connection, both ways, once this many bytes have reached the client.
        public var cutAfterBytes: Int?
        /// Stop relaying to the client once this many bytes have reached it, keeping the
        /// connection open (a dead link that does not say so).
        public var stallAfterBytes: Int?
        /// Throttle the server-to-client direction to about this many bytes a second.
        public var bytesPerSecond: Int?
        /// Delay before connecting to the server and before passing on each piece the client
        /// sends (each request): a round trip's worth of waiting, with throughput untouched.
        public var latency: Duration
        /// Lose every n-th response, counted over all connections: once the server has answered
        /// the whole request (for a PUT, stored the file), the client's connection is closed
        /// without a byte of the answer. A response is what the server sends after the client
        /// last sent something (HTTP/1.1 without pipelining, as curl talks).
        public var dropResponseEvery: Int?
        /// Replace each response's `Date` header with this IMF-fixdate (29 characters, as
        /// `Sun, 06 Nov 1994 08:49:37 GMT`): anything on the path of an http source can.
        public var forgedDate: String?

        /// Faults as given; none by default.
        public init(
            cutAfterBytes: Int? = nil, stallAfterBytes: Int? = nil, bytesPerSecond: Int? = nil, latency: Duration = .zero,
            dropResponseEvery: Int? = nil, forgedDate: String? = nil
        ) {
            self.forgedDate = forgedDate
            self.cutAfterBytes = cutAfterBytes
            self.stallAfterBytes = stallAfterBytes
            self.bytesPerSecond = bytesPerSecond
            self.latency = latency
            self.dropResponseEvery = dropResponseEvery
        }

        /// A clean link.
        public static let none = Faults()
        /// A slow 3G link: 300 ms a request, about 50 KB/s.
        public static let mobile3G = Faults(bytesPerSecond: 50_000, latency: .milliseconds(300))
    }

    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// "http://127.0.0.1:PORT/".
    public let baseURL: String
    private let shared: Shared

    /// Starts relaying connections on a free port to 127.0.0.1:`upstream`.
    /// - Throws: `XServer.SetupError` when it cannot listen.
    public init(to upstream: Int, faults: Faults = .none) throws {
        let (listener, port) = try Loopback.listen()
        self.port = port
        baseURL = "http://127.0.0.1:\(port)/"
        shared = Shared(upstream: upstream, faults: faults)
        shared.spawn { [shared] in shared.accept(on: listener) }
    }

    deinit { stop() }

    /// The faults in force; a change applies to connections already open.
    public var faults: Faults {
        get { shared.state.withLock { $0.faults } }
        set { shared.state.withLock { $0.faults = newValue } }
    }

    /// Bytes relayed to clients, over all connections.
    public var bytesToClient: Int { shared.state.withLock { $0.bytesToClient } }
    /// Bytes received from clients, over all connections.
    public var bytesFromClient: Int { shared.state.withLock { $0.bytesFromClient } }
    /// Connections accepted.
    public var connections: Int { shared.state.withLock { $0.connections } }
    /// Responses the server began to send, over all connections.
    public var responses: Int { shared.state.withLock { $0.responses } }
    /// Responses lost on purpose (`Faults.dropResponseEvery`).
    public var droppedResponses: Int { shared.state.withLock { $0.droppedResponses } }

    /// Stops listening, closes every connection and waits for its threads (at most 5 s).
    public func stop() {
        shared.state.withLock { $0.stopped = true }
        let deadline = ContinuousClock.now + .seconds(5)
        while shared.state.withLock({ $0.threads }) > 0 && ContinuousClock.now < deadline { usleep(2_000) }
    }
}

/// What the proxy's threads share: faults, counters, and whether to stop.
private final class Shared: Sendable {
    struct State {
        var faults: FaultProxy.Faults
        var stopped = false
        var threads = 0
        var connections = 0
        var bytesToClient = 0
        var bytesFromClient = 0
        var responses = 0
        var droppedResponses = 0
    }

    let upstream: Int
    let state: Mutex<State>
    /// How long a thread waits on a socket before looking at `stopped` again.
    static let pollMilliseconds: Int32 = 20

    init(upstream: Int, faults: FaultProxy.Faults) {
        self.upstream = upstream
        state = Mutex(State(faults: faults))
    }

    var stopped: Bool { state.withLock { $0.stopped } }
    var faults: FaultProxy.Faults { state.withLock { $0.faults } }

    /// Runs `body` on a new thread, counted until it returns.
    func spawn(_ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.threads += 1 }
        Thread.detachNewThread { [self] in
            body()
            state.withLock { $0.threads -= 1 }
        }
    }

    /// Accepts connections until stopped; then closes the listening socket.
    func accept(on listener: Int32) {
        defer { close(listener) }
        while !stopped {
            guard wait(for: listener, events: POLLIN) else { continue }
            let client = Glibc.accept(listener, nil, nil)
            guard client >= 0 else { continue }
            // accept4 is not visible from Swift: close-on-exec right after instead.
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            state.withLock { $0.connections += 1 }
            spawn { [self] in relay(client) }
        }
    }

    /// Connects a client to the server (after the latency) and relays both ways.
    private func relay(_ client: Int32) {
        guard pause(faults.latency), let server = Loopback.connect(to: upstream) else {
            close(client)
            return
        }
        let link = RelayedConnection(client: client, server: server)
        spawn { [self] in
            fromClient(link)
            link.finish()
        }
        toClient(link)
        link.finish()
    }

    /// Client to server: each piece after the latency.
    private func fromClient(_ link: RelayedConnection) {
        let capacity = 16_384
        var buffer = [UInt8](repeating: 0, count: capacity)
        while !stopped && !link.closed {
            guard wait(for: link.client, events: POLLIN) else { continue }
            let count = recv(link.client, &buffer, capacity, Int32(MSG_DONTWAIT))
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            guard count > 0 else { break }
            state.withLock { $0.bytesFromClient += count }
            guard pause(faults.latency) else { break }
            // Before sending: the server's answer may come back before `send` returns.
            link.requestSent()
            guard send(buffer[..<count], to: link.server, link) else { break }
        }
        link.shut()
    }

    /// Server to client, with the cut, stall, throttle and lost responses.
    private func toClient(_ link: RelayedConnection) {
        let capacity = 65_536
        var buffer = [UInt8](repeating: 0, count: capacity)
        var relayed = 0
        while !stopped && !link.closed {
            let faults = self.faults
            if let cut = faults.cutAfterBytes, relayed >= cut { break }
            if let stall = faults.stallAfterBytes, relayed >= stall {
                usleep(UInt32(Self.pollMilliseconds) * 1_000)
                continue
            }
            var most = capacity
            if let cut = faults.cutAfterBytes { most = min(most, cut - relayed) }
            if let stall = faults.stallAfterBytes { most = min(most, stall - relayed) }
            // Pieces of a twentieth of a second: the pace stays even.
            if let rate = faults.bytesPerSecond { most = min(most, max(1, rate / 20)) }
            guard wait(for: link.server, events: POLLIN) else { continue }
            let count = recv(link.server, &buffer, most, Int32(MSG_DONTWAIT))
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            if count > 0, let forged = faults.forgedDate { Self.forge(date: forged, in: &buffer, count: count) }
            guard count > 0, !(link.responseStarts() && dropsResponse()), send(buffer[..<count], to: link.client, link)
            else { break }
            relayed += count
            state.withLock { $0.bytesToClient += count }
            if let rate = faults.bytesPerSecond, rate > 0 {
                guard pause(.seconds(Double(count) / Double(rate))) else { break }
            }
        }
        link.shut()
    }

    /// Overwrites the value of every `Date:` header in the first `count` bytes (same length).
    static func forge(date: String, in buffer: inout [UInt8], count: Int) {
        let name = Array("\r\nDate: ".utf8)
        let value = Array(date.utf8)
        var index = 0
        while index + name.count + value.count <= count {
            if buffer[index..<index + name.count].elementsEqual(name) {
                let start = index + name.count
                if start + value.count < count, buffer[start + value.count] == UInt8(ascii: "\r") {
                    buffer.replaceSubrange(start..<start + value.count, with: value)
                }
                index = start
            } else {
                index += 1
            }
        }
    }

    /// Counts a response the server began; whether to lose it.
    private func dropsResponse() -> Bool {
        state.withLock { state in
            state.responses += 1
            guard let every = state.faults.dropResponseEvery, every > 0, state.responses % every == 0 else { return false }
            state.droppedResponses += 1
            return true
        }
    }

    /// Sends all of `bytes`, waiting for room; false if the link closed or the proxy stopped.
    private func send(_ bytes: ArraySlice<UInt8>, to socket: Int32, _ link: RelayedConnection) -> Bool {
        var sent = bytes.startIndex
        while sent < bytes.endIndex {
            guard !stopped && !link.closed else { return false }
            guard wait(for: socket, events: POLLOUT) else { continue }
            let count = bytes[sent...].withUnsafeBytes {
                Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
            }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { continue }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    /// Whether `socket` became ready (or hung up) within a poll interval.
    private func wait(for socket: Int32, events: Int32) -> Bool {
        var entry = pollfd(fd: socket, events: Int16(events), revents: 0)
        return poll(&entry, 1, Self.pollMilliseconds) > 0
    }

    /// Sleeps `duration` in short steps; false if the proxy stopped meanwhile.
    private func pause(_ duration: Duration) -> Bool {
        let deadline = ContinuousClock.now + duration
        while ContinuousClock.now < deadline {
            if stopped { return false }
            let left = deadline - ContinuousClock.now
            let step = min(left, .milliseconds(Int(Self.pollMilliseconds)))
            let (seconds, attoseconds) = step.components
            usleep(UInt32(max(0, seconds * 1_000_000 + attoseconds / 1_000_000_000_000)))
        }
        return !stopped
    }
}
