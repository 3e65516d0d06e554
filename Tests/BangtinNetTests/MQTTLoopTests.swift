import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinNet

/// The subscriber's own network loop: reconnection with backoff, and a stop that does not wait
/// for the end of a reconnect delay.
@Suite struct MQTTLoopTests {
    @Test func stopReturnsAtOnceWhileWaitingToReconnect() throws {
        let port = try Loopback.freePort()
        let inbox = Inbox()
        // A minute before the next attempt: libmosquitto's loop_forever would sleep through it.
        let options = MQTTOptions(
            host: "127.0.0.1", port: port, clientID: "board-stop", topics: ["bangtin/#"], reconnectDelaySeconds: 60,
            reconnectDelayMaxSeconds: 60)
        let subscriber = try MQTTSubscriber(options: options, onMessage: inbox.add, onState: inbox.add)
        try subscriber.start()
        try #require(inbox.wait { !$0.states.isEmpty })
        let clock = ContinuousClock()
        let took = clock.measure { subscriber.stop() }
        #expect(took < .seconds(1), "stop took \(took)")
        #expect(inbox.states.count == 1, "\(inbox.states)")
    }

    @Test func stopReturnsAtOnceWhenConnected() throws {
        let broker = try Mosquitto()
        defer { broker.stop() }
        let inbox = Inbox()
        let subscriber = try inbox.subscriber(broker, clientID: "board-connected", topics: ["bangtin/#"])
        try subscriber.start()
        try #require(inbox.wait { $0.states.contains(.connected(sessionPresent: false)) }, "\(inbox.states)")
        let took = ContinuousClock().measure { subscriber.stop() }
        #expect(took < .seconds(1), "stop took \(took)")
        // Stopped: a restart of the client connects again, with the session kept.
        try subscriber.start()
        defer { subscriber.stop() }
        try #require(inbox.wait { $0.states.contains(.connected(sessionPresent: true)) }, "\(inbox.states)")
    }

    @Test func aBrokerThatComesLateIsReachedAfterTheBackoff() throws {
        let port = try Loopback.freePort()
        let inbox = Inbox()
        let options = MQTTOptions(host: "127.0.0.1", port: port, clientID: "board-late-broker", topics: ["bangtin/56/#"])
        let subscriber = try MQTTSubscriber(options: options, onMessage: inbox.add, onState: inbox.add)
        try subscriber.start()
        defer { subscriber.stop() }
        // Several failed attempts first (0.5–1 s, then 1–2 s apart).
        try #require(inbox.wait(seconds: 5) { $0.states.count >= 2 }, "\(inbox.states)")
        for state in inbox.states {
            guard case .disconnected(let error) = state else {
                Issue.record("\(state) before the broker is up")
                continue
            }
            #expect(error.kind == .couldNotConnect)
            #expect(error.description.contains("127.0.0.1:\(port)"))
        }

        let broker = try Mosquitto(port: port)
        defer { broker.stop() }
        // The next attempt is at most 4 s away (the third step of the backoff).
        try #require(
            inbox.wait(seconds: 6) { $0.states.contains(.connected(sessionPresent: false)) }, "\(inbox.states) \(broker.log)")
        try MQTTTests.publish(broker, "bangtin/56/alerts", [9])
        try #require(inbox.wait { !$0.messages.isEmpty })
        #expect(inbox.messages.map(\.payload) == [[9]])
    }

    @Test func theBackoffDoublesUpToItsCapWithHalfOfEachStepAtRandom() {
        let backoff = ReconnectBackoff(base: .seconds(1), cap: .seconds(60))
        #expect(backoff.delay(attempt: 0, random: 0) == .milliseconds(500))
        #expect(backoff.delay(attempt: 0, random: 1) == .seconds(1))
        #expect(backoff.delay(attempt: 1, random: 0.5) == .milliseconds(1500))
        #expect(backoff.delay(attempt: 5, random: 1) == .seconds(32))
        #expect(backoff.delay(attempt: 6, random: 1) == .seconds(60))
        #expect(backoff.delay(attempt: 1_000, random: 0) == .seconds(30))
        #expect(backoff.delay(attempt: -3, random: 7) == .seconds(1))
    }
}
