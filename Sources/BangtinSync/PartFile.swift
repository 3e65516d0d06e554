import BangtinCore
import Crypto
import Foundation

/// A download in progress: `<cache>/partial/<sha256>.part`, hashed as it grows, so a resumed
/// download goes on from what is on disk and its hash covers every byte. One owner of the
/// descriptor, closed in deinit.
final class PartFile {
    let path: String
    let expected: ManifestFile
    private let descriptor: Int32
    private var hasher = SHA256()
    /// Bytes on disk.
    private(set) var size: Int64 = 0
    /// Set when a source sent more than the manifest allows.
    private(set) var overran = false

    /// Opens (or creates) the part file and hashes what it already holds. A part longer than
    /// the file it is for is started again.
    init(path: String, for file: ManifestFile) throws(CacheError) {
        self.path = path
        expected = file
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw CacheError(path: path, reason: "cannot open: \(String(cString: strerror(errno)))")
        }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<got])) }
            size += Int64(got)
        }
        if size > file.size { try restart() }
    }

    deinit { close(descriptor) }

    /// Drops what is on disk and starts from byte 0 (a server that answered 200 to a range).
    func restart() throws(CacheError) {
        try FileSystem.check(ftruncate(descriptor, 0), "ftruncate", path)
        lseek(descriptor, 0, SEEK_SET)
        hasher = SHA256()
        size = 0
        overran = false
    }

    /// Appends bytes; false (and nothing written) when they would run past the manifest's size
    /// or the write fails, which stops the transfer.
    func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard size + Int64(bytes.count) <= expected.size else {
            overran = true
            return false
        }
        var written = 0
        while written < bytes.count {
            let count = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                return false
            }
            written += count
        }
        hasher.update(bufferPointer: bytes)
        size += Int64(bytes.count)
        CrashPoints.reachEvery(bytes: bytes.count)
        return true
    }

    /// Whether every byte is here and hashes right; synced to disk when it does.
    /// - Throws: `SyncRefusal.fileMismatch` when the bytes are wrong (the part is then removed).
    func finish() throws(SyncRefusal) {
        guard size == expected.size else {
            throw .fileMismatch(path: expected.path, reason: "has \(size) of \(expected.size) bytes")
        }
        let digest = SHA256Hex.text(hasher.finalize())
        guard digest == expected.sha256 else {
            unlink(path)
            throw .fileMismatch(
                path: expected.path,
                reason: "its SHA-256 is \(digest), the manifest says \(expected.sha256) (altered or corrupted; removed)")
        }
        guard fsync(descriptor) == 0 else {
            throw .fileMismatch(path: expected.path, reason: "cannot be synced to disk: \(String(cString: strerror(errno)))")
        }
    }
}

/// SHA-256 of a file on disk, streamed.
enum FileHash {
    static func sha256(_ path: String, limit: Int64) -> (size: Int64, digest: String)? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var hasher = SHA256()
        var size: Int64 = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let got = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if got < 0 && errno == EINTR { continue }
            if got < 0 { return nil }
            guard got > 0 else { break }
            buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<got])) }
            size += Int64(got)
            if size > limit { return nil }
        }
        return (size, SHA256Hex.text(hasher.finalize()))
    }
}
