import BangtinNet
import BangtinTrust
import Foundation
import Synchronization

/// The retained messages a broker holds under a warning's id (`bangtin/+/alerts/<id>`), for
/// `alert publish` to replace them all with an Update or a Cancel, for as long as they had left.
enum RetainedCopies {
    /// Subscribes with `options` (another client id) and collects what the broker sends from its
    /// retained store until `quietSeconds` pass with nothing new.
    /// - Throws: `MQTTError` when the broker refuses or cannot be reached in `timeoutSeconds`.
    static func find(
        _ options: MQTTOptions, id: String, quietSeconds: Double = 1, timeoutSeconds: Double = 30
    ) throws -> [WarningPublication.RetainedCopy] {
        var options = options
        options.clientID += "-look"
        options.topics = ["bangtin/+/alerts/\(id)"]
        let seen = Mutex(Seen())
        let subscriber = try MQTTSubscriber(
            options: options,
            onMessage: { message in
                guard message.retained, !message.payload.isEmpty else { return }
                let copy = WarningPublication.RetainedCopy(topic: message.topic, expirySeconds: message.expirySeconds)
                seen.withLock {
                    $0.copies.append(copy)
                    $0.lastEvent = .now
                }
            },
            onState: { state in
                seen.withLock { seen in
                    switch state {
                    case .connected: seen.lastEvent = .now
                    case .refused(let error), .disconnected(let error): seen.problem = error
                    }
                }
            })
        try subscriber.start()
        defer { subscriber.stop() }
        let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
        while true {
            let (last, problem, copies) = seen.withLock { ($0.lastEvent, $0.problem, $0.copies) }
            if let last, ContinuousClock.now - last >= .seconds(quietSeconds) { return copies }
            if ContinuousClock.now >= deadline {
                throw problem ?? MQTTError(broker: options.host, message: "no answer in \(timeoutSeconds) s", kind: .timedOut)
            }
            usleep(20_000)
        }
    }

    private struct Seen {
        var copies: [WarningPublication.RetainedCopy] = []
        /// When the connection was accepted or the last copy came.
        var lastEvent: ContinuousClock.Instant?
        var problem: MQTTError?
    }
}
