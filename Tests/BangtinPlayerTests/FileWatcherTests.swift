import BangtinCore
import BangtinTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import BangtinPlayer

/// The `--watch` file watcher on a real folder (inotify): one report per save, after the burst
/// has settled.
@Suite struct FileWatcherTests {
    /// What the watcher reported, with when (monotonic nanoseconds).
    final class Reports: Sendable {
        let all = Mutex<[(at: Int64, files: [String])]>([])
        func add(_ files: [String]) { all.withLock { $0.append((SystemClock.monotonic(), files)) } }
        var files: [[String]] { all.withLock { $0.map(\.files) } }
        var times: [Int64] { all.withLock { $0.map(\.at) } }

        /// Waits up to `seconds` for `count` reports.
        func wait(for count: Int, seconds: Double = 5) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while all.withLock({ $0.count }) < count && Date() < deadline { usleep(10_000) }
            return all.withLock { $0.count } >= count
        }
    }

    func folder() throws -> URL {
        let folder = try Fixtures.temporaryDirectory()
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("{}".utf8).write(to: folder.appendingPathComponent("layout.json"))
        try Data([1, 2, 3]).write(to: folder.appendingPathComponent("assets/logo.png"))
        return folder
    }

    @Test func aRenameSaveIsReportedOnceAfterTheBurstSettles() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = Reports()
        let watcher = try FileWatcher(
            content: folder.appendingPathComponent("layout.json").path, logger: Logger(label: "test")
        ) { reports.add($0) }
        defer { watcher.stop() }
        #expect(watcher.root == folder.path)
        // As editors save: a temporary file written beside, renamed over the layout; then a
        // backup removed. All within the debounce.
        let saved = SystemClock.monotonic()
        let temporary = folder.appendingPathComponent(".layout.json.swp")
        try Data("{\"version\": 1}".utf8).write(to: temporary)
        #expect(rename(temporary.path, folder.appendingPathComponent("layout.json").path) == 0)
        try Data("x".utf8).write(to: folder.appendingPathComponent("layout.json~"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("layout.json~"))
        #expect(reports.wait(for: 1))
        usleep(600_000)
        #expect(reports.files == [["layout.json"]], "one report naming the layout, editor files left out")
        let delay = (reports.times.first ?? 0) - saved
        #expect(delay >= 150_000_000 && delay < 1_000_000_000, "reported \(delay / 1_000_000) ms after the save")
    }

    @Test func picturesAndFoldersMadeLaterAreWatched() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reports = Reports()
        let watcher = try FileWatcher(content: folder.path, logger: Logger(label: "test")) { reports.add($0) }
        defer { watcher.stop() }
        try Data([4, 5, 6]).write(to: folder.appendingPathComponent("assets/logo.png"))
        #expect(reports.wait(for: 1))
        #expect(reports.files.first == ["assets/logo.png"])
        // A layout folder made after the watch started: its files are seen too.
        let added = folder.appendingPathComponent("layouts/cho")
        try FileManager.default.createDirectory(at: added, withIntermediateDirectories: true)
        #expect(reports.wait(for: 2))
        try Data("{}".utf8).write(to: added.appendingPathComponent("layout.json"))
        #expect(reports.wait(for: 3))
        #expect(reports.files.last == ["layouts/cho/layout.json"])
    }

    @Test func stopEndsTheThreadPromptly() throws {
        let folder = try folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let watcher = try FileWatcher(content: folder.path, logger: Logger(label: "test")) { _ in }
        let before = SystemClock.monotonic()
        watcher.stop()
        #expect(SystemClock.monotonic() - before < 500_000_000)
        watcher.stop()
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: WatchError.self) {
            try FileWatcher(content: "/nonexistent/bangtin/layout.json", logger: Logger(label: "test")) { _ in }
        }
    }
}
