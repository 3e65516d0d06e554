import BangtinContent
import BangtinCore

/// The keys a board trusts for warnings, apart from its content keys: the anchors configured
/// in `alerts.trust` (each with a scope), and the keys granted by signed key lists from
/// anchors that certify (docs/alerts.md, "Who may issue a warning").
public struct WarningTrust: Sendable {
    /// The configured keys, each with its scope.
    public let anchors: [TrustedKey]
    /// The newest list taken from each certifying anchor, by the anchor's key id.
    public private(set) var lists: [String: WarningKeyList] = [:]

    /// Trusts `anchors`; each must have a scope.
    /// - Throws: `KeyError` naming a key without one.
    public init(anchors: [TrustedKey]) throws(KeyError) {
        for key in anchors where key.scope == nil {
            throw KeyError(
                file: key.name,
                reason:
                    "has no warning scope: a key that signs warnings needs one (its .pub file's \"scope senders=… areas=…\" line, from `bangtin keygen --sender … --area …`, or senders and areas in alerts.trust)"
            )
        }
        guard !anchors.isEmpty else { throw KeyError(file: "alerts.trust", reason: "no warning key to trust was given") }
        self.anchors = anchors
    }

    /// Reads `.pub` files that carry their scope (`alert check --trust`).
    /// - Throws: `KeyError` for a missing or malformed file, or one without a scope.
    public init(files: [String]) throws(KeyError) {
        try self.init(anchors: try TrustStore(files: files).keys)
    }

    /// The keys `alerts.trust` names, each with the scope the configuration gives or else its
    /// file's.
    /// - Throws: `KeyError` for a missing or malformed file, or a key with no scope.
    public init(configured entries: [WarningKeyFile]) throws(KeyError) {
        var anchors: [TrustedKey] = []
        for entry in entries {
            var key = try TrustStore(files: [entry.path]).keys[0]
            if let scope = entry.scope { key.scope = scope }
            if key.scope == nil {
                throw KeyError(
                    file: entry.path,
                    reason:
                        "has no warning scope: give senders and areas in alerts.trust, or make the key with `bangtin keygen --sender … --area …`"
                )
            }
            anchors.append(key)
        }
        try self.init(anchors: anchors)
    }

    /// Key ids no key may verify with: revoked by a list from an anchor whose scope encloses
    /// the revoked key's (a province cannot revoke the country's key).
    public var revoked: Set<String> {
        var revoked = Set<String>()
        for (signer, list) in lists {
            guard let scope = anchors.first(where: { $0.id == signer })?.scope else { continue }
            for id in list.revoked {
                let target = (anchors.first { $0.id == id }?.scope) ?? granted(by: lists.keys).first { $0.id == id }?.scope
                if target.map(scope.encloses) ?? true { revoked.insert(id) }
            }
        }
        return revoked
    }

    /// Every key that verifies warnings now: the anchors and what their lists grant, less the
    /// revoked ones. A revoked anchor's list grants nothing.
    public var keys: [TrustedKey] {
        let revoked = revoked
        let live = anchors.filter { !revoked.contains($0.id) }
        return live + granted(by: live.map(\.id)).filter { !revoked.contains($0.id) }
    }

    /// The keys the lists of `signers` grant, in the order of the signers' key ids.
    private func granted(by signers: some Sequence<String>) -> [TrustedKey] {
        signers.sorted().compactMap { lists[$0] }.flatMap { list in
            list.keys.map { TrustedKey(raw: $0.raw, name: $0.name, scope: $0.scope) }
        }
    }

    /// The key that made a valid signature on `envelope`, of those trusted now; nil when none
    /// did (unsigned, another key, a revoked key, or altered).
    public func signer(of envelope: SignedEnvelope) -> TrustedKey? {
        TrustStore.signer(of: envelope, among: keys)
    }

    /// What adopting a list did.
    public enum Adoption: Hashable, Sendable {
        /// Newer than what the signer had: taken.
        case taken(version: Int, signer: String)
        /// The same version again.
        case duplicate
    }

    /// Takes a signed key list.
    /// - Throws: `WarningRefusal` naming why: no certifying anchor signed it, it grants a key
    ///   outside the signer's scope, or it is older than the list held (a rollback).
    @discardableResult
    public mutating func adopt(_ envelope: SignedEnvelope) throws(WarningRefusal) -> Adoption {
        let revoked = revoked
        let certifying = anchors.filter { $0.scope?.certifies == true && !revoked.contains($0.id) }
        guard let signer = TrustStore.signer(of: envelope, among: certifying) else {
            throw .untrusted(
                "key list refused: no valid signature by a trusted key that certifies (signed with key id \(envelope.signatures.map { PrintableText.escaped($0.keyID) }.joined(separator: ", ")))"
            )
        }
        let (decoded, problems) = WarningKeyList.decode(envelope.payload)
        guard let list = decoded else { throw .invalid(problems) }
        let scope = signer.scope!
        for entry in list.keys where !scope.encloses(entry.scope) {
            throw .untrusted(
                "key list refused: it grants \(PrintableText.escaped(entry.name)) (\(entry.scope.text)), outside the scope of its signer \(signer.id) (\(scope.text))"
            )
        }
        if let held = lists[signer.id] {
            if list.version == held.version {
                guard list == held else {
                    throw .untrusted(
                        "key list refused: version \(list.version) from \(signer.id) was already taken with other keys")
                }
                return .duplicate
            }
            guard list.version > held.version else {
                throw .untrusted(
                    "key list refused: version \(list.version) from \(signer.id) is older than version \(held.version) already taken (rollback)"
                )
            }
        }
        lists[signer.id] = list
        return .taken(version: list.version, signer: signer.id)
    }
}
