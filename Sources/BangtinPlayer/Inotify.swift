import Foundation

/// A failed system call of the file watcher, in words: what it was doing and the system's reason.
public struct WatchError: Error, CustomStringConvertible {
    /// What could not be done ("cannot watch /srv/bangtin/layouts").
    public var what: String
    /// The system's reason (`strerror`).
    public var reason: String

    public var description: String { "\(what): \(reason)" }

    /// Runs a system call returning -1 on failure, turning that into an error naming `what`.
    static func check(_ what: @autoclosure () -> String, _ call: () -> Int32) throws(WatchError) -> Int32 {
        while true {
            let result = call()
            if result >= 0 { return result }
            if errno == EINTR { continue }
            throw WatchError(what: what(), reason: String(cString: strerror(errno)))
        }
    }
}

/// One inotify instance: the one owner of its descriptor, closed when this goes. Used by one
/// thread at a time (not `Sendable`).
final class Inotify {
    /// One event read: the watch it came from, what happened, and the name inside the watched
    /// folder (empty for the folder itself).
    struct Event: Hashable {
        var watch: Int32
        var mask: UInt32
        var name: String

        func has(_ flag: Int32) -> Bool { mask & UInt32(bitPattern: flag) != 0 }
        func has(_ flag: UInt32) -> Bool { mask & flag != 0 }
    }

    /// What a watched folder reports: files written and closed, moved in or out, made or
    /// removed (an editor saving by rename shows as a move in), and the folder itself going.
    static let folderEvents: UInt32 =
        UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE) | UInt32(IN_DELETE)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_ONLYDIR)

    private let descriptor: Int32

    /// Opens an inotify instance.
    init() throws(WatchError) {
        descriptor = try WatchError.check("cannot start watching files") { inotify_init1(Int32(IN_CLOEXEC)) }
    }

    deinit {
        close(descriptor)
    }

    /// Watches the folder at `path` for `folderEvents`; returns the watch's number.
    func watch(folder path: String) throws(WatchError) -> Int32 {
        try WatchError.check("cannot watch \(path)") { inotify_add_watch(descriptor, path, Self.folderEvents) }
    }

    /// The events that arrive within `milliseconds` (none when nothing happened by then).
    func events(waitingUpTo milliseconds: Int32) throws(WatchError) -> [Event] {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&request, 1, milliseconds)
        if ready < 0 && errno != EINTR {
            throw WatchError(what: "cannot wait for file changes", reason: String(cString: strerror(errno)))
        }
        guard ready > 0 else { return [] }
        // Room for many events at once (each is 16 bytes and its name, NUL-padded).
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let count = try WatchError.check("cannot read file changes") {
            Int32(buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) })
        }
        return Self.parse(buffer[..<Int(count)])
    }

    /// The events in bytes read from an inotify descriptor (`struct inotify_event` one after another).
    static func parse(_ bytes: ArraySlice<UInt8>) -> [Event] {
        bytes.withUnsafeBytes { raw in
            var events: [Event] = []
            var offset = 0
            while raw.count - offset >= 16 {
                // In the machine's byte order, as the kernel wrote them.
                let word = { (at: Int) in raw.loadUnaligned(fromByteOffset: offset + at, as: UInt32.self) }
                let length = Int(word(12))
                guard raw.count - offset - 16 >= length else { break }
                let name = raw[(offset + 16)..<(offset + 16 + length)].prefix { $0 != 0 }
                events.append(
                    Event(watch: Int32(bitPattern: word(0)), mask: word(4), name: String(decoding: name, as: UTF8.self)))
                offset += 16 + length
            }
            return events
        }
    }
}
