import BangtinCore
import BangtinNet
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

/// TLS and credentials against a real mosquitto on loopback: a TLS-only listener with a server
/// certificate from a test CA, a password file and no anonymous clients.
@Suite struct MQTTSecurityTests {
    static let user = "bangtin-board-22333"
    static let password = "mật-khẩu-đúng"

    /// A broker with TLS and one user, the CA its certificate chains to, and a stranger's CA.
    struct SecureBroker {
        let broker: Mosquitto
        let authority: CertificateAuthority
        let stranger: CertificateAuthority
        let folder: URL

        init() throws {
            folder = try Fixtures.temporaryDirectory()
            authority = try CertificateAuthority(in: folder)
            stranger = try CertificateAuthority(in: folder, name: "Someone else's CA")
            let server = try authority.issue(.server, named: "broker")
            broker = try Mosquitto(users: [MQTTSecurityTests.user: MQTTSecurityTests.password], tls: server)
        }

        func stop() {
            broker.stop()
            try? FileManager.default.removeItem(at: folder)
        }

        /// Options for `clientID` with the given CA file and password.
        func options(clientID: String, caFile: String, password: String = MQTTSecurityTests.password) throws -> MQTTOptions {
            var options = try MQTTOptions(url: broker.url, clientID: clientID, topics: ["bangtin/56/alerts/#"])
            options.caFile = caFile
            options.username = MQTTSecurityTests.user
            options.password = password
            return options
        }
    }

    @Test func theRightCAAndPasswordGetASignedWarningByteForByte() throws {
        let secure = try SecureBroker()
        defer { secure.stop() }
        #expect(secure.broker.url.hasPrefix("mqtts://"))
        let inbox = Inbox()
        let subscriber = try MQTTSubscriber(
            options: try secure.options(clientID: "bangtin-22333", caFile: secure.authority.certificate),
            onMessage: inbox.add, onState: inbox.add)
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(
            inbox.wait { $0.states.contains(.connected(sessionPresent: false)) }, "\(inbox.states) \(secure.broker.log)")

        let envelope = try Self.signedWarning()
        var publishing = try secure.options(clientID: "ops-tinh", caFile: secure.authority.certificate)
        publishing.cleanSession = true
        let publisher = try MQTTPublisher(options: publishing, timeoutSeconds: 5)
        defer { publisher.disconnect() }
        try publisher.publish(topic: "bangtin/56/alerts", payload: envelope)
        try #require(inbox.wait { !$0.messages.isEmpty }, "\(inbox.states)")
        #expect(inbox.messages.first?.payload == envelope)
        #expect(inbox.messages.first?.topic == "bangtin/56/alerts")
    }

    @Test func aBrokerCertificateFromAnotherCAIsRefusedNamingTheTLSProblem() throws {
        let secure = try SecureBroker()
        defer { secure.stop() }
        let inbox = Inbox()
        let subscriber = try MQTTSubscriber(
            options: try secure.options(clientID: "bangtin-22333", caFile: secure.stranger.certificate),
            onMessage: inbox.add, onState: inbox.add)
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(inbox.wait { !$0.states.isEmpty }, "\(secure.broker.log)")
        guard case .disconnected(let error) = inbox.states[0] else {
            Issue.record("first state \(inbox.states)")
            return
        }
        #expect(error.kind == .tls, "\(error)")
        #expect(error.description.contains("127.0.0.1:\(secure.broker.port)"))
        #expect(error.description.contains("certificate verify failed"), "\(error)")

        // A publisher trusting the right CA publishes: the subscriber still never connects.
        var publishing = try secure.options(clientID: "ops-tinh", caFile: secure.authority.certificate)
        publishing.cleanSession = true
        let publisher = try MQTTPublisher(options: publishing, timeoutSeconds: 5)
        defer { publisher.disconnect() }
        try publisher.publish(topic: "bangtin/56/alerts", payload: [1, 2, 3])
        #expect(!inbox.wait(seconds: 1.5) { !$0.messages.isEmpty })
        #expect(!inbox.states.contains { if case .connected = $0 { true } else { false } })

        let publisherError = #expect(throws: MQTTError.self) {
            _ = try MQTTPublisher(
                options: try secure.options(clientID: "ops-2", caFile: secure.stranger.certificate), timeoutSeconds: 3)
        }
        #expect(publisherError?.kind == .tls, "\(publisherError.map(String.init(describing:)) ?? "")")
    }

    @Test func aWrongPasswordIsRefusedAndRetriedWithBackoff() throws {
        let secure = try SecureBroker()
        defer { secure.stop() }
        let inbox = Inbox()
        let subscriber = try MQTTSubscriber(
            options: try secure.options(clientID: "bangtin-22333", caFile: secure.authority.certificate, password: "sai"),
            onMessage: inbox.add, onState: inbox.add)
        let started = ContinuousClock.now
        try subscriber.start()
        defer { subscriber.stop() }
        // Refused, and tried again: first after 0.5 to 1 s, then after 1 to 2 s.
        try #require(inbox.wait(seconds: 8) { $0.refusals.count >= 3 }, "\(inbox.states) \(secure.broker.log)")
        let elapsed = ContinuousClock.now - started
        #expect(elapsed >= .milliseconds(1500), "three refusals in \(elapsed): no backoff")
        let error = inbox.refusals[0]
        #expect(error.kind == .refused)
        #expect(error.description.contains("127.0.0.1:\(secure.broker.port)"))
        // MQTT 5's reason (135) reads "Not authorized", MQTT 3.1.1's CONNACK 5 "not authorised".
        #expect(error.description.lowercased().contains("not authori"), "\(error)")
        #expect(!inbox.states.contains { if case .connected = $0 { true } else { false } })
    }

    /// A JSON warning for Khánh Hòa signed by a new key, as an envelope's bytes.
    static func signedWarning() throws -> [UInt8] {
        let key = SigningKey(name: "tinh", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
        let json = """
            {"version": 1, "identifier": "KH-TLS-01", "sender": "pctt@khanhhoa.gov.vn", "sent": "2025-09-17T07:30:00+07:00",
             "status": "Actual", "msgType": "Alert",
             "info": [{"event": "Bão", "severity": "Extreme", "headline": "Bão số 13 đổ bộ Khánh Hòa",
                       "areas": [{"description": "Tỉnh Khánh Hòa", "codes": ["56"]}]}]}
            """
        return try SignedWarnings.sign(Array(json.utf8), key: key).encoded()
    }
}
