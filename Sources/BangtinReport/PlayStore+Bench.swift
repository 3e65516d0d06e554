import BangtinCore
import Foundation
import Logging

extension PlayStore {
    /// What `measureWrites` found.
    public struct WriteFigures: Sendable {
        /// Transactions written, and play records in them.
        public var writes: Int
        public var records: Int
        /// Wall time for all the writes.
        public var total: Duration
        /// Wall time for the slowest write.
        public var slowest: Duration
        /// The file's size at the end (without its WAL).
        public var fileBytes: Int64
    }

    /// Times `writes` writes of `recordsPerWrite` closed layout plays each, with a set of three
    /// plays in progress, into a fresh store in `folder`: for a benchmark program to print
    /// (a board's writer thread makes one such write every few seconds).
    public static func measureWrites(
        folder: String, writes: Int, recordsPerWrite: Int, logger: Logger
    ) throws -> WriteFigures {
        let store = try PlayStore(folder: folder, board: "bench", budgetBytes: .max, logger: logger)
        let clock = ContinuousClock()
        var start = Instant(secondsSinceEpoch: 1_795_000_000)
        var slowest = Duration.zero
        let began = clock.now
        for _ in 0..<writes {
            var closed: [PlayRecord] = []
            for n in 0..<recordsPerWrite {
                let end = start.advanced(byNanoseconds: 10_000_000_000)
                closed.append(
                    PlayRecord(
                        board: "bench", contentVersion: "2026-11-24.1", entry: "morning", subject: .layout("layout-\(n)"),
                        start: start, end: end, outcome: .completed, brightness: 80, lit: true))
                start = end
            }
            let playing = closed.suffix(3).map { play in
                var play = play
                play.outcome = .interrupted(.powerLost)
                return play
            }
            let before = clock.now
            try store.write(closed: closed, playing: playing)
            slowest = max(slowest, clock.now - before)
        }
        let total = clock.now - began
        let size = (try? FileManager.default.attributesOfItem(atPath: folder + "/" + fileName))?[.size] as? Int ?? 0
        return WriteFigures(
            writes: writes, records: writes * recordsPerWrite, total: total, slowest: slowest, fileBytes: Int64(size))
    }
}
