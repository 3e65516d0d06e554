import BangtinContent
import BangtinCore
import BangtinTrust
import Crypto
import Foundation
import Logging
import Synchronization

/// Where the player's warnings arrive: every path (the alerts folder, polling, later MQTT)
/// hands it envelopes; it verifies each against the trust store, keeps the new ones in the
/// inbox and on disk (so after a power cut they show again before anything else), and tells
/// the frame loop when the set of active warnings may have changed.
final class AlertReceiver: Sendable {
    private struct State {
        var inbox = AlertInbox()
        var changed = true
    }

    private let state = Mutex(State())
    private let trust: TrustStore
    private let store: String?
    private let logger: Logger

    /// A receiver keeping what it accepts in `store` (a folder), and reading back what a
    /// previous run kept there.
    init(trust: TrustStore, store: String?, logger: Logger) {
        self.trust = trust
        self.store = store
        self.logger = logger
        guard let store else { return }
        try? FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []).sorted()
        where name.hasSuffix(".env") {
            let path = store + "/" + name
            guard let bytes = try? ContentFile.read(path, kind: .manifest),
                let opened = try? SignedWarnings.open(bytes, trust: trust)
            else {
                logger.warning("alerts: \(path) no longer verifies (a key rotated out?); removed")
                unlink(path)
                continue
            }
            _ = state.withLock { $0.inbox.receive(opened.message) }
        }
    }

    /// Takes an envelope that arrived by `path` ("folder …", "poll …", "mqtt …").
    func accept(_ bytes: [UInt8], via path: String) {
        let opened: SignedWarnings.Opened
        do {
            opened = try SignedWarnings.open(bytes, trust: trust)
        } catch {
            logger.error("alerts: \(path): \(error); not shown")
            return
        }
        let message = opened.message
        let receipt = state.withLock { state in
            let receipt = state.inbox.receive(message)
            if receipt == .kept { state.changed = true }
            return receipt
        }
        switch receipt {
        case .kept:
            logger.notice(
                "alerts: \(path): \(message.kind.rawValue) \(message.identifier) from \(message.sender) (key id \(opened.signedBy ?? "?")) taken"
            )
            persist(bytes)
        case .duplicate:
            logger.debug("alerts: \(path): \(message.identifier) again (already held)")
        case .replay(let held):
            logger.warning(
                "alerts: \(path): \(message.identifier) sent \(ISO8601.format(message.sent)) is older than the one held (sent \(ISO8601.format(held))): a replay, ignored"
            )
        }
    }

    /// The warnings active for `area` at `instant` if the inbox changed since the last call, or
    /// if `instant` reached a time when the set changes by itself (`due`); nil otherwise.
    func activeIfChanged(area: BoardArea, at instant: Instant, showTests: Bool, due: Bool) -> (
        alerts: [Alert], next: Instant?
    )? {
        state.withLock { state in
            guard state.changed || due else { return nil }
            state.changed = false
            state.inbox.prune(at: instant)
            return (
                state.inbox.active(board: area, at: instant, showExercises: showTests), state.inbox.nextChange(after: instant)
            )
        }
    }

    private func persist(_ bytes: [UInt8]) {
        guard let store else { return }
        let name = SHA256Hex.text(SHA256.hash(data: bytes)) + ".env"
        do {
            try OutputFile.write(bytes, to: store + "/" + name)
        } catch {
            logger.error("alerts: cannot keep a warning across power cuts: \(error)")
        }
    }
}
