import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// TCP on 127.0.0.1 for test servers: listening, connecting, finding a free port.
///
/// Sockets are close-on-exec: a server started by another test at the same moment must not
/// inherit them (a connection would then outlive its close).
public enum Loopback {
    /// A port nothing listens on now. It was bound and released, so another process may take it
    /// before it is used: a server started on it retries on failure.
    public static func freePort() throws -> Int {
        let (socket, port) = try listen()
        close(socket)
        return port
    }

    /// Whether something accepts connections on `port`.
    public static func accepts(_ port: Int) -> Bool {
        guard let socket = connect(to: port) else { return false }
        close(socket)
        return true
    }

    /// A socket listening on 127.0.0.1:`port` (0: a free one chosen by the system), and its port.
    static func listen(port: Int = 0) throws -> (descriptor: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { throw failure("socket") }
        var yes: Int32 = 1
        setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = loopback(port: port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, Glibc.listen(socket, 64) == 0 else {
            let error = failure("bind 127.0.0.1:\(port)")
            close(socket)
            throw error
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }

    /// A socket connected to 127.0.0.1:`port`, or nil when nothing accepts there.
    static func connect(to port: Int) -> Int32? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard socket >= 0 else { return nil }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(socket)
            return nil
        }
        return socket
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr = in_addr(s_addr: in_addr_t(0x7F00_0001).bigEndian)
        return address
    }

    private static func failure(_ call: String) -> XServer.SetupError {
        XServer.SetupError(message: "\(call) failed: \(String(cString: strerror(errno)))")
    }
}
