import Foundation

/// A private certificate authority made at test time with the `openssl` command, for tests of
/// TLS on loopback: EC P-256 keys (a few milliseconds each), certificates valid for two days,
/// every file in the folder given.
///
///     let authority = try CertificateAuthority(in: folder)
///     let server = try authority.issue(.server, named: "server")
///     let nginx = try Nginx(serving: root, tls: Nginx.TLS(certificate: server.certificate, key: server.key))
///     settings.link.caBundle = authority.certificate
public struct CertificateAuthority: Sendable {
    /// What a certificate may be used for.
    public enum Use: String, Sendable {
        /// A server at 127.0.0.1 (subjectAltName IP:127.0.0.1, serverAuth).
        case server
        /// A client proving who it is, e.g. a board (clientAuth).
        case client
    }

    /// The CA's certificate (PEM file): a board's `caBundle`, or nginx's `ssl_client_certificate`.
    public let certificate: String
    /// The CA's private key (PEM file).
    public let key: String
    /// Where its files and the certificates it issues are written.
    public let folder: URL

    static let binary = "/usr/bin/openssl"

    /// Makes a new CA's key and self-signed certificate in `folder`.
    /// - Parameters:
    ///   - folder: An existing folder; files are named after `name`.
    ///   - name: The CA's common name and the stem of its file names (two CAs can share a folder).
    /// - Throws: `XServer.SetupError` when openssl is missing or fails.
    public init(in folder: URL, name: String = "Bangtin test CA") throws {
        self.folder = folder
        let stem = Self.stem(name)
        certificate = folder.appendingPathComponent("\(stem).pem").path
        key = folder.appendingPathComponent("\(stem).key").path
        try Self.extensions.write(to: folder.appendingPathComponent("openssl.cnf"), atomically: true, encoding: .utf8)
        try run(["-subj", "/CN=\(name)", "-extensions", "ca", "-keyout", key, "-out", certificate])
    }

    /// A key and a certificate for `use`, signed by this CA.
    /// - Parameter name: The subject's common name and the stem of the two files' names.
    /// - Throws: `XServer.SetupError` when openssl fails.
    public func issue(_ use: Use, named name: String) throws -> IssuedCertificate {
        let stem = Self.stem(name)
        let issued = IssuedCertificate(
            certificate: folder.appendingPathComponent("\(stem).pem").path,
            key: folder.appendingPathComponent("\(stem).key").path)
        try run([
            "-subj", "/CN=\(name)", "-extensions", use.rawValue, "-CA", certificate, "-CAkey", key,
            "-keyout", issued.key, "-out", issued.certificate,
        ])
        return issued
    }

    /// `openssl req -x509` making a new P-256 key, with the extension sections of `openssl.cnf`.
    private func run(_ arguments: [String]) throws {
        guard FileManager.default.isExecutableFile(atPath: Self.binary) else {
            throw XServer.SetupError(
                message: "\(Self.binary) not found: install openssl (scripts/system-packages.sh --tests does)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments =
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-config", folder.appendingPathComponent("openssl.cnf").path,
            ] + arguments
        // Files, not pipes: nothing to drain, and the message is there to read on failure.
        let errors = folder.appendingPathComponent("openssl.err")
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let errorHandle = try FileHandle(forWritingTo: errors)
        defer { try? errorHandle.close() }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errorHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw XServer.SetupError(
                message: "openssl \(arguments.joined(separator: " ")) failed (\(process.terminationStatus)): \(message)")
        }
    }

    /// A file name stem for a common name ("Bangtin test CA" → "Bangtin-test-CA").
    private static func stem(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "-" })
    }

    /// The configuration: `-subj` names the subject; a section per kind of certificate.
    private static let extensions = """
        [req]
        distinguished_name = dn
        prompt = no
        [dn]
        CN = unused
        [ca]
        basicConstraints = critical, CA:TRUE
        keyUsage = critical, keyCertSign, cRLSign
        subjectKeyIdentifier = hash
        [server]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = serverAuth
        subjectAltName = IP:127.0.0.1
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid
        [client]
        basicConstraints = critical, CA:FALSE
        keyUsage = critical, digitalSignature
        extendedKeyUsage = clientAuth
        subjectKeyIdentifier = hash
        authorityKeyIdentifier = keyid

        """
}

/// A certificate and its private key, two PEM files issued by a `CertificateAuthority`.
public struct IssuedCertificate: Sendable, Equatable {
    /// The certificate (PEM file).
    public var certificate: String
    /// Its private key (PEM file, unencrypted).
    public var key: String
}
