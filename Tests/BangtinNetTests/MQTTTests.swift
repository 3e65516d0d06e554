import BangtinNet
import BangtinTestSupport
import Foundation
import Testing

/// The MQTT edge against a real mosquitto on loopback: delivery, retained messages, persistent
/// sessions, reconnection after a broker restart, and passwords.
@Suite struct MQTTTests {
    static let alert = "Cảnh báo: bão số 3 đổ bộ Quảng Ngãi — sơ tán ngay 🌀"

    @Test func aQoS1MessageArrivesWithItsExactBytes() throws {
        let broker = try Mosquitto()
        defer { broker.stop() }
        let inbox = Inbox()
        let subscriber = try inbox.subscriber(broker, clientID: "board-22333", topics: ["bangtin/56/+/alerts"])
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(inbox.wait { $0.states.contains(.connected(sessionPresent: false)) }, "\(inbox.states) \(broker.log)")

        let payload = Array(Self.alert.utf8) + [0, 255, 10]
        try Self.publish(broker, "bangtin/56/22333/alerts", payload)
        try Self.publish(broker, "bangtin/57/1/alerts", [1])
        try #require(inbox.wait { !$0.messages.isEmpty }, "\(broker.log)")
        let message = try #require(inbox.messages.first)
        #expect(message.topic == "bangtin/56/22333/alerts")
        #expect(message.payload == payload)
        #expect(String(decoding: message.payload.prefix(payload.count - 3), as: UTF8.self) == Self.alert)
        #expect(message.qos == 1)
        #expect(message.retained == false)
        // The province 57 message did not match the filter (a later 56 one would come after it).
        try Self.publish(broker, "bangtin/56/1/alerts", [2])
        try #require(inbox.wait { $0.messages.count == 2 })
        #expect(inbox.messages.map(\.payload) == [payload, [2]])
    }

    @Test func aRetainedMessageReachesALaterSubscriber() throws {
        let broker = try Mosquitto()
        defer { broker.stop() }
        try Self.publish(broker, "bangtin/56/22333/alerts", Array(Self.alert.utf8), retain: true)

        let inbox = Inbox()
        let subscriber = try inbox.subscriber(broker, clientID: "board-late", topics: ["bangtin/56/+/alerts"])
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(inbox.wait { !$0.messages.isEmpty }, "\(inbox.states)")
        let message = try #require(inbox.messages.first)
        #expect(message.retained)
        #expect(message.payload == Array(Self.alert.utf8))
    }

    @Test func aPersistentSessionKeepsMessagesSentWhileAway() throws {
        let broker = try Mosquitto()
        defer { broker.stop() }
        let first = Inbox()
        let away = try first.subscriber(broker, clientID: "board-away", topics: ["bangtin/56/+/alerts"])
        try away.start()
        try #require(first.wait { $0.states.contains(.connected(sessionPresent: false)) }, "\(first.states)")
        away.stop()

        try Self.publish(broker, "bangtin/56/22333/alerts", Array("while away".utf8))

        let second = Inbox()
        let back = try second.subscriber(broker, clientID: "board-away", topics: ["bangtin/56/+/alerts"])
        try back.start()
        defer { back.stop() }
        try #require(second.wait { !$0.messages.isEmpty }, "\(second.states) \(broker.log)")
        #expect(second.states.first == .connected(sessionPresent: true))
        #expect(second.messages.map(\.payload) == [Array("while away".utf8)])
        #expect(second.messages.first?.retained == false)
    }

    @Test(arguments: [true, false])
    func theSubscriberComesBackAfterABrokerRestart(keepingSessions: Bool) throws {
        let broker = try Mosquitto()
        defer { broker.stop() }
        let inbox = Inbox()
        let subscriber = try inbox.subscriber(broker, clientID: "board-restart", topics: ["bangtin/56/+/alerts"])
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(inbox.wait { $0.states.contains(.connected(sessionPresent: false)) }, "\(inbox.states) \(broker.log)")

        try broker.restart(keepingSessions: keepingSessions)
        // Back with its session, or subscribed afresh to a broker that knows nothing of it.
        try #require(
            inbox.wait(seconds: 8) { $0.states.contains(.connected(sessionPresent: keepingSessions)) && $0.states.count >= 3 },
            "\(inbox.states) \(broker.log)")
        #expect(inbox.states.contains { if case .disconnected = $0 { true } else { false } })
        try Self.publish(broker, "bangtin/56/22333/alerts", Array("after restart".utf8))
        try #require(inbox.wait { !$0.messages.isEmpty }, "\(inbox.states) \(broker.log)")
        #expect(inbox.messages.map(\.payload) == [Array("after restart".utf8)])
    }

    @Test func aWrongPasswordIsRefusedAndTheRightOneWorks() throws {
        let broker = try Mosquitto(users: ["board-22333": "mật-khẩu-đúng"])
        defer { broker.stop() }

        var wrong = try MQTTOptions(url: broker.url, clientID: "board-22333", topics: ["bangtin/#"])
        wrong.username = "board-22333"
        wrong.password = "sai"
        let refusedInbox = Inbox()
        let refused = try MQTTSubscriber(options: wrong, onMessage: refusedInbox.add, onState: refusedInbox.add)
        try refused.start()
        try #require(
            refusedInbox.wait { $0.states.contains { if case .refused = $0 { true } else { false } } },
            "\(refusedInbox.states)")
        refused.stop()
        guard case .refused(let error) = refusedInbox.states.first else {
            Issue.record("first state \(refusedInbox.states)")
            return
        }
        #expect(error.kind == .refused)
        #expect(error.description.contains("127.0.0.1:\(broker.port)"))
        #expect(error.description.lowercased().contains("not authori") || error.description.contains("username or password"))
        #expect(!refusedInbox.states.contains { if case .connected = $0 { true } else { false } })

        let publisherError = #expect(throws: MQTTError.self) {
            _ = try MQTTPublisher(options: wrong, timeoutSeconds: 5)
        }
        #expect(publisherError?.kind == .refused)

        var right = wrong
        right.password = "mật-khẩu-đúng"
        let inbox = Inbox()
        let subscriber = try MQTTSubscriber(options: right, onMessage: inbox.add, onState: inbox.add)
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(inbox.wait { $0.states.contains(.connected(sessionPresent: false)) }, "\(inbox.states) \(broker.log)")
        var publisherOptions = right
        publisherOptions.clientID = "ops"
        publisherOptions.cleanSession = true
        let publisher = try MQTTPublisher(options: publisherOptions)
        defer { publisher.disconnect() }
        try publisher.publish(topic: "bangtin/56/22333/alerts", payload: [42])
        try #require(inbox.wait { !$0.messages.isEmpty })
        #expect(inbox.messages.first?.payload == [42])
    }

    @Test func anInvalidTopicFilterIsRefusedBeforeConnecting() throws {
        let options = MQTTOptions(host: "127.0.0.1", clientID: "board", topics: ["bangtin/#/alerts"])
        let error = #expect(throws: MQTTError.self) {
            _ = try MQTTSubscriber(options: options, onMessage: { _ in }, onState: { _ in })
        }
        #expect(error?.kind == .invalidOptions)
        #expect(error?.description.contains("bangtin/#/alerts") == true)
    }

    // MARK: - Broker URLs

    @Test func parsesBrokerURLs() throws {
        let plain = try MQTTOptions(url: "mqtt://broker.bangtin.vn:1884", clientID: "b1", topics: ["t"])
        #expect(plain.host == "broker.bangtin.vn")
        #expect(plain.port == 1884)
        #expect(!plain.tls)
        #expect(plain.clientID == "b1")
        #expect(plain.topics == ["t"])
        #expect(!plain.cleanSession)
        #expect(plain.keepAliveSeconds == 30)

        #expect(try MQTTOptions(url: "mqtt://10.0.0.5", clientID: "b").port == 1883)
        let secure = try MQTTOptions(url: "MQTTS://broker.bangtin.vn/", clientID: "b")
        #expect(secure.tls)
        #expect(secure.port == 8883)
        let ipv6 = try MQTTOptions(url: "mqtts://[::1]:8884", clientID: "b")
        #expect(ipv6.host == "::1")
        #expect(ipv6.port == 8884)
        #expect(MQTTOptions(host: "h", clientID: "b", caFile: "/ca.pem").tls)
    }

    @Test(arguments: [
        ("broker:1883", "no scheme"), ("http://broker", "not mqtt"), ("mqtt://", "no host"), ("mqtt://:1883", "no host"),
        ("mqtt://broker:0", "port"), ("mqtt://broker:99999", "port"), ("mqtt://broker:x", "port"),
        ("mqtt://broker:1883/alerts", "no path"), ("mqtt://user:pw@broker", "credentials"), ("mqtt://[::1", "unclosed"),
    ])
    func rejectsBadBrokerURLs(url: String, problem: String) {
        let error = #expect(throws: MQTTError.self) { _ = try MQTTOptions(url: url, clientID: "b") }
        #expect(error?.kind == .invalidOptions)
        #expect(error?.description.contains(url) == true)
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
    }

    // MARK: - Helpers

    /// Publishes with QoS 1 and waits for the broker's PUBACK.
    static func publish(_ broker: Mosquitto, _ topic: String, _ payload: [UInt8], retain: Bool = false) throws {
        var options = try MQTTOptions(url: broker.url, clientID: "ops-\(UUID().uuidString.prefix(8))")
        options.cleanSession = true
        let publisher = try MQTTPublisher(options: options, timeoutSeconds: 5)
        defer { publisher.disconnect() }
        try publisher.publish(topic: topic, payload: payload, qos: 1, retain: retain, timeoutSeconds: 5)
    }
}
