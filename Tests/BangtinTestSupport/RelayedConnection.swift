import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One relayed connection: its two sockets, closed by whichever direction finishes last.
final class RelayedConnection: Sendable {
    let client: Int32
    let server: Int32
    private let state = Mutex((closed: false, finished: 0, awaitingResponse: false))

    init(client: Int32, server: Int32) {
        self.client = client
        self.server = server
    }

    /// Whether either direction ended the connection.
    var closed: Bool { state.withLock { $0.closed } }

    /// The client sent (part of) a request: what the server sends next is a new response.
    func requestSent() { state.withLock { $0.awaitingResponse = true } }

    /// Whether bytes from the server now begin a response (the first since a request).
    func responseStarts() -> Bool {
        state.withLock { state in
            defer { state.awaitingResponse = false }
            return state.awaitingResponse
        }
    }

    /// Ends the connection both ways; the other direction's thread notices and finishes.
    func shut() {
        state.withLock { $0.closed = true }
        shutdown(client, Int32(SHUT_RDWR))
        shutdown(server, Int32(SHUT_RDWR))
    }

    /// One direction is done; the second closes the sockets (never while the other uses them).
    func finish() {
        let last = state.withLock { state in
            state.finished += 1
            return state.finished == 2
        }
        if last {
            close(client)
            close(server)
        }
    }
}
