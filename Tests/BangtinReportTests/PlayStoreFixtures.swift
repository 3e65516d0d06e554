import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Logging

/// Plays and stores for the play store's tests.
enum StorePlays {
    static let board = "hn-hoankiem-0001"
    static let morning = Fixtures.instant("2026-11-24T08:00:00+07:00")

    /// A play of `subject` from `offset` seconds after eight in the morning, `seconds` long.
    static func play(
        _ subject: PlayRecord.Subject, at offset: Double, seconds: Double, outcome: PlayRecord.Outcome = .completed
    ) -> PlayRecord {
        let start = morning.advanced(byNanoseconds: Int64(offset * 1e9))
        return PlayRecord(
            board: board, contentVersion: "2026-11-24.1", entry: "morning", subject: subject, start: start,
            end: start.advanced(byNanoseconds: Int64(seconds * 1e9)), outcome: outcome, brightness: 80, lit: true)
    }

    /// A layout play.
    static func layout(_ name: String, at offset: Double, seconds: Double = 10) -> PlayRecord {
        play(.layout(name), at: offset, seconds: seconds)
    }

    /// The same play, still on screen: ending at `offset` seconds, cut short by a power loss.
    static func inProgress(_ play: PlayRecord, until offset: Double) -> PlayRecord {
        var play = play
        play.end = morning.advanced(byNanoseconds: Int64(offset * 1e9))
        play.outcome = .interrupted(.powerLost)
        return play
    }

    /// A store in `folder`.
    static func store(_ folder: URL, budget: Int64 = 1 << 30, logger: Logger = Fixtures.quietLogger) throws -> PlayStore {
        try PlayStore(folder: folder.path, board: board, budgetBytes: budget, logger: logger)
    }

    /// The lines of a batch, decoded.
    static func lines(_ batch: ReportBatch) throws -> [(sequence: Int64, line: ReportLine)] {
        let text = String(decoding: batch.body, as: UTF8.self)
        guard text.hasSuffix("\n") else { throw FixtureError(message: "batch \(batch.id) does not end in a newline") }
        return try text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map {
            try ReportLine.decode(String($0))
        }
    }

    /// Everything the store holds, sent in batches of `maxLines` and confirmed, in order.
    static func drain(_ store: PlayStore, maxLines: Int = 1000) throws -> [(sequence: Int64, line: ReportLine)] {
        var all: [(sequence: Int64, line: ReportLine)] = []
        while let batch = try store.nextBatch(maxLines: maxLines) {
            all += try lines(batch)
            try store.confirm(batch.id)
        }
        return all
    }

    /// The play of a line (nil for a summary).
    static func record(_ line: ReportLine) -> PlayRecord? {
        if case .play(let play) = line { play } else { nil }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
