import BangtinNet
import BangtinTestSupport
import Foundation
import Synchronization

/// What a subscriber received, collected from libmosquitto's thread.
final class Inbox: Sendable {
    struct Contents {
        var messages: [MQTTMessage] = []
        var states: [MQTTState] = []

        /// The refusals reported, in order.
        var refusals: [MQTTError] { states.compactMap { if case .refused(let error) = $0 { error } else { nil } } }
    }

    private let contents = Mutex(Contents())

    var messages: [MQTTMessage] { contents.withLock { $0.messages } }
    var states: [MQTTState] { contents.withLock { $0.states } }
    var refusals: [MQTTError] { contents.withLock { $0.refusals } }

    @Sendable func add(_ message: MQTTMessage) { contents.withLock { $0.messages.append(message) } }
    @Sendable func add(_ state: MQTTState) { contents.withLock { $0.states.append(state) } }

    /// A subscriber of `topics` on `broker` reporting here, with a 1 s first reconnect delay.
    func subscriber(_ broker: Mosquitto, clientID: String, topics: [String]) throws -> MQTTSubscriber {
        let options = try MQTTOptions(url: broker.url, clientID: clientID, topics: topics)
        return try MQTTSubscriber(options: options, onMessage: add, onState: add)
    }

    /// Waits until `condition` holds of the contents or `seconds` pass; returns whether it held.
    func wait(seconds: Double = 5, until condition: (Contents) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if contents.withLock({ condition($0) }) { return true }
            usleep(2_000)
        }
        return contents.withLock { condition($0) }
    }
}
