import BangtinContent
import BangtinCore
import BangtinTrust
import Foundation

/// The board's offline store of bundle versions (docs/protocol.md, "The cache on the board"):
///
/// ```
/// <cache>/objects/<sha256>          verified files, immutable
/// <cache>/partial/<sha256>.part     downloads in progress (resumed after a cut or a crash)
/// <cache>/versions/<N>/             a version as a bundle folder: hard links into objects,
///                                   plus its signed manifest.json
/// <cache>/current -> versions/<N>   the active version: a symlink replaced by one rename
/// <cache>/accepted.json             the newest manifest accepted (the rollback floor)
/// <cache>/state.json                the manifest's ETag and the trusted time
/// ```
///
/// A power cut at any moment leaves `current` pointing at a complete, verified version: a
/// version folder is finished and synced before the link moves, and the link moves by rename.
public final class ContentCache {
    /// Where the cache lives.
    public let root: String
    /// The most bytes the cache's files may take.
    public let budgetBytes: Int64
    /// Disk space that must stay free after a download.
    public let minimumFreeBytes: Int64

    /// Opens (making it if needed) the cache at `root`.
    public init(root: String, budgetBytes: Int64, minimumFreeBytes: Int64) throws(CacheError) {
        self.root = root
        self.budgetBytes = budgetBytes
        self.minimumFreeBytes = minimumFreeBytes
        try FileSystem.makeFolders(root)
        for folder in [objects, partial, versions] { try FileSystem.makeFolder(folder) }
    }

    /// Cleans what a crash left: half-built version folders, a half-made link, temporary files.
    /// Partial downloads stay to be resumed (or go at the next eviction). Only under the lock.
    func cleanUp() {
        for name in FileSystem.entries(versions) where Int(name) == nil { FileSystem.remove(versions + "/" + name) }
        for name in FileSystem.entries(root) where name.hasPrefix(".") && name.hasSuffix(".tmp") {
            FileSystem.remove(root + "/" + name)
        }
        FileSystem.remove(root + "/current.new")
    }

    /// The newest version folder older than `version`: the one the player may still be showing
    /// pictures from.
    func previousVersion(before version: Int?) -> Int? {
        guard let version else { return nil }
        return FileSystem.entries(versions).compactMap { Int($0) }.filter { $0 < version }.max()
    }

    /// Records a re-signed envelope of the active version (a later expiry, the same files), so
    /// the refresh survives the next 304 and a restart.
    func refresh(envelope: [UInt8], version: Int) throws(CacheError) {
        for path in [root + "/accepted.json", versions + "/\(version)/manifest.json"] {
            do {
                try OutputFile.write(envelope, to: path)
            } catch {
                throw CacheError(path: path, reason: error.reason)
            }
        }
    }

    var objects: String { root + "/objects" }
    var partial: String { root + "/partial" }
    var versions: String { root + "/versions" }
    /// The active bundle folder: what the player loads.
    public var currentPath: String { root + "/current" }

    /// The verified file for a hash.
    func object(_ sha256: String) -> String { objects + "/" + sha256 }
    /// The download in progress for a hash.
    func part(_ sha256: String) -> String { partial + "/" + sha256 + ".part" }

    /// Whether the file with this hash and size is in the cache.
    func has(_ file: ManifestFile) -> Bool { FileSystem.size(object(file.sha256)) == file.size }

    // MARK: What is active and accepted

    /// The active version number, read from the link.
    public var currentVersion: Int? {
        guard let target = FileSystem.readLink(currentPath) else { return nil }
        return Int((target as NSString).lastPathComponent)
    }

    /// The active version's manifest, verified against `trust` (nil when there is none or it no
    /// longer verifies).
    public func currentManifest(trust: TrustStore) -> Manifest? {
        guard let version = currentVersion else { return nil }
        return try? manifest(at: versions + "/\(version)/manifest.json", trust: trust)
    }

    /// The newest manifest accepted, which may not be active yet (a download under way).
    public func acceptedManifest(trust: TrustStore) -> Manifest? {
        let accepted = try? manifest(at: root + "/accepted.json", trust: trust)
        let current = currentManifest(trust: trust)
        guard let accepted else { return current }
        guard let current else { return accepted }
        return accepted.version >= current.version ? accepted : current
    }

    private func manifest(at path: String, trust: TrustStore) throws -> Manifest {
        try trust.manifest(from: try ContentFile.read(path, kind: .manifest))
    }

    /// Records a newly accepted manifest before its files are fetched: from now on nothing older
    /// is accepted, even after a power cut.
    func accept(envelope: [UInt8]) throws(CacheError) {
        do {
            try OutputFile.write(envelope, to: root + "/accepted.json")
        } catch {
            throw CacheError(path: root + "/accepted.json", reason: error.reason)
        }
        CrashPoints.reach()
    }

    // MARK: Files

    /// Moves a verified download into the store: synced, then renamed, then the folder synced.
    func commit(partOf file: ManifestFile) throws(CacheError) {
        let from = part(file.sha256)
        try FileSystem.check(rename(from, object(file.sha256)), "rename", from)
        CrashPoints.reach()
        try FileSystem.syncFolder(objects)
        CrashPoints.reach()
    }

    // MARK: Activation

    /// Builds version `manifest.version` as a bundle folder of hard links into the store, checks
    /// it whole (signature, every size and hash on disk), then points `current` at it in one
    /// rename. Every file must be in the store; one that no longer hashes right is removed from
    /// it (fetched again next time) and nothing is activated.
    func activate(
        _ manifest: Manifest, envelope: [UInt8], trust: TrustStore, check: (@Sendable (String) -> String?)? = nil
    ) throws(CacheError) {
        let final = versions + "/\(manifest.version)"
        let building = final + ".building"
        FileSystem.remove(building)
        try FileSystem.makeFolder(building)
        var folders: Set<String> = [building]
        for file in manifest.files {
            let target = building + "/" + file.path
            // Every folder made, not only the files' own, is synced before the link moves.
            var missing: [String] = []
            var folder = (target as NSString).deletingLastPathComponent
            while !folders.contains(folder) {
                missing.append(folder)
                folder = (folder as NSString).deletingLastPathComponent
            }
            for made in missing.reversed() {
                try FileSystem.makeFolder(made)
                folders.insert(made)
            }
            try FileSystem.check(link(object(file.sha256), target), "link", target)
        }
        do {
            try OutputFile.write(envelope, to: building + "/manifest.json")
        } catch {
            throw CacheError(path: building + "/manifest.json", reason: error.reason)
        }
        for folder in folders.sorted(by: >) { try FileSystem.syncFolder(folder) }
        do {
            _ = try CacheCheck.verify(building, trust: trust)
        } catch {
            if case .fileMismatch(let path, _) = error, let bad = manifest.files.first(where: { $0.path == path }) {
                FileSystem.remove(object(bad.sha256))
            }
            FileSystem.remove(building)
            throw CacheError(path: building, reason: "\(error); not activated")
        }
        if let check, let problem = check(building) {
            FileSystem.remove(building)
            throw CacheError(
                path: versions + "/\(manifest.version)",
                reason: "version \(manifest.version) does not load on this board, so it was not activated:\n\(problem)")
        }
        CrashPoints.reach()
        FileSystem.remove(final)
        try FileSystem.check(rename(building, final), "rename", building)
        try FileSystem.syncFolder(versions)
        CrashPoints.reach()
        let link = root + "/current.new"
        FileSystem.remove(link)
        try FileSystem.check(symlink("versions/\(manifest.version)", link), "symlink", link)
        CrashPoints.reach()
        try FileSystem.check(rename(link, currentPath), "rename", link)
        CrashPoints.reach()
        try FileSystem.syncFolder(root)
        CrashPoints.reach()
    }

    // MARK: Room

    /// Bytes the store's files take.
    var usedBytes: Int64 {
        FileSystem.entries(objects).reduce(0) { $0 + (FileSystem.size(objects + "/" + $1) ?? 0) }
            + FileSystem.entries(partial).reduce(0) { $0 + (FileSystem.size(partial + "/" + $1) ?? 0) }
    }

    /// Refuses a version that cannot fit, before a byte of it is fetched: within the budget once
    /// every file no version in use needs is evicted, and leaving the minimum free on disk.
    func checkRoom(for manifest: Manifest, keeping: [Manifest]) throws(SyncRefusal) {
        var needed: [String: Int64] = [:]
        for file in manifest.files { needed[file.sha256] = file.size }
        let kept = Set(keeping.flatMap { $0.files.map(\.sha256) })
        var afterwards: Int64 = 0
        var toFetch: Int64 = 0
        for (sha, size) in needed {
            afterwards += size
            if FileSystem.size(object(sha)) != size { toFetch += size - (FileSystem.size(part(sha)) ?? 0) }
        }
        for name in FileSystem.entries(objects) where needed[name] == nil && kept.contains(name) {
            afterwards += FileSystem.size(objects + "/" + name) ?? 0
        }
        if afterwards > budgetBytes {
            throw .noRoom(
                "version \(manifest.version) needs \(Bytes.text(afterwards)) in the cache with what is in use, over its budget of \(Bytes.text(budgetBytes)); the board keeps what it has (raise cacheBudget or make the bundle smaller)"
            )
        }
        let free = FileSystem.freeBytes(root)
        if free - toFetch < minimumFreeBytes {
            throw .noRoom(
                "version \(manifest.version) needs \(Bytes.text(toFetch)) more on disk, but only \(Bytes.text(free)) is free and \(Bytes.text(minimumFreeBytes)) must stay free; the board keeps what it has"
            )
        }
    }

    /// Removes what no version in use needs: old version folders (all but `keep`), then files
    /// and downloads nothing in `keeping` names, oldest first, until the cache is within budget;
    /// partial downloads nothing names go whatever the budget. `reserve` is room to leave for
    /// bytes about to be fetched, so the budget holds during a download too.
    func evict(keepVersions keep: Set<Int>, keeping: [Manifest], reserve: Int64 = 0) {
        for name in FileSystem.entries(versions) {
            if let version = Int(name), !keep.contains(version) { FileSystem.remove(versions + "/" + name) }
        }
        let needed = Set(keeping.flatMap { $0.files.map(\.sha256) })
        for name in FileSystem.entries(partial) {
            let sha = name.hasSuffix(".part") ? String(name.dropLast(5)) : name
            if !needed.contains(sha) { FileSystem.remove(partial + "/" + name) }
        }
        var used = usedBytes
        let candidates = FileSystem.entries(objects).filter { !needed.contains($0) }
            .map { (name: $0, modified: FileSystem.modified(objects + "/" + $0)) }
            .sorted { $0.modified < $1.modified }
        for candidate in candidates where used + reserve > budgetBytes {
            used -= FileSystem.size(objects + "/" + candidate.name) ?? 0
            FileSystem.remove(objects + "/" + candidate.name)
        }
    }
}

/// Byte counts for people.
enum Bytes {
    static func text(_ bytes: Int64) -> String {
        if bytes >= 1 << 30 { return String(format: "%.2f GB", Double(bytes) / Double(1 << 30)) }
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) }
        if bytes >= 1 << 10 { return String(format: "%.1f KB", Double(bytes) / Double(1 << 10)) }
        return "\(bytes) bytes"
    }
}
