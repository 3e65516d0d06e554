import BangtinNet
import BangtinTestSupport
import Foundation
import Synchronization
import Testing

/// A message over `MQTTOptions.maximumPayloadBytes` never reaches Swift memory: over MQTT 5 the
/// broker does not send it (CONNECT's Maximum Packet Size); over MQTT 3.1.1 the client drops it
/// in libmosquitto's callback, counts it and says so. What follows it still arrives.
@Suite(.serialized) struct MQTTPayloadLimitTests {
    static let topic = "bangtin/56/alerts"

    /// Subscribes with a 1,000-byte limit over `version`, then publishes 100,000 bytes (past the
    /// 64 KiB left for headers; retained or not) and 10 bytes after it.
    func deliver(_ version: MQTTVersion, retain: Bool) throws -> (inbox: Inbox, drops: [MQTTDrop], counted: Int, log: String) {
        let broker = try Mosquitto()
        defer { broker.stop() }
        var options = try MQTTOptions(url: broker.url, clientID: "board-limit", topics: [Self.topic])
        options.version = version
        options.maximumPayloadBytes = 1_000
        let inbox = Inbox()
        let drops = Mutex<[MQTTDrop]>([])
        if retain {
            try MQTTTests.publish(broker, Self.topic, [UInt8](repeating: 0x41, count: 100_000), retain: true)
        }
        let subscriber = try MQTTSubscriber(
            options: options, onMessage: inbox.add, onState: inbox.add, onDrop: { drop in drops.withLock { $0.append(drop) } })
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(inbox.wait { $0.states.contains(.connected(sessionPresent: false)) }, "\(inbox.states) \(broker.log)")
        if !retain { try MQTTTests.publish(broker, Self.topic, [UInt8](repeating: 0x42, count: 100_000)) }
        try MQTTTests.publish(broker, Self.topic, Array("small".utf8) + [UInt8](repeating: 0x20, count: 5))
        try #require(inbox.wait { !$0.messages.isEmpty }, "\(inbox.states) \(broker.log)")
        usleep(200_000)
        return (inbox, drops.withLock { $0 }, subscriber.droppedMessages, broker.log)
    }

    @Test(arguments: [false, true])
    func overMQTT5TheBrokerSendsNothingTooLarge(retain: Bool) throws {
        let (inbox, drops, counted, log) = try deliver(.v5, retain: retain)
        #expect(inbox.messages.map(\.payload.count) == [10], "\(log)")
        #expect(drops.isEmpty && counted == 0, "the broker dropped it, not the client: \(drops)")
    }

    @Test(arguments: [false, true])
    func overMQTT311TheClientDropsItUnreadAndSaysSo(retain: Bool) throws {
        let (inbox, drops, counted, _) = try deliver(.v311, retain: retain)
        #expect(inbox.messages.map(\.payload.count) == [10])
        #expect(counted == 1)
        #expect(drops == [MQTTDrop(topic: Self.topic, bytes: 100_000, limit: 1_000, total: 1)])
        #expect(
            drops.first?.description
                == "dropped a 100000-byte message on bangtin/56/alerts: over the 1000-byte limit (1 dropped so far)")
    }

    @Test func theDefaultLimitIsTheLargestWarning() {
        #expect(MQTTOptions(host: "h", clientID: "b").maximumPayloadBytes == 2 << 20)
        #expect(MQTTOptions(host: "h", clientID: "b").version == .v5)
    }
}
