import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Testing

@Suite struct PlayStoreTests {
    @Test func recordsAreNumberedInOrderAndReadBackTheSame() throws {
        let folder = try Fixtures.temporaryDirectory()
        let store = try StorePlays.store(folder)
        let plays = (0..<25).map { StorePlays.layout("l\($0)", at: Double($0) * 10) }
        try store.write(closed: Array(plays[0..<10]), playing: nil)
        try store.write(closed: Array(plays[10...]), playing: [])
        let first = try #require(try store.nextBatch(maxLines: 10))
        #expect(first.id.hasPrefix("000000000001-000000000010-") && first.id.count == 34, "\(first.id)")
        // A store made anew (the old file deleted) numbers from 1 again, under another tag: its
        // batches never replace the old store's files on the server.
        let again = try StorePlays.store(try Fixtures.temporaryDirectory())
        try again.write(closed: Array(plays[0..<10]), playing: [])
        let renewed = try #require(try again.nextBatch(maxLines: 10))
        #expect(renewed.firstSequence == 1 && renewed.id != first.id, "\(renewed.id)")
        #expect(first.firstSequence == 1 && first.lastSequence == 10 && first.lineCount == 10)
        try store.confirm(first.id)
        let rest = try StorePlays.drain(store, maxLines: 10)
        let all = try StorePlays.lines(first) + rest
        #expect(all.map(\.sequence) == Array(1...25))
        #expect(all.map(\.line) == plays.map(ReportLine.play))
        // The body is the exact lines the records give.
        let text = plays[0..<10].enumerated().map { ReportLine.play($1).json(sequence: Int64($0 + 1)) + "\n" }.joined()
        #expect(first.body == Array(text.utf8))
    }

    @Test func aPendingBatchStaysTheSameUntilConfirmedAlsoAfterAReopen() throws {
        let folder = try Fixtures.temporaryDirectory()
        var store = try StorePlays.store(folder)
        try store.write(closed: (0..<5).map { StorePlays.layout("a\($0)", at: Double($0)) }, playing: nil)
        let batch = try #require(try store.nextBatch(maxLines: 3))
        // More records after the cut do not change it.
        try store.write(closed: [StorePlays.layout("b", at: 100)], playing: nil)
        #expect(try store.nextBatch(maxLines: 100) == batch)
        #expect(try store.backlog().pendingBatches == 1)
        store = try StorePlays.store(folder)
        #expect(try store.nextBatch(maxLines: 100) == batch)
        try store.confirm(batch.id)
        try store.confirm(batch.id)
        #expect(try store.backlog().pendingBatches == 0)
        let next = try #require(try store.nextBatch(maxLines: 100))
        #expect(next.id.hasPrefix("000000000004-000000000006-"))
        try store.confirm(next.id)
        #expect(try store.nextBatch(maxLines: 100) == nil)
        // Numbers go on after confirming and reopening: the next line is 7, not 1.
        store = try StorePlays.store(folder)
        try store.write(closed: [StorePlays.layout("c", at: 200)], playing: nil)
        #expect(try StorePlays.drain(store).map(\.sequence) == [7])
    }

    @Test func thePlaysACrashLeftInProgressComeBackOnceAsPowerLost() throws {
        let folder = try Fixtures.temporaryDirectory()
        let layout = StorePlays.layout("morning", at: 0, seconds: 60)
        let item = StorePlays.play(.item(layout: "morning", region: "ticker", index: 2), at: 5, seconds: 30)
        do {
            let store = try StorePlays.store(folder)
            try store.write(closed: [], playing: [StorePlays.inProgress(layout, until: 5)])
            try store.write(
                closed: [], playing: [StorePlays.inProgress(layout, until: 10), StorePlays.inProgress(item, until: 10)])
            // Dropped here without a last write: the player was killed.
        }
        let store = try StorePlays.store(folder)
        #expect(try store.backlog().inProgress == 2)
        #expect(try store.recover() == 2)
        #expect(try store.recover() == 0)
        #expect(try StorePlays.store(folder).recover() == 0)
        let lines = try StorePlays.drain(store)
        #expect(lines.map(\.sequence) == [1, 2])
        #expect(
            lines.compactMap { StorePlays.record($0.line) } == [
                StorePlays.inProgress(layout, until: 10), StorePlays.inProgress(item, until: 10),
            ])
    }

    @Test func aPlayClosedWithANewSetInProgressIsNotRecoveredAgain() throws {
        let folder = try Fixtures.temporaryDirectory()
        let first = StorePlays.layout("first", at: 0, seconds: 10)
        let second = StorePlays.layout("second", at: 10, seconds: 10)
        do {
            let store = try StorePlays.store(folder)
            try store.write(closed: [], playing: [StorePlays.inProgress(first, until: 5)])
            try store.write(closed: [first], playing: [StorePlays.inProgress(second, until: 10)])
        }
        let store = try StorePlays.store(folder)
        #expect(try store.recover() == 1)
        let plays = try StorePlays.drain(store).compactMap { StorePlays.record($0.line) }
        #expect(plays == [first, StorePlays.inProgress(second, until: 10)])
    }

    @Test func theFirstWriteRecoversBeforeReplacingThePlaysInProgress() throws {
        let folder = try Fixtures.temporaryDirectory()
        let old = StorePlays.layout("old", at: 0, seconds: 10)
        try StorePlays.store(folder).write(closed: [], playing: [StorePlays.inProgress(old, until: 7)])
        let store = try StorePlays.store(folder)
        let new = StorePlays.layout("new", at: 20, seconds: 10)
        try store.write(closed: [], playing: [StorePlays.inProgress(new, until: 21)])
        #expect(try StorePlays.drain(store).compactMap { StorePlays.record($0.line) } == [StorePlays.inProgress(old, until: 7)])
    }

    @Test func theBacklogIsReadFromAnotherConnectionReadOnly() throws {
        let folder = try Fixtures.temporaryDirectory()
        #expect(try PlayStore.readBacklog(folder: folder.appendingPathComponent("none").path) == .empty)
        let expected: Backlog
        do {
            let store = try StorePlays.store(folder)
            let plays = (0..<4).map { StorePlays.layout("l\($0)", at: Double($0) * 10) }
            try store.write(closed: plays, playing: [StorePlays.inProgress(StorePlays.layout("on", at: 40), until: 41)])
            let batch = try #require(try store.nextBatch(maxLines: 3))
            let bytes = Int64(batch.body.count + ReportLine.play(plays[3]).json(sequence: 4).utf8.count + 1)
            expected = Backlog(lines: 4, bytes: bytes, oldestStart: plays[0].start, pendingBatches: 1, inProgress: 1)
            #expect(try store.backlog() == expected)
            // While the player's store is open...
            #expect(try PlayStore.readBacklog(folder: folder.path) == expected)
        }
        // ...and after it closed (SQLite removed the WAL files then).
        #expect(try PlayStore.readBacklog(folder: folder.path) == expected)
    }

    @Test func aFolderThatCannotBeMadeSaysWhere() throws {
        let folder = try Fixtures.temporaryDirectory()
        let file = folder.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let error = #expect(throws: PlayStoreError.self) {
            try StorePlays.store(file.appendingPathComponent("plays"))
        }
        #expect(error?.description.contains(file.path) == true)
    }
}

@Suite struct PlayStoreBenchTests {
    /// The benchmark's figures count what was written (its times are for a program to print).
    @Test func theWriteBenchmarkCountsWhatItWrote() throws {
        let folder = try Fixtures.temporaryDirectory().path
        let figures = try PlayStore.measureWrites(folder: folder, writes: 5, recordsPerWrite: 4, logger: Fixtures.quietLogger)
        #expect(figures.writes == 5 && figures.records == 20)
        #expect(figures.slowest <= figures.total)
        let backlog = try PlayStore.readBacklog(folder: folder)
        #expect(backlog.lines == 20 && backlog.inProgress == 3)
    }
}
