import Foundation

/// A real nginx serving a folder on 127.0.0.1, for tests of the network edge: started on a free
/// port with its own configuration, logs and temporary files in a temporary folder, and stopped
/// when the test is done.
///
/// Static files come with ETags, byte ranges (206, 416), conditional GETs (304) and keep-alive,
/// as from a content server; gzip is off. It serves over TLS when given a certificate, and can
/// instead be a forward proxy for plain HTTP or a WebDAV server taking PUTs (`webDAV(root:)`).
/// Many can run at once, one per test.
///
///     let nginx = try Nginx(serving: folder)
///     defer { nginx.stop() }
///     fetch(nginx.baseURL + "a.bin")
public final class Nginx: Sendable {
    /// TLS for the server: its certificate, and the CA its clients must prove themselves with.
    public struct TLS: Sendable {
        /// The server's certificate (PEM file), for 127.0.0.1.
        public var certificate: String
        /// Its private key (PEM file).
        public var key: String
        /// When set, a CA bundle (PEM file) whose certificates nginx requires of every client
        /// (`ssl_verify_client on`): a client without one signed by it gets a 400.
        public var clientCA: String?

        /// TLS with `certificate` and `key`, asking clients for a certificate of `clientCA` if given.
        public init(certificate: String, key: String, clientCA: String? = nil) {
            self.certificate = certificate
            self.key = key
            self.clientCA = clientCA
        }
    }

    /// The port it listens on, on 127.0.0.1.
    public let port: Int
    /// "http://127.0.0.1:PORT/", or "https://…" with TLS.
    public let baseURL: String
    /// The folder it serves (for a forward proxy, its own empty folder).
    public let root: URL
    /// Configuration, pid, logs and temporary files.
    private let folder: URL
    private let server: CleanChild

    static let binary = "/usr/sbin/nginx"

    /// Starts nginx serving `root` at "/".
    /// - Parameters:
    ///   - root: The folder served.
    ///   - locations: Extra configuration for the `server` block, e.g. a `location` that
    ///     answers 401 unless `$http_authorization` is "Bearer xyz".
    ///   - tls: When given, it serves HTTPS only, with this certificate.
    /// - Throws: `XServer.SetupError` when nginx is missing or does not start.
    public convenience init(serving root: URL, locations: String = "", tls: TLS? = nil) throws {
        let path = root.standardizedFileURL.path
        try self.init(root: root, tls: tls, server: "root \"\(path)\";\nlocation / { }\n\(locations)")
    }

    /// Starts nginx as a WebDAV server that stores what is PUT under `root`, as a source system
    /// taking a board's reports would: a PUT creates the file and any missing folders (201) or
    /// replaces it whole (204), and is answered only once the file is in place; DELETE removes
    /// one; GET serves them back. Bodies up to 64 MB.
    /// - Parameters:
    ///   - root: The folder the files go to.
    ///   - locations: Extra configuration for the `server` block, e.g.
    ///     `if ($http_authorization != "Bearer xyz") { return 401; }` to require a token.
    ///   - tls: When given, it serves HTTPS only, with this certificate.
    ///   - port: The port to listen on (one from `Loopback.freePort()`, for a server that
    ///     comes up where a client already looks); nil: a free one.
    /// - Throws: `XServer.SetupError` when nginx is missing or does not start.
    public static func webDAV(root: URL, locations: String = "", tls: TLS? = nil, port: Int? = nil) throws -> Nginx {
        let path = root.standardizedFileURL.path
        return try Nginx(
            root: root, tls: tls, port: port,
            server: """
                root "\(path)";
                client_max_body_size 64m;
                \(locations)
                location / {
                    dav_methods PUT DELETE;
                    create_full_put_path on;
                    dav_access user:rw group:r all:r;
                }
                """)
    }

    /// Starts nginx as a forward proxy for plain HTTP on its own port: a client pointed at it
    /// (`LinkOptions.proxy`) has each request passed to the host and port it names, IP hosts
    /// only (there is no resolver). `accessLog` then shows the absolute URL of each request.
    /// - Throws: `XServer.SetupError` when nginx is missing or does not start.
    public static func forwardProxy() throws -> Nginx {
        try Nginx(root: nil, tls: nil, server: "location / { proxy_pass http://$http_host$request_uri; }")
    }

    /// Starts nginx with `server` as its server block's body (after `listen` and the TLS lines),
    /// on `port` or a free one.
    private init(root: URL?, tls: TLS?, port wanted: Int? = nil, server: String) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw XServer.SetupError(
                message: "\(Self.binary) not found: install nginx-light (scripts/system-packages.sh --tests does)")
        }
        let folder = try Fixtures.temporaryDirectory()
        let started: (port: Int, server: CleanChild)
        do {
            started = try Self.start(in: folder, tls: tls, port: wanted, server: server)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        port = started.port
        self.server = started.server
        self.folder = folder
        self.root = root ?? folder
        baseURL = "\(tls == nil ? "http" : "https")://127.0.0.1:\(port)/"
    }

    deinit { stop() }

    /// Stops nginx (SIGTERM; SIGKILL if it has not gone after 5 s) and removes its files.
    public func stop() {
        server.stop(seconds: 5)
        try? FileManager.default.removeItem(at: folder)
    }

    /// What nginx wrote to its error log (for a failing test's message).
    public var errorLog: String {
        (try? String(contentsOf: folder.appendingPathComponent("error.log"), encoding: .utf8)) ?? ""
    }

    /// The access log: one line a request, with the request line and status.
    public var accessLog: String {
        (try? String(contentsOf: folder.appendingPathComponent("access.log"), encoding: .utf8)) ?? ""
    }

    /// The access log once `isComplete` holds of it, or as it is after `seconds`: nginx writes a
    /// request's line when it is done with it, which may be after the client has its response.
    public func accessLog(waitingUpTo seconds: Double = 5, until isComplete: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var log = accessLog
        while !isComplete(log) && Date() < deadline {
            usleep(5_000)
            log = accessLog
        }
        return log
    }

    /// Starts nginx on `fixed` or a free port, trying another free one when that one was taken
    /// in the meantime.
    private static func start(in folder: URL, tls: TLS?, port fixed: Int?, server body: String) throws -> (Int, CleanChild) {
        let pidFile = folder.appendingPathComponent("nginx.pid").path
        let configuration = folder.appendingPathComponent("nginx.conf")
        let errorLog = folder.appendingPathComponent("error.log").path
        let standardError = folder.appendingPathComponent("stderr.log").path
        var attempts = 0
        while true {
            let port = try fixed ?? Loopback.freePort()
            try Self.configuration(folder: folder.path, port: port, tls: tls, server: body)
                .write(to: configuration, atomically: true, encoding: .utf8)
            try? FileManager.default.removeItem(atPath: pidFile)
            let server = try CleanChild(
                binary, ["-p", folder.path + "/", "-c", configuration.path, "-e", errorLog],
                output: folder.appendingPathComponent("stdout.log").path, errors: standardError)
            // nginx writes its pid file once its sockets listen: from then, connections to the
            // port are its own (not those of whoever took the port first).
            let deadline = Date().addingTimeInterval(10)
            while server.isRunning && Date() < deadline {
                let pid = (try? String(contentsOfFile: pidFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
                if pid == String(server.pid) && Loopback.accepts(port) { return (port, server) }
                usleep(5_000)
            }
            server.stop(seconds: 2)
            attempts += 1
            guard attempts < 5 else {
                let log = [errorLog, standardError].compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }
                throw XServer.SetupError(message: "nginx did not start (\(attempts) tries): \(log.joined())")
            }
        }
    }

    /// The whole configuration: one process (as root or not), everything under `folder`.
    private static func configuration(folder: String, port: Int, tls: TLS?, server: String) -> String {
        """
        daemon off;
        master_process off;
        worker_processes 1;
        pid \(folder)/nginx.pid;
        lock_file \(folder)/nginx.lock;
        error_log \(folder)/error.log warn;
        events { worker_connections 256; }
        http {
            access_log \(folder)/access.log;
            client_body_temp_path \(folder)/client_body;
            proxy_temp_path \(folder)/proxy;
            fastcgi_temp_path \(folder)/fastcgi;
            uwsgi_temp_path \(folder)/uwsgi;
            scgi_temp_path \(folder)/scgi;
            types { text/plain txt; application/json json; image/png png; image/jpeg jpg; }
            default_type application/octet-stream;
            sendfile on;
            gzip off;
            etag on;
            keepalive_timeout 30s;
            server {
        \(listen(port: port, tls: tls))
                server_name localhost;
        \(server)
            }
        }

        """
    }

    /// `listen` on 127.0.0.1, with the TLS directives when there is TLS.
    private static func listen(port: Int, tls: TLS?) -> String {
        guard let tls else { return "listen 127.0.0.1:\(port);" }
        var lines = [
            "listen 127.0.0.1:\(port) ssl;", "ssl_certificate \"\(tls.certificate)\";", "ssl_certificate_key \"\(tls.key)\";",
        ]
        if let clientCA = tls.clientCA {
            lines += ["ssl_client_certificate \"\(clientCA)\";", "ssl_verify_client on;"]
        }
        return lines.joined(separator: "\n")
    }
}
