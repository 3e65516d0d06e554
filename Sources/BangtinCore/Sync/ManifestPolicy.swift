/// What a board does with a manifest whose signature it already trusts: the rules against
/// rollback, frozen servers and reused version numbers (docs/protocol.md). Pure.
public enum ManifestPolicy {
    /// The outcome for one offered manifest.
    public enum Verdict: Hashable, Sendable {
        /// A newer version: fetch what is missing, then activate it.
        case install
        /// The version the board already accepted; `stale` when it has expired.
        case current(stale: Bool)
        /// Refused, and why; the board keeps what it has.
        case refused(SyncRefusal)
    }

    /// Judges `offered` against the board's bundle and the newest manifest it has accepted of
    /// that bundle, at the board's best idea of the time (`TrustedTime.corrected`).
    public static func judge(_ offered: Manifest, bundle: String, accepted: Manifest?, now: Instant) -> Verdict {
        guard offered.bundle == bundle else { return .refused(.wrongBundle(offered: offered.bundle, expected: bundle)) }
        if let accepted, accepted.bundle == bundle {
            if offered.version < accepted.version {
                return .refused(.rollback(offered: offered.version, accepted: accepted.version))
            }
            if offered.version == accepted.version {
                guard offered.files == accepted.files else { return .refused(.versionReused(offered.version)) }
                return .current(stale: offered.isExpired(at: now))
            }
        }
        if offered.isExpired(at: now) {
            return .refused(.expired(version: offered.version, expires: offered.expires, now: now))
        }
        return .install
    }
}

/// Why a board refused an update. Each reads as a sentence a person can act on; the board goes
/// on playing what it had. What came from the source (key ids, types, paths, reasons quoting
/// it) is printed through `PrintableText.escaped`.
public enum SyncRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// The manifest is not a readable signed envelope.
    case unreadable(String)
    /// No signature by any trusted key (unsigned, wrong key, or altered after signing).
    case untrusted(keyIDs: [String], trusted: [String])
    /// The envelope holds something other than a manifest.
    case wrongType(String)
    /// The manifest's JSON is wrong (every problem).
    case badManifest([Problem])
    /// A manifest of another bundle (another commune's, signed by the same province key).
    case wrongBundle(offered: String, expected: String)
    /// Older than the newest version accepted.
    case rollback(offered: Int, accepted: Int)
    /// The same version number with different files.
    case versionReused(Int)
    /// A new version already past its expiry: a frozen server or mirror.
    case expired(version: Int, expires: Instant, now: Instant)
    /// A file's bytes do not match the manifest.
    case fileMismatch(path: String, reason: String)
    /// A file on a folder source is not a plain file inside the source.
    case unsafeSource(path: String, reason: String)
    /// The version does not fit the cache's budget or the disk's free space.
    case noRoom(String)

    public var description: String {
        switch self {
        case .unreadable(let reason): return "manifest refused: \(PrintableText.escaped(reason, limit: 1_000))"
        case .untrusted(let keyIDs, let trusted):
            let shown = keyIDs.prefix(8).map { PrintableText.escaped($0, limit: 64) } + (keyIDs.count > 8 ? ["…"] : [])
            let offered = keyIDs.isEmpty ? "no key id" : "key id \(shown.joined(separator: ", "))"
            return
                "manifest refused: no valid signature by a trusted key (signed with \(offered); trusted: \(trusted.joined(separator: ", "))); it is unsigned, signed by another key, or altered"
        case .wrongType(let type):
            return "manifest refused: the envelope holds \"\(PrintableText.escaped(type, limit: 100))\", not a bundle manifest"
        case .badManifest(let problems):
            return "manifest refused: " + problems.prefix(5).map(\.description).joined(separator: "; ")
        case .wrongBundle(let offered, let expected):
            return
                "manifest refused: it is for bundle \"\(PrintableText.escaped(offered, limit: 100))\", this board plays \"\(expected)\""
        case .rollback(let offered, let accepted):
            return "manifest refused: version \(offered) is older than version \(accepted) already accepted (rollback)"
        case .versionReused(let version):
            return "manifest refused: version \(version) was already accepted with other files (a version number is never reused)"
        case .expired(let version, let expires, let now):
            return
                "manifest refused: version \(version) expired at \(ISO8601.format(expires)) (board time \(ISO8601.format(now))): the source is stale or frozen"
        case .fileMismatch(let path, let reason):
            return "file refused: \(PrintableText.escaped(path)): \(PrintableText.escaped(reason, limit: 1_000))"
        case .unsafeSource(let path, let reason):
            return "source refused: \(PrintableText.escaped(path)): \(PrintableText.escaped(reason, limit: 1_000))"
        case .noRoom(let reason): return "version refused: \(reason)"
        }
    }
}
