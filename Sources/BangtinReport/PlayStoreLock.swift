import Foundation

/// One player per record store: an exclusive `flock` on `<folder>/plays.lock`, held as long as
/// the lock lives. A second `bangtin play` given the same store would otherwise close the first
/// one's plays in progress as cut by a power loss and number lines between them; it is refused
/// instead, saying why: it writes and sends no status or screenshot of its own, keeps its
/// records in memory (bounded) and takes the store over if the first player stops. The kernel drops the lock when the
/// process dies, so a power cut or a kill never leaves the store locked. `bangtin status`
/// reads the store without it.
public final class PlayStoreLock: Sendable {
    /// The lock file's name in the store's folder.
    public static let fileName = "plays.lock"

    private let descriptor: Int32

    /// Takes the lock, creating the folder if needed.
    /// - Throws: `PlayStoreError` naming the holder's process when another holds it, or why the
    ///   lock file cannot be opened.
    public init(folder: String) throws(PlayStoreError) {
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PlayStoreError(path: folder, action: "create the folder", reason: "\(error)")
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else {
            throw PlayStoreError(path: path, action: "open", reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let busy = errno == EWOULDBLOCK
            let reason = String(cString: strerror(errno))
            var holder = [UInt8](repeating: 0, count: 32)
            let count = pread(descriptor, &holder, holder.count, 0)
            close(descriptor)
            guard busy else { throw PlayStoreError(path: path, action: "lock", reason: reason) }
            let pid = String(decoding: holder.prefix(max(0, count)), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            var refused = PlayStoreError(
                path: folder, action: "use the record store",
                reason:
                    "another bangtin play\(pid.isEmpty ? "" : " (process \(pid))") is writing to it; give each player its own report.store"
            )
            refused.busy = true
            throw refused
        }
        // Who holds it, for the message a second player gets.
        // Written before the old length is cut, so a reader never sees an empty file.
        let pid = Array("\(getpid())\n".utf8)
        if pwrite(descriptor, pid, pid.count, 0) == pid.count { _ = ftruncate(descriptor, off_t(pid.count)) }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
