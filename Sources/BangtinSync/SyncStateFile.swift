import BangtinContent
import BangtinCore

/// What a board remembers between syncs besides its versions: the manifest's ETag (for 304s)
/// and the trusted time. Written whole by rename; lost or unreadable, it costs one full
/// manifest request and nothing else.
struct SyncStateFile {
    struct Memory {
        var etag: String?
        var trustedTime = TrustedTime()
        /// The newest version accepted, as a plain number: the rollback floor still holds when
        /// the key that signed it is no longer trusted (a key rotation).
        var floor: (bundle: String, version: Int)?
    }

    let path: String

    /// What was saved: the ETag, and the trusted time with the correction found (so a restart
    /// without network keeps it, and a poll answered 304 does not lose it).
    func load() -> Memory {
        var memory = Memory()
        guard let bytes = try? ContentFile.read(path, kind: .configuration),
            case .object(let members)? = (try? JSONParser.parse(bytes))?.value
        else { return memory }
        var latest: Instant?
        var behind: Int64 = 0
        for (key, node) in members {
            switch (key, node.value) {
            case ("etag", .string(let etag)): memory.etag = etag
            case ("trustedTime", .string(let text)):
                if let parsed = try? ISO8601.parse(text) { latest = ISO8601.instant(parsed) { _ in 0 } }
            case ("clockBehindNanoseconds", .number(let value)) where value >= 0 && value < 1e18: behind = Int64(value)
            case ("floor", .object(let fields)):
                if case .string(let bundle)? = fields.first(where: { $0.key == "bundle" })?.value.value,
                    case .number(let version)? = fields.first(where: { $0.key == "version" })?.value.value,
                    version >= 1, version < 1e15
                {
                    memory.floor = (bundle, Int(version))
                }
            default: break
            }
        }
        memory.trustedTime = TrustedTime(latest: latest, behindNanoseconds: behind)
        return memory
    }

    func save(_ memory: Memory) {
        var members: [String] = []
        if let etag = memory.etag { members.append("\"etag\": \(JSONText.quoted(etag))") }
        if let latest = memory.trustedTime.latest { members.append("\"trustedTime\": \"\(ISO8601.format(latest))\"") }
        members.append("\"clockBehindNanoseconds\": \(memory.trustedTime.behindNanoseconds)")
        if let floor = memory.floor {
            members.append("\"floor\": {\"bundle\": \(JSONText.quoted(floor.bundle)), \"version\": \(floor.version)}")
        }
        try? OutputFile.write(Array(("{" + members.joined(separator: ", ") + "}\n").utf8), to: path)
    }
}
