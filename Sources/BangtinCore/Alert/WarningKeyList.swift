import Foundation

/// A signed list of warning keys: how a province (or the country) adds, rotates and revokes
/// the keys that may sign warnings under it without touching every board's configuration
/// (docs/alerts.md, "Key lists").
///
/// It is signed by a key the board trusts in `alerts.trust` whose scope `certifies`; every key
/// it lists must lie inside that scope and may not certify in turn (one level, no chains). The
/// newest version from a signer replaces the one before, so a key left out is no longer
/// trusted; `revoked` names key ids no list may bring back (a key stolen from a laptop).
public struct WarningKeyList: Hashable, Sendable {
    /// The envelope's payload type.
    public static let payloadType = "application/vnd.bangtin.alert-keys+json"

    /// One key the list grants.
    public struct Entry: Hashable, Sendable {
        /// The Ed25519 public key's 32 bytes.
        public var raw: [UInt8]
        /// A name for people.
        public var name: String
        /// What it may sign.
        public var scope: WarningScope

        /// Creates an entry.
        public init(raw: [UInt8], name: String, scope: WarningScope) {
            self.raw = raw
            self.name = name
            self.scope = scope
        }
    }

    /// Higher than every earlier list by the same signer.
    public var version: Int
    /// When it was signed.
    public var signedAt: Instant
    /// The keys granted.
    public var keys: [Entry]
    /// Key ids (16 hex digits) that no longer verify anything, whoever lists them.
    public var revoked: [String]

    /// Creates a list.
    public init(version: Int, signedAt: Instant, keys: [Entry], revoked: [String] = []) {
        self.version = version
        self.signedAt = signedAt
        self.keys = keys
        self.revoked = revoked
    }

    /// Decodes a key list, naming every problem by JSON path.
    public static func decode(_ bytes: [UInt8]) -> (list: WarningKeyList?, problems: [Problem]) {
        var problems: [Problem] = []
        guard bytes.count <= Limits.alertBytes else {
            return (nil, [Problem(path: "", message: "is \(bytes.count) bytes, over \(Limits.alertBytes)")])
        }
        guard var top = ObjectReader.document(bytes, problems: &problems) else { return (nil, problems) }
        let version = top.integer("version", required: true, in: 1...Limits.manifestVersion, problems: &problems)
        let signedAtText = top.string("signedAt", required: true, maxCharacters: 40, problems: &problems)
        var signedAt: Instant?
        if let signedAtText {
            if let parsed = try? ISO8601.parse(signedAtText), parsed.utcOffsetSeconds != nil {
                signedAt = ISO8601.instant(parsed) { _ in 0 }
            } else {
                problems.append(Problem(path: "signedAt", message: "must be an ISO 8601 instant with an offset"))
            }
        }
        var keys: [Entry] = []
        for (index, node) in (top.array("keys", required: true, maxCount: 1_000, problems: &problems) ?? []).enumerated() {
            let path = JSONPath.element("keys", index)
            guard var entry = ObjectReader(node, path: path, problems: &problems) else { continue }
            let key = entry.string("publicKey", required: true, maxCharacters: 100, problems: &problems)
            let name = entry.string("name", required: true, maxCharacters: 200, problems: &problems) ?? ""
            let senders = strings(&entry, "senders", path: path, &problems)
            let areas = strings(&entry, "areas", path: path, &problems)
            let certifies = entry.bool("certifies", problems: &problems) ?? false
            entry.reportUnknownKeys(problems: &problems)
            if certifies {
                problems.append(
                    Problem(path: JSONPath.member(path, "certifies"), message: "a listed key may not certify others"))
            }
            let raw = key.flatMap { Data(base64Encoded: $0) }
            if key != nil, raw?.count != 32 {
                problems.append(
                    Problem(path: JSONPath.member(path, "publicKey"), message: "must be the base64 of a 32-byte Ed25519 key"))
            }
            let scope = WarningScope(senders: senders, areas: areas)
            if let problem = scope.problem(path: path) {
                problems.append(problem)
            } else if senders.isEmpty || areas.isEmpty {
                problems.append(Problem(path: path, message: "needs at least one sender and one area"))
            }
            if let raw, raw.count == 32 { keys.append(Entry(raw: Array(raw), name: name, scope: scope)) }
        }
        var revoked: [String] = []
        for (index, node) in (top.array("revoked", maxCount: 1_000, problems: &problems) ?? []).enumerated() {
            guard case .string(let id) = node.value, id.count == 16, id.allSatisfy({ $0.isHexDigit && !$0.isUppercase })
            else {
                problems.append(
                    Problem(path: JSONPath.element("revoked", index), message: "must be a key id: 16 lowercase hex digits"))
                continue
            }
            revoked.append(id)
        }
        top.reportUnknownKeys(problems: &problems)
        guard problems.isEmpty, let version, let signedAt else { return (nil, problems) }
        return (WarningKeyList(version: version, signedAt: signedAt, keys: keys, revoked: revoked), [])
    }

    private static func strings(
        _ reader: inout ObjectReader, _ key: String, path: String, _ problems: inout [Problem]
    ) -> [String] {
        var values: [String] = []
        for (index, node) in (reader.array(key, required: true, maxCount: 5_000, problems: &problems) ?? []).enumerated() {
            guard case .string(let value) = node.value else {
                problems.append(Problem(path: JSONPath.element(JSONPath.member(path, key), index), message: "must be a string"))
                continue
            }
            values.append(value)
        }
        return values
    }
}
