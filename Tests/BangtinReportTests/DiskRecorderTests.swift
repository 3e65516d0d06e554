import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Logging
import Testing

@Suite struct DiskRecorderTests {
    /// A store folder that cannot be made until `blocker` (a file where its parent folder
    /// should be, as on a disk not mounted) is removed.
    static func deadDisk() throws -> (blocker: URL, folder: URL) {
        let blocker = try Fixtures.temporaryDirectory().appendingPathComponent("disk")
        try Data("not a folder".utf8).write(to: blocker)
        return (blocker, blocker.appendingPathComponent("plays"))
    }

    @Test func stagedRecordsWaitForThePlaysInProgressThatFollowThem() throws {
        let folder = try Fixtures.temporaryDirectory()
        let store = try StorePlays.store(folder)
        let recorder = DiskRecorder(store: store, logger: Fixtures.quietLogger)
        let first = StorePlays.layout("first", at: 0)
        let second = StorePlays.layout("second", at: 10)
        recorder.record(first)
        #expect(recorder.flush(timeout: .seconds(20)))
        #expect(try store.backlog() == .empty)
        recorder.playing([StorePlays.inProgress(second, until: 10)])
        #expect(recorder.flush(timeout: .seconds(20)))
        let backlog = try PlayStore.readBacklog(folder: folder.path)
        #expect(backlog.lines == 1 && backlog.inProgress == 1)
        recorder.stop()
        recorder.stop()
    }

    @Test func everythingHandedInIsWrittenInOrderByStop() throws {
        let folder = try Fixtures.temporaryDirectory()
        let plays = (0..<500).map { StorePlays.layout("l\($0)", at: Double($0) * 10) }
        do {
            let recorder = DiskRecorder(
                folder: folder.path, board: StorePlays.board, budgetBytes: 1 << 30, logger: Fixtures.quietLogger)
            for (n, play) in plays.enumerated() {
                recorder.record(play)
                recorder.playing([StorePlays.inProgress(StorePlays.layout("next\(n)", at: Double(n) * 10 + 10), until: 1)])
            }
            // The player stops: it closes what was on screen without a new set of plays in progress.
            recorder.record(StorePlays.layout("last", at: 5000))
            recorder.stop()
        }
        let store = try StorePlays.store(folder)
        #expect(try store.recover() == 0)
        let lines = try StorePlays.drain(store)
        #expect(lines.map(\.sequence) == Array(1...501))
        #expect(lines.compactMap { StorePlays.record($0.line) } == plays + [StorePlays.layout("last", at: 5000)])
    }

    @Test func playsLeftInProgressByTheLastRunAreClosedBeforeTheFirstWrite() throws {
        let folder = try Fixtures.temporaryDirectory()
        let old = StorePlays.layout("old", at: 0)
        try StorePlays.store(folder).write(closed: [], playing: [StorePlays.inProgress(old, until: 4)])
        let recorder = DiskRecorder(
            folder: folder.path, board: StorePlays.board, budgetBytes: 1 << 30, logger: Fixtures.quietLogger)
        recorder.playing([StorePlays.inProgress(StorePlays.layout("new", at: 10), until: 11)])
        recorder.stop()
        let plays = try StorePlays.drain(StorePlays.store(folder)).compactMap { StorePlays.record($0.line) }
        #expect(plays.first == StorePlays.inProgress(old, until: 4))
    }

    @Test func aFolderThatCannotBeWrittenIsLoggedAndTriedAgain() throws {
        let (blocker, folder) = try Self.deadDisk()
        let log = LogLines()
        let recorder = DiskRecorder(
            folder: folder.path, board: StorePlays.board, budgetBytes: 1 << 30, logger: Logger(label: "test") { _ in log },
            retryInterval: .milliseconds(20))
        let play = StorePlays.layout("a", at: 0)
        recorder.record(play)
        recorder.playing([])
        #expect(!recorder.flush(timeout: .milliseconds(300)))
        let line = try #require(log.firstLine(containing: "Could not write"))
        #expect(line.contains(folder.path))
        // The disk comes back: what was kept in memory is written.
        try FileManager.default.removeItem(at: blocker)
        #expect(recorder.flush(timeout: .seconds(20)))
        #expect(log.firstLine(containing: "again after") != nil)
        recorder.stop()
        #expect(try StorePlays.drain(StorePlays.store(folder)).map(\.line) == [.play(play)])
    }

    @Test func stoppingWithADeadDiskLogsWhatIsLost() throws {
        let (_, folder) = try Self.deadDisk()
        let log = LogLines()
        let recorder = DiskRecorder(
            folder: folder.path, board: StorePlays.board, budgetBytes: 1 << 30,
            logger: Logger(label: "test") { _ in log }, retryInterval: .seconds(3600))
        recorder.record(StorePlays.layout("a", at: 0))
        recorder.playing([])
        recorder.stop()
        #expect(log.firstLine(containing: "they are lost") != nil)
        #expect(!recorder.flush(timeout: .seconds(1)))
    }

    /// A disk dead for long: only the newest `heldAtMost` closed plays wait in memory, the
    /// loss is logged, and they land once the disk is back.
    @Test func whatWaitsInMemoryIsBounded() throws {
        let (blocker, folder) = try Self.deadDisk()
        let log = LogLines()
        let recorder = DiskRecorder(
            folder: folder.path, board: StorePlays.board, budgetBytes: 1 << 30, logger: Logger(label: "test") { _ in log },
            retryInterval: .milliseconds(20), heldAtMost: 3)
        let plays = (0..<5).map { StorePlays.layout("l\($0)", at: Double($0) * 10) }
        for play in plays {
            recorder.record(play)
            recorder.playing([])
            #expect(!recorder.flush(timeout: .milliseconds(50)))
        }
        #expect(log.firstLine(containing: "Dropped 1 of the oldest play records held in memory so far") != nil)
        try FileManager.default.removeItem(at: blocker)
        #expect(recorder.flush(timeout: .seconds(20)))
        #expect(log.firstLine(containing: "(2 of the oldest records were dropped meanwhile)") != nil)
        recorder.stop()
        #expect(
            try StorePlays.drain(StorePlays.store(folder)).compactMap { StorePlays.record($0.line) } == Array(plays.suffix(3)))
    }

    /// The player's store when it cannot be opened at start: nothing to upload, records kept;
    /// once it opens, the recorder and the uploader's source share the one store.
    @Test func aLateStoreOpensWhenItCanAndIsShared() throws {
        let (blocker, storeFolder) = try Self.deadDisk()
        let folder = storeFolder.path
        let late = LateStore(folder: folder) {
            try PlayStore(
                folder: folder, board: StorePlays.board, budgetBytes: 1 << 30, exclusive: true, logger: Fixtures.quietLogger)
        }
        #expect(throws: (any Error).self) { try late.store() }
        #expect(try late.nextBatch() == nil)
        let recorder = DiskRecorder(late: late, logger: Fixtures.quietLogger, retryInterval: .milliseconds(20))
        let play = StorePlays.layout("a", at: 0)
        recorder.record(play)
        recorder.playing([])
        #expect(!recorder.flush(timeout: .milliseconds(200)))
        #expect(late.ifOpen == nil)
        try FileManager.default.removeItem(at: blocker)
        #expect(recorder.flush(timeout: .seconds(20)))
        let store = try #require(late.ifOpen)
        #expect(try late.store() === store)
        let batch = try #require(try late.nextBatch())
        #expect(batch.lineCount == 1)
        // The player holds the store: a second one is refused.
        #expect(throws: PlayStoreError.self) {
            try PlayStore(
                folder: folder, board: StorePlays.board, budgetBytes: 1 << 30, exclusive: true, logger: Fixtures.quietLogger)
        }
        recorder.stop()
    }
}
