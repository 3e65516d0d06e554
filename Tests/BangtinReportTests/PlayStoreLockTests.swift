import BangtinReport
import BangtinTestSupport
import Foundation
import Testing

/// One player per record store: a second is refused with who holds it, and the lock goes with
/// its holder (released, or its process killed).
@Suite struct PlayStoreLockTests {
    @Test func aSecondHolderIsRefusedUntilTheFirstLetsGo() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var first: PlayStoreLock? = try PlayStoreLock(folder: folder.path)
        #expect(first != nil)
        do {
            _ = try PlayStoreLock(folder: folder.path)
            Issue.record("a second lock on the same store was given")
        } catch {
            #expect(error.description.contains("another bangtin play (process \(getpid())) is writing to it"), "\(error)")
            #expect(error.description.contains("report.store"))
        }
        first = nil
        #expect((try? PlayStoreLock(folder: folder.path)) != nil, "free again once the first is gone")
    }

    /// Another process holding the lock (a shell locking it with util-linux's flock, then
    /// becoming `sleep` with the descriptor) refuses it; once that process is killed the kernel
    /// has dropped the lock.
    @Test func theLockDiesWithItsProcess() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let lockFile = folder.appendingPathComponent(PlayStoreLock.fileName).path
        let holder = try CleanChild("/bin/sh", ["-c", "exec 9>>\"$0\" && flock --exclusive 9 && exec sleep 60", lockFile])
        let deadline = Date().addingTimeInterval(10)
        var refused = false
        while Date() < deadline, !refused {
            refused = (try? PlayStoreLock(folder: folder.path)) == nil
            if !refused { usleep(20_000) }
        }
        #expect(refused, "flock's hold refuses the store")
        holder.signal(SIGKILL)
        _ = holder.exitStatus
        while holder.isRunning { usleep(5_000) }
        #expect((try? PlayStoreLock(folder: folder.path)) != nil, "the kernel dropped the lock with the process")
    }
}
