import Foundation
import Synchronization

/// A file operation of the cache that failed: what, where, and the system's reason.
public struct CacheError: Error, Sendable, CustomStringConvertible {
    /// The path involved.
    public var path: String
    /// What was being done and why it failed.
    public var reason: String
    public var description: String { "cache: \(path): \(reason)" }
}

/// The system calls the cache makes, each turning its status into a `CacheError` in one place.
enum FileSystem {
    static func check(_ result: Int32, _ what: String, _ path: String) throws(CacheError) {
        guard result != 0 else { return }
        throw CacheError(path: path, reason: "\(what) failed: \(String(cString: strerror(errno)))")
    }

    static func makeFolder(_ path: String) throws(CacheError) {
        if mkdir(path, 0o755) != 0 && errno != EEXIST {
            throw CacheError(path: path, reason: "cannot make the folder: \(String(cString: strerror(errno)))")
        }
    }

    /// Makes `path` and every missing folder above it.
    static func makeFolders(_ path: String) throws(CacheError) {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            try makeFolder(built)
        }
    }

    /// Flushes a folder's entries (a rename or a new link in it) to disk.
    static func syncFolder(_ path: String) throws(CacheError) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw CacheError(path: path, reason: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        try check(fsync(descriptor), "fsync", path)
    }

    static func size(_ path: String) -> Int64? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Int64(status.st_size)
    }

    static func modified(_ path: String) -> Int64 {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return Int64(status.st_mtim.tv_sec)
    }

    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
    }

    static func entries(_ path: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    }

    static func remove(_ path: String) {
        if isFolder(path) {
            try? FileManager.default.removeItem(atPath: path)
        } else {
            unlink(path)
        }
    }

    static func readLink(_ path: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: path)
    }

    /// Free bytes for an unprivileged writer on the file system holding `path`.
    static func freeBytes(_ path: String) -> Int64 {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return .max }
        return Int64(info.f_bavail) * Int64(info.f_frsize)
    }
}

/// Points where a sync may be killed in tests of crash safety. `BANGTIN_CRASH_AT=N` makes the
/// process SIGKILL itself on reaching the N-th point, stopping it there as a power cut would
/// (the page cache survives a SIGKILL, so this proves the order of the steps; the fsyncs are
/// by construction); unset, a point costs one comparison.
public enum CrashPoints {
    private static let target: Int = Int(ProcessInfo.processInfo.environment["BANGTIN_CRASH_AT"] ?? "") ?? 0
    private static let reached = Atomic<Int>(0)

    /// Marks a point between two steps that must each survive a crash.
    static func reach() {
        guard target > 0 else { return }
        if reached.add(1, ordering: .relaxed).newValue == target { kill(getpid(), SIGKILL) }
    }

    /// Counts one point per 32 KB written to a download, so kills land inside files too.
    private static let written = Atomic<Int>(0)
    static func reachEvery(bytes: Int) {
        guard target > 0 else { return }
        let before = written.add(bytes, ordering: .relaxed).newValue - bytes
        for _ in 0..<((before + bytes) >> 15 - before >> 15) { reach() }
    }
}
