import BangtinContent
import BangtinCore
import BangtinTrust
import Crypto
import Foundation
import Logging
import Synchronization

/// Where the player's warnings arrive: every path (the alerts folder, polling, MQTT) hands it
/// envelopes; it verifies each against the warning keys (`WarningTrust`: never the content
/// keys), judges it (`WarningAuthority`: the signer's scope, freshness on the board's clock,
/// signed targeting), keeps what it takes in the inbox and on disk (so after a power cut it
/// shows again before anything else), and tells the frame loop when the set of active
/// warnings may have changed. Signed key lists arrive the same way and change which keys
/// verify.
final class AlertReceiver: Sendable {
    private struct State {
        var trust: WarningTrust
        var inbox: AlertInbox
        var changed = true
        /// The stored file of each message held, by sender and identifier.
        var files: [String: (sent: Instant, name: String)] = [:]
        /// The key id that signed each message held, by sender and identifier.
        var signers: [String: String] = [:]

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
            for key in signers.keys where held[key] == nil { signers[key] = nil }
            return stale
        }

        static func key(_ message: WarningMessage) -> String { message.sender + "\u{0}" + message.identifier }
    }

    private let state: Mutex<State>
    private let store: String?
    private let board: BoardArea
    private let clock: @Sendable () -> Instant
    private let logger: Logger

    /// A receiver for a board standing in `board`, judging times on `clock` (the player's
    /// clock, the one the scene is judged on), keeping what it accepts in `store` (a folder)
    /// and reading back what a previous run kept there.
    init(
        trust: WarningTrust, store: String?, board: BoardArea, freshness: WarningFreshness = WarningFreshness(),
        clock: @escaping @Sendable () -> Instant, logger: Logger
    ) {
        state = Mutex(State(trust: trust, inbox: AlertInbox(freshness: freshness)))
        self.store = store
        self.board = board
        self.clock = clock
        self.logger = logger
        guard let store else { return }
        try? FileManager.default.createDirectory(atPath: store, withIntermediateDirectories: true)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: store)) ?? []).filter { $0.hasSuffix(".env") }
        // Key lists first: the warnings kept may have been signed by keys they grant.
        for name in names.filter({ $0.hasPrefix("keys-") }).sorted() { restore(name, keyList: true) }
        for name in names.filter({ !$0.hasPrefix("keys-") }).sorted() { restore(name, keyList: false) }
    }

    private func restore(_ name: String, keyList: Bool) {
        guard let store else { return }
        let path = store + "/" + name
        guard let bytes = try? ContentFile.read(path, kind: .manifest) else {
            unlink(path)
            return
        }
        if keyList {
            do {
                let envelope = try SignedWarnings.envelope(bytes)
                try state.withLock { state throws(WarningRefusal) in _ = try state.trust.adopt(envelope) }
            } catch {
                logger.warning("alerts: \(path) no longer verifies (\(error)); removed")
                unlink(path)
            }
            return
        }
        let now = clock()
        let trust = state.withLock { $0.trust }
        let taken: (message: WarningMessage, signer: String)
        do {
            taken = try judged(bytes, trust: trust, now: now)
        } catch {
            logger.warning("alerts: \(path) is no longer taken (\(error)); removed")
            unlink(path)
            return
        }
        let stale = state.withLock { state in
            // What a later version replaced (or the same warning kept twice) goes.
            guard state.inbox.receive(taken.message) == .kept else { return [name] }
            state.signers[State.key(taken.message)] = taken.signer
            return state.filed(taken.message, as: name)
        }
        remove(stale)
    }

    /// Opens, verifies and judges a warning envelope.
    private func judged(_ bytes: [UInt8], trust: WarningTrust, now: Instant) throws(WarningRefusal) -> (
        message: WarningMessage, signer: String
    ) {
        let opened = try SignedWarnings.open(bytes, trust: trust)
        guard let signer = opened.signer else { throw .untrusted("no signer") }
        switch WarningAuthority.judge(opened.message, signer: signer, board: board, now: now, freshness: freshnessNow) {
        case .success(let message): return (message, signer.keyID)
        case .failure(let refusal): throw .outOfScope(refusal)
        }
    }

    private var freshnessNow: WarningFreshness { state.withLock { $0.inbox.freshness } }

    /// Takes an envelope that arrived by `path` ("folder …", "poll …", "mqtt …").
    func accept(_ bytes: [UInt8], via path: String) {
        let via = PrintableText.escaped(path)
        guard bytes.count <= Limits.alertBytes else {
            logger.error("alerts: \(via): \(bytes.count) bytes, over the \(Limits.alertBytes)-byte limit; not read")
            return
        }
        if let envelope = try? SignedWarnings.envelope(bytes), envelope.payloadType == WarningKeyList.payloadType {
            adoptKeyList(envelope, bytes: bytes, via: via)
            return
        }
        let trust = state.withLock { $0.trust }
        let taken: (message: WarningMessage, signer: String)
        do {
            taken = try judged(bytes, trust: trust, now: clock())
        } catch {
            logger.error("alerts: \(via): \(error); not shown")
            return
        }
        let message = taken.message
        let name = SHA256Hex.text(SHA256.hash(data: bytes)) + ".env"
        let (receipt, stale) = state.withLock { state in
            // A key list may have revoked the signer while this was verified outside the lock.
            guard state.trust.keys.contains(where: { $0.id == taken.signer }) else {
                return (AlertInbox.Receipt?.none, [String]())
            }
            let receipt = state.inbox.receive(message)
            guard receipt == .kept else { return (receipt, [String]()) }
            state.changed = true
            state.signers[State.key(message)] = taken.signer
            return (receipt, store == nil ? [] : state.filed(message, as: name))
        }
        let what = "\(message.kind.rawValue) \(PrintableText.escaped(message.identifier))"
        switch receipt {
        case nil:
            logger.error("alerts: \(via): \(what): key \(taken.signer) was revoked while it was read; not shown")
        case .kept:
            logger.notice(
                "alerts: \(via): \(what) from \(PrintableText.escaped(message.sender)) signed by key \(taken.signer) taken")
            persist(bytes, as: name)
            remove(stale)
        case .duplicate:
            logger.debug("alerts: \(via): \(what) again (already held)")
        case .replay(let held):
            logger.warning(
                "alerts: \(via): \(what) sent \(ISO8601.format(message.sent)) is older than the one held (sent \(ISO8601.format(held))): a replay, ignored"
            )
        }
    }

    /// Takes a signed key list; warnings held from keys it no longer trusts are dropped.
    private func adoptKeyList(_ envelope: SignedEnvelope, bytes: [UInt8], via: String) {
        let result = state.withLock { state -> Result<(WarningTrust.Adoption, [String], [String]), WarningRefusal> in
            do {
                let adoption = try state.trust.adopt(envelope)
                guard case .taken = adoption else { return .success((adoption, [], [])) }
                let live = Set(state.trust.keys.map(\.id))
                let dropped = state.inbox.messages.filter { state.signers[State.key($0)].map { !live.contains($0) } ?? false }
                if !dropped.isEmpty {
                    state.inbox.remove { message in dropped.contains { State.key($0) == State.key(message) } }
                    state.changed = true
                }
                return .success((adoption, dropped.map { PrintableText.escaped($0.identifier) }, state.filed(nil, as: nil)))
            } catch let refusal as WarningRefusal {
                return .failure(refusal)
            } catch {
                return .failure(.unreadable("\(error)"))
            }
        }
        switch result {
        case .failure(let refusal):
            logger.error("alerts: \(via): \(refusal); the keys trusted are unchanged")
        case .success((.duplicate, _, _)):
            logger.debug("alerts: \(via): the same key list again")
        case .success((.taken(let version, let signer), let dropped, let stale)):
            let withdrawn =
                dropped.isEmpty ? "" : "; warnings of keys no longer trusted withdrawn: \(dropped.joined(separator: ", "))"
            logger.notice("alerts: \(via): key list version \(version) from key \(signer) taken\(withdrawn)")
            persist(bytes, as: "keys-\(signer).env")
            remove(stale)
        }
    }

    /// The warnings active for the board at `instant` if the inbox changed since the last
    /// call, or if `instant` reached a time when the set changes by itself (`due`); nil
    /// otherwise.
    func activeIfChanged(at instant: Instant, showTests: Bool, due: Bool) -> (alerts: [Alert], next: Instant?)? {
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
                state.inbox.active(board: board, at: instant, showExercises: showTests), state.inbox.nextChange(after: instant)
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
