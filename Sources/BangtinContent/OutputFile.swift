import BangtinCore
import Foundation

/// The one way the program writes a file it makes (a frame, a contact sheet): whole or not at
/// all. The bytes go to a temporary file beside the target, every write and the sync are
/// checked, and only then is it renamed over the target; a failure (a full disk) removes the
/// temporary file and says why. A target that exists must be a regular file (never a device such
/// as /dev/full), and never one of the inputs.
public enum OutputFile {
    /// Why a file was not written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file that was to be written.
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Writes `bytes` to `path`, replacing it whole.
    /// - Parameters:
    ///   - inputs: files the output must not replace (the content it was made from).
    ///   - sync: whether to sync the file and its folder before returning. A sequence of many
    ///     files passes false and calls `syncFolder(_:)` once at the end: each file still
    ///     appears whole or not at all (written under a temporary name, then renamed), and one
    ///     sync of the file system replaces an fsync per file, which would cap the rate at a
    ///     few hundred files a second.
    /// - Throws: `Failure` when the target may not be written or a write fails; the target is
    ///   then untouched.
    public static func write(
        _ bytes: [UInt8], to path: String, inputs: InputFiles = InputFiles(), sync: Bool = true
    ) throws(Failure) {
        func fail(_ reason: String) -> Failure { Failure(path: path, reason: reason) }
        var existing = stat()
        if stat(path, &existing) == 0 {
            guard existing.st_mode & S_IFMT == S_IFREG else {
                throw fail("it exists and is not a regular file (a device, a pipe or a folder); name a new .png file")
            }
            if inputs.contains(existing) { throw fail("it is one of the input files; name another file") }
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        let temporary = (folder as NSString).appendingPathComponent(
            ".\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw fail(reason(errno)) }
        var closed = false
        var renamed = false
        defer {
            if !closed { close(descriptor) }
            if !renamed { unlink(temporary) }
        }
        var written = 0
        while written < bytes.count {
            let count = bytes.withUnsafeBytes { buffer in
                Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw fail(reason(errno))
            }
            written += count
        }
        if sync { guard fsync(descriptor) == 0 else { throw fail(reason(errno)) } }
        closed = true
        guard close(descriptor) == 0 else { throw fail(reason(errno)) }
        guard rename(temporary, path) == 0 else { throw fail(reason(errno)) }
        renamed = true
        // The rename itself survives a power cut once the folder is synced.
        if sync { syncFolder(folder, wholeFileSystem: false) }
    }

    /// Makes every file written into `folder` durable: the file systems synced (`sync`), then the
    /// folder itself.
    public static func syncFolder(_ folder: String) {
        syncFolder(folder, wholeFileSystem: true)
    }

    private static func syncFolder(_ folder: String, wholeFileSystem: Bool) {
        let directory = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return }
        // sync(2) rather than syncfs(2), which Glibc's Swift module does not export; once per
        // sequence, the difference is small.
        if wholeFileSystem { sync() }
        fsync(directory)
        close(directory)
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}

/// Files a command read, which its output must never replace.
public struct InputFiles: Sendable {
    private var identities: Set<[UInt64]> = []

    /// No files.
    public init() {}

    /// The files at `paths` that exist (after following symbolic links).
    public init(paths: [String]) {
        for path in paths {
            var status = stat()
            if stat(path, &status) == 0 { identities.insert([UInt64(status.st_dev), UInt64(status.st_ino)]) }
        }
    }

    /// Whether the file with this status is one of the inputs.
    func contains(_ status: stat) -> Bool { identities.contains([UInt64(status.st_dev), UInt64(status.st_ino)]) }

    /// Whether the file at `path` is one of the inputs.
    public func contains(path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && contains(status)
    }
}
