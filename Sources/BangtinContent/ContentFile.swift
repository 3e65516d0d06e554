import BangtinCore
import Foundation

/// The one way content files are read: regular files only, never more than a limit, and,
/// inside a bundle, never outside its folder.
///
/// Opening a named pipe blocks until something writes to it, and a device can be read forever:
/// files are opened without blocking and looked at (`fstat`) before a byte is read. A symbolic
/// link is followed, but where it leads must lie inside the content's folder.
public enum ContentFile {
    /// The kinds of file content holds, with how large each may be.
    public enum Kind: Sendable {
        case layout, schedule, configuration, picture, font
        /// A signed manifest (content sync).
        case manifest
        /// Any file of a published bundle (content sync).
        case bundleFile
        /// An uploaded batch of proof of play (`bangtin plays table`).
        case batch

        /// The most bytes a file of this kind may hold.
        public var limit: Int {
            switch self {
            case .layout: Limits.layoutFileBytes
            case .schedule: Limits.scheduleFileBytes
            case .configuration: Limits.configFileBytes
            case .picture: Limits.pictureFileBytes
            case .font: Limits.fontFileBytes
            case .manifest: Limits.manifestBytes
            case .bundleFile: Limits.bundleFileBytes
            case .batch: Limits.reportBatchBytes
            }
        }

        var words: String {
            switch self {
            case .layout: "a layout file"
            case .schedule: "a schedule"
            case .configuration: "a configuration file"
            case .picture: "a picture"
            case .font: "a font file"
            case .manifest: "a signed manifest"
            case .bundleFile: "a bundle file"
            case .batch: "a batch of play records"
            }
        }
    }

    /// Why a file was not read, in words for the person who named it.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public var description: String
        /// Creates a refusal with its reason.
        public init(description: String) { self.description = description }
    }

    /// Reads the file at `path`.
    /// - Parameters:
    ///   - root: when given, the folder the file (after following symbolic links) must lie in.
    ///   - folder: what `root` is, for messages ("the bundle folder").
    /// - Throws: `Refusal` for a missing file, one that is not a regular file, one leading outside
    ///   `root`, one larger than `kind.limit`, or a failed read.
    public static func read(_ path: String, kind: Kind, inside root: String? = nil, folder: String = "the content folder")
        throws(Refusal) -> [UInt8]
    {
        try withOpenFile(path, kind: kind, inside: root, folder: folder) { descriptor, size throws(Refusal) in
            try readAll(descriptor, size: size, kind: kind)
        }
    }

    /// Opens the file at `path` with `read`'s checks and hands its descriptor and size to
    /// `body`, closing it afterwards: for streaming a large file (a bundle file off a USB stick).
    public static func withOpenFile<T>(
        _ path: String, kind: Kind, inside root: String? = nil, folder: String = "the content folder",
        _ body: (Int32, Int) throws(Refusal) -> T
    ) throws(Refusal) -> T {
        let resolved = try resolve(path, inside: root, folder: folder)
        // Inside a folder, the checked path itself is opened (it has no links left in it), and
        // its last part may not have become a link meanwhile.
        let descriptor = open(resolved ?? path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (resolved == nil ? 0 : O_NOFOLLOW))
        guard descriptor >= 0 else { throw Refusal(description: reason(errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw Refusal(description: reason(errno)) }
        try checkRegular(status.st_mode)
        if let resolved {
            // What was opened must be what was checked (a link swapped in between is refused).
            var checked = stat()
            guard stat(resolved, &checked) == 0, checked.st_dev == status.st_dev, checked.st_ino == status.st_ino else {
                throw Refusal(description: "changed while it was being read")
            }
        }
        try checkSize(Int(status.st_size), kind: kind)
        return try body(descriptor, Int(status.st_size))
    }

    private static func readAll(_ descriptor: Int32, size: Int, kind: Kind) throws(Refusal) -> [UInt8] {
        // Read one byte past the limit: a file that grows while read is refused too.
        var bytes = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == bytes.count {
                guard bytes.count <= kind.limit else { break }
                bytes.append(contentsOf: repeatElement(0, count: min(bytes.count, kind.limit + 1 - bytes.count)))
            }
            let got = bytes.withUnsafeMutableBytes { buffer in
                Foundation.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw Refusal(description: reason(errno))
            }
            if got == 0 { break }
            count += got
        }
        try checkSize(count, kind: kind)
        return Array(bytes[..<count])
    }

    /// Checks the file at `path` as `read` would, without reading it: it exists, is a regular
    /// file no larger than `kind.limit`, and lies inside `root` when one is given.
    public static func check(_ path: String, kind: Kind, inside root: String? = nil, folder: String = "the content folder")
        throws(Refusal)
    {
        _ = try resolve(path, inside: root, folder: folder)
        var status = stat()
        guard stat(path, &status) == 0 else { throw Refusal(description: reason(errno)) }
        try checkRegular(status.st_mode)
        try checkSize(Int(status.st_size), kind: kind)
    }

    /// The real path of `path` when `root` is given, after checking it lies inside `root`.
    private static func resolve(_ path: String, inside root: String?, folder: String) throws(Refusal) -> String? {
        guard let root else { return nil }
        guard let realRoot = realPath(root) else { throw Refusal(description: "cannot find \(folder) \(root)") }
        guard let real = realPath(path) else { throw Refusal(description: reason(errno)) }
        let prefix = realRoot.hasSuffix("/") ? realRoot : realRoot + "/"
        guard real.hasPrefix(prefix) else { throw Refusal(description: "leads outside \(folder) (to \(real))") }
        return real
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func checkRegular(_ mode: mode_t) throws(Refusal) {
        switch mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw Refusal(description: "is a folder, not a file")
        case S_IFIFO: throw Refusal(description: "is a named pipe (FIFO), not a regular file")
        case S_IFCHR, S_IFBLK: throw Refusal(description: "is a device, not a regular file")
        case S_IFSOCK: throw Refusal(description: "is a socket, not a regular file")
        default: throw Refusal(description: "is not a regular file")
        }
    }

    private static func checkSize(_ size: Int, kind: Kind) throws(Refusal) {
        guard size > kind.limit else { return }
        throw Refusal(description: "is \(megabytes(size)); \(kind.words) may hold at most \(megabytes(kind.limit))")
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20)) : "\(bytes) bytes"
    }

    static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: "file not found"
        case ELOOP: "is a loop of symbolic links"
        case EACCES: "cannot be read (permission denied)"
        default: "cannot be read (\(String(cString: strerror(code))))"
        }
    }
}
