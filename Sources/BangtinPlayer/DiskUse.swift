import Foundation

/// Disk figures for the status document.
enum DiskUse {
    /// Bytes of the regular files under `folder` (hard links counted once), 0 when unreadable.
    static func bytes(under folder: String) -> Int64 {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var seen = Set<UInt64>()
        var total: Int64 = 0
        while let relative = walker.nextObject() as? String {
            var info = stat()
            guard lstat(folder + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
                seen.insert(UInt64(info.st_ino)).inserted
            else { continue }
            total += Int64(info.st_size)
        }
        return total
    }

    /// Bytes free for an unprivileged writer on the disk holding `path`; nil when unknown.
    static func freeBytes(at path: String) -> Int64? {
        var info = statvfs()
        var probe = path
        while statvfs(probe, &info) != 0 {
            let parent = (probe as NSString).deletingLastPathComponent
            if parent == probe || parent.isEmpty { return nil }
            probe = parent
        }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}
