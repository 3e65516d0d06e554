import BangtinCore
import BangtinNet
import BangtinSync
import BangtinTestSupport
import Foundation
import Testing

/// The link options a board's identity and trust rest on, against a real nginx on loopback:
/// a private CA, a client certificate, a bearer token and an HTTP proxy. Certificates are made
/// with openssl in each test's folder.
@Suite struct TLSSyncTests {
    @Test func theServerIsVerifiedAgainstThePrivateCAAndItsAddress() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let authority = try CertificateAuthority(in: publisher.folder)
        let server = try authority.issue(.server, named: "127.0.0.1")
        let stranger = try CertificateAuthority(in: publisher.folder, name: "Another CA")
        let nginx = try Nginx(
            serving: URL(fileURLWithPath: publisher.out), tls: Nginx.TLS(certificate: server.certificate, key: server.key))
        defer { nginx.stop() }
        #expect(nginx.baseURL.hasPrefix("https://127.0.0.1:"))

        // Verification is on by default: the system's CAs do not know this one.
        let reason = try failure(publisher.syncer(source: nginx.baseURL).run())
        #expect(reason?.contains("SSL certificate problem") == true, "\(reason ?? "")")
        // A bundle replaces the system's CAs rather than turning verification off: another CA fails.
        let foreign = try failure(
            publisher.syncer(source: nginx.baseURL, link: { $0.link.caBundle = stranger.certificate }).run())
        #expect(foreign?.contains("SSL certificate problem") == true, "\(foreign ?? "")")
        // The right CA, but a name the certificate does not carry (it is for IP 127.0.0.1).
        let localhost = "https://localhost:\(nginx.port)/"
        let byName = try failure(publisher.syncer(source: localhost, link: { $0.link.caBundle = authority.certificate }).run())
        #expect(byName?.contains("target host name 'localhost'") == true, "\(byName ?? "")")
        // No HTTP request got through any of these handshakes, and nothing was accepted.
        #expect(!nginx.accessLog.contains("GET "), "\(nginx.accessLog)")
        #expect(!FileManager.default.fileExists(atPath: publisher.cache() + "/current"))
        #expect(!FileManager.default.fileExists(atPath: publisher.cache() + "/accepted.json"))

        let trusting = try publisher.syncer(source: nginx.baseURL, link: { $0.link.caBundle = authority.certificate })
        #expect(trusting.run() == .activated(version: 1, previous: nil))
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust).version == 1)
    }

    @Test func aServerAskingForTheBoardsCertificateTakesOnlyOneOfItsCA() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1)
        let authority = try CertificateAuthority(in: publisher.folder)
        let server = try authority.issue(.server, named: "127.0.0.1")
        let board = try authority.issue(.client, named: "board-042")
        let impostor = try CertificateAuthority(in: publisher.folder, name: "Another CA").issue(.client, named: "board-666")
        let tls = Nginx.TLS(certificate: server.certificate, key: server.key, clientCA: authority.certificate)
        let nginx = try Nginx(serving: URL(fileURLWithPath: publisher.out), tls: tls)
        defer { nginx.stop() }
        let boardLink: (IssuedCertificate?) -> LinkOptionsChange = { certificate in
            {
                $0.link.caBundle = authority.certificate
                $0.link.clientCertificate = certificate?.certificate
                $0.link.clientKey = certificate?.key
            }
        }

        // nginx finishes the handshake and answers 400 to a board without a good certificate.
        let anonymous = try failure(publisher.syncer(source: nginx.baseURL, link: boardLink(nil)).run())
        #expect(anonymous?.contains("HTTP 400") == true, "\(anonymous ?? "")")
        let foreign = try failure(publisher.syncer(source: nginx.baseURL, link: boardLink(impostor)).run())
        #expect(foreign?.contains("HTTP 400") == true, "\(foreign ?? "")")
        let refusals = { (log: String) in log.components(separatedBy: "\"GET /manifest.json HTTP/1.1\" 400").count - 1 }
        let log = nginx.accessLog { refusals($0) == 2 }
        #expect(refusals(log) == 2, "\(log)")

        let syncer = try publisher.syncer(source: nginx.baseURL, link: boardLink(board))
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust) == manifest)
    }

    @Test func theBearerTokenOpensAGuardedSource() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let token = UUID().uuidString
        let guarded = "if ($http_authorization != \"Bearer \(token)\") { return 401; }"
        let nginx = try Nginx(
            serving: URL(fileURLWithPath: publisher.out),
            locations: "location = /manifest.json { \(guarded) }\nlocation /files/ { \(guarded) }")
        defer { nginx.stop() }

        let anonymous = try failure(publisher.syncer(source: nginx.baseURL).run())
        #expect(anonymous == "\(nginx.baseURL)manifest.json: HTTP 401")
        let wrong = try failure(publisher.syncer(source: nginx.baseURL, link: { $0.link.bearerToken = "not-" + token }).run())
        #expect(wrong?.contains("HTTP 401") == true, "\(wrong ?? "")")

        // Every file is guarded too: the version activates only if each request carried the token.
        let syncer = try publisher.syncer(source: nginx.baseURL, link: { $0.link.bearerToken = token })
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        #expect(nginx.accessLog { $0.contains("\"GET /files/") }.contains("\"GET /files/"))
    }

    @Test func aForwardProxyCarriesEveryRequestOfTheSync() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1)
        let origin = try Nginx(serving: URL(fileURLWithPath: publisher.out))
        defer { origin.stop() }
        let proxy = try Nginx.forwardProxy()
        defer { proxy.stop() }
        let syncer = try publisher.syncer(source: origin.baseURL, link: { $0.link.proxy = "http://127.0.0.1:\(proxy.port)" })
        #expect(syncer.run() == .activated(version: 1, previous: nil))

        // The proxy saw the manifest and each file, by absolute URL (as a client sends to a proxy).
        let paths = ["manifest.json"] + Set(manifest.files.map(\.sha256)).map { "files/" + $0 }
        let requests = paths.map { "\"GET \(origin.baseURL)\($0) HTTP/1.1\" 200" }
        let log = proxy.accessLog { log in requests.allSatisfy(log.contains) }
        for request in requests { #expect(log.contains(request), "\(request) not in \(log)") }

        // With the proxy gone the board does not go around it, though the origin is up.
        proxy.stop()
        #expect(Loopback.accepts(origin.port))
        let outcome = syncer.run()
        guard case .failed(let reason, keeping: 1) = outcome else {
            Issue.record("expected a failed sync keeping version 1, got \(outcome)")
            return
        }
        #expect(reason.contains("port \(proxy.port)"), "\(reason)")
        #expect(syncer.currentVersion == 1)
    }

    /// The reason of a sync that failed with nothing active; nil (and an issue) otherwise.
    private func failure(_ outcome: SyncOutcome, at location: SourceLocation = #_sourceLocation) -> String? {
        guard case .failed(let reason, keeping: nil) = outcome else {
            Issue.record("expected a failed sync with nothing active, got \(outcome)", sourceLocation: location)
            return nil
        }
        return reason
    }
}
