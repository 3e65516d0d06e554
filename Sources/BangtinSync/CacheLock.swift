import Foundation

/// The cache's one writer at a time: an exclusive `flock` on `<cache>/lock`, held for a whole
/// sync. The player's sync thread and a `bangtin sync` from a USB stick may run at once; the
/// second is told so and changes nothing. The kernel drops the lock when the process dies.
final class CacheLock {
    private let descriptor: Int32

    /// Takes the lock, or nil when another process (or thread) holds it.
    init?(root: String) {
        let path = root + "/lock"
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
