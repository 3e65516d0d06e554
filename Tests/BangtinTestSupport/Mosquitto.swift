import Foundation

/// A real mosquitto broker on 127.0.0.1, for tests of the MQTT edge: started on a free port with
/// its own configuration, persistence, password file and log in a temporary folder, and stopped
/// when the test is done.
///
/// Persistence is on: `restart()` keeps the sessions (subscriptions and queued messages of
/// persistent clients) and retained messages, as a broker that is restarted does;
/// `restart(keepingSessions: false)` comes back as a new broker on the same port.
///
///     let broker = try Mosquitto()
///     defer { broker.stop() }
///     let options = try MQTTOptions(url: broker.url, clientID: "board-1", topics: ["bangtin/#"])
public final class Mosquitto {
    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// Whether the listener speaks TLS only.
    public let tls: Bool
    /// "mqtt://127.0.0.1:PORT", or "mqtts://127.0.0.1:PORT" with TLS.
    public var url: String { "\(tls ? "mqtts" : "mqtt")://127.0.0.1:\(port)" }
    /// Configuration, persistence, password file and log.
    private let folder: URL
    private var server: CleanChild?

    static let binary = "/usr/sbin/mosquitto"
    static let passwordTool = "/usr/bin/mosquitto_passwd"

    /// Starts a broker.
    /// - Parameters:
    ///   - users: When given, only these users (name to password) may connect; otherwise anyone may.
    ///   - port: The port to listen on (one clients already try); by default a free one.
    ///   - tls: A server certificate and key (from a `CertificateAuthority`): the listener then
    ///     speaks TLS only (MQTT over TLS, as on port 8883).
    /// - Throws: `XServer.SetupError` when mosquitto is missing or does not start.
    public init(users: [String: String]? = nil, port chosen: Int? = nil, tls: IssuedCertificate? = nil) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw XServer.SetupError(
                message: "\(Self.binary) not found: install mosquitto (scripts/system-packages.sh --tests does)")
        }
        let folder = try Fixtures.temporaryDirectory()
        do {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
            if let users { try Self.writePasswords(users, to: folder.appendingPathComponent("passwords").path) }
            var attempts = 0
            while true {
                let port = try chosen ?? Loopback.freePort()
                try Self.configuration(folder: folder.path, port: port, passwords: users != nil, tls: tls)
                    .write(to: folder.appendingPathComponent("mosquitto.conf"), atomically: true, encoding: .utf8)
                if let server = try Self.start(in: folder, port: port) {
                    self.port = port
                    self.server = server
                    break
                }
                // The port was taken between finding it and binding it: another.
                attempts += 1
                guard attempts < 5 && chosen == nil else { throw Self.failure(folder, "did not start (\(attempts) tries)") }
            }
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.folder = folder
        self.tls = tls != nil
    }

    deinit { stop() }

    /// Stops the broker (SIGTERM, which saves its persistence; SIGKILL after 5 s) and removes its files.
    public func stop() {
        server?.stop(seconds: 5)
        server = nil
        try? FileManager.default.removeItem(at: folder)
    }

    /// Stops the broker and starts it again on the same port.
    /// - Parameter keepingSessions: True: from its saved state (sessions, queued and retained
    ///   messages survive). False: as a new broker that knows no client.
    /// - Throws: `XServer.SetupError` when it does not come back.
    public func restart(keepingSessions: Bool = true) throws {
        server?.stop(seconds: 5)
        server = nil
        if !keepingSessions {
            let data = folder.appendingPathComponent("data")
            try? FileManager.default.removeItem(at: data)
            try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        }
        // The port is ours until something else takes it: a few tries in case it lingers.
        for _ in 0..<20 {
            if let server = try Self.start(in: folder, port: port) {
                self.server = server
                return
            }
            usleep(50_000)
        }
        throw Self.failure(folder, "did not restart on port \(port)")
    }

    /// What the broker wrote to its log (for a failing test's message).
    public var log: String {
        (try? String(contentsOf: folder.appendingPathComponent("mosquitto.log"), encoding: .utf8)) ?? ""
    }

    /// Starts mosquitto with the folder's configuration; nil when it exited (the port was taken).
    private static func start(in folder: URL, port: Int) throws -> CleanChild? {
        let server = try CleanChild(
            binary, ["-c", folder.appendingPathComponent("mosquitto.conf").path],
            output: folder.appendingPathComponent("stdout.log").path, errors: folder.appendingPathComponent("stderr.log").path)
        let deadline = Date().addingTimeInterval(10)
        while server.isRunning && Date() < deadline {
            if Loopback.accepts(port) {
                // Accepting and still running: the listener is its own (one that lost the port exits).
                if server.isRunning { return server }
            }
            usleep(5_000)
        }
        server.stop(seconds: 2)
        return nil
    }

    private static func configuration(folder: String, port: Int, passwords: Bool, tls: IssuedCertificate?) -> String {
        var lines = ["listener \(port) 127.0.0.1"]
        if let tls { lines += ["certfile \(tls.certificate)", "keyfile \(tls.key)"] }
        lines += [
            "allow_anonymous \(passwords ? "false" : "true")",
            "persistence true",
            "persistence_location \(folder)/data/",
            "log_dest file \(folder)/mosquitto.log",
            "log_type all",
            "connection_messages true",
        ]
        if passwords { lines.append("password_file \(folder)/passwords") }
        // As root, mosquitto would switch to the "mosquitto" user, who cannot write here.
        if geteuid() == 0 { lines.append("user root") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func writePasswords(_ users: [String: String], to path: String) throws {
        guard FileManager.default.isExecutableFile(atPath: passwordTool) else {
            throw XServer.SetupError(
                message: "\(passwordTool) not found: install mosquitto (scripts/system-packages.sh --tests does)")
        }
        for (index, (user, password)) in users.sorted(by: { $0.key < $1.key }).enumerated() {
            let tool = try CleanChild(passwordTool, (index == 0 ? ["-c"] : []) + ["-b", path, user, password])
            while tool.isRunning { usleep(2_000) }
            guard tool.exitStatus == 0 else {
                throw XServer.SetupError(message: "mosquitto_passwd failed for user \(user) (status \(tool.exitStatus ?? -1))")
            }
        }
    }

    private static func failure(_ folder: URL, _ what: String) -> XServer.SetupError {
        let logs = ["mosquitto.log", "stderr.log"].compactMap {
            try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8)
        }
        return XServer.SetupError(message: "mosquitto \(what): \(logs.joined())")
    }
}
