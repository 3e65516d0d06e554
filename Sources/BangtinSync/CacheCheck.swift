import BangtinContent
import BangtinCore
import BangtinTrust
import Foundation

/// Full verification of a version folder: the signed manifest verifies, and every file it names
/// is there with its size and hash. What the crash tests check after every kill, and what
/// `bangtin sync --verify` prints.
public enum CacheCheck {
    /// The manifest of the bundle folder at `path` (such as `<cache>/current`) when it verifies
    /// whole; throws the first problem found.
    public static func verify(_ path: String, trust: TrustStore) throws(SyncRefusal) -> Manifest {
        let bytes: [UInt8]
        do {
            bytes = try ContentFile.read(path + "/manifest.json", kind: .manifest)
        } catch {
            throw .unreadable("\(path)/manifest.json: \(error)")
        }
        let manifest = try trust.manifest(from: bytes)
        for file in manifest.files {
            guard let (size, digest) = FileHash.sha256(path + "/" + file.path, limit: file.size) else {
                throw .fileMismatch(path: file.path, reason: "missing or unreadable in \(path)")
            }
            guard size == file.size, digest == file.sha256 else {
                throw .fileMismatch(path: file.path, reason: "does not match its manifest entry in \(path)")
            }
        }
        return manifest
    }
}
