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
        /// The stored file of each message held, by sender and identifier.
        var files: [String: (sent: Instant, name: String)] = [:]

        /// Records `name` as the file of `message` (just kept) and returns the files no
        /// message held needs any more: a replaced version, or what the inbox pruned.
        mutating func filed(_ message: WarningMessage?, as name: String?) -> [String] {
            var stale: [String] = []
            if let message, let name {
                if let replaced = files.updateValue((message.sent, name), forKey: Self.key(message)), replaced.name != name {
                    stale.append(replaced.name)
                }
            }
            let held = Dictionary(inbox.messages.map { (Self.key($0), $0.sent) }, uniquingKeysWith: max)
            for (key, file) in files where held[key] != file.sent {
                files[key] = nil
                stale.append(file.name)
            }
            return stale
        }

        static func key(_ message: WarningMessage) -> String { message.sender + "\u{0}" + message.identifier }
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
            let stale = state.withLock { state in
                // What a later version replaced (or the same warning kept twice) goes.
                state.inbox.receive(opened.message) == .kept ? state.filed(opened.message, as: name) : [name]
            }
            remove(stale)
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
        let name = SHA256Hex.text(SHA256.hash(data: bytes)) + ".env"
        let (receipt, stale) = state.withLock { state in
            let receipt = state.inbox.receive(message)
            guard receipt == .kept else { return (receipt, [String]()) }
            state.changed = true
            return (receipt, store == nil ? [] : state.filed(message, as: name))
        }
        switch receipt {
        case .kept:
            logger.notice(
                "alerts: \(path): \(message.kind.rawValue) \(message.identifier) from \(message.sender) (key id \(opened.signedBy ?? "?")) taken"
            )
            persist(bytes, as: name)
            remove(stale)
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
            let before = state.inbox.messages.count
            state.inbox.prune(at: instant)
            if state.inbox.messages.count != before, store != nil {
                // Off the frame loop: the files of what the inbox let go.
                let stale = state.filed(nil, as: nil)
                DispatchQueue.global(qos: .utility).async { self.remove(stale) }
            }
            return (
                state.inbox.active(board: area, at: instant, showExercises: showTests), state.inbox.nextChange(after: instant)
            )
        }
    }

    /// Deletes stored files no message held needs any more.
    private func remove(_ names: [String]) {
        guard let store else { return }
        for name in names where unlink(store + "/" + name) == 0 {
            logger.debug("alerts: \(name) is no longer needed; removed from the store")
        }
    }

    private func persist(_ bytes: [UInt8], as name: String) {
        guard let store else { return }
        do {
            try OutputFile.write(bytes, to: store + "/" + name)
        } catch {
            logger.error("alerts: cannot keep a warning across power cuts: \(error)")
        }
    }
}
