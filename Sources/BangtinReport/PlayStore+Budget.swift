import BangtinCore
import GRDB

/// What keeping to the budget did, for the log.
struct Summarised {
    var plays: Int
    var lines: Int
    var summaries: Int
    var sequences: ClosedRange<Int64>
    var bytesBefore: Int64
    var bytesAfter: Int64
}

extension PlayStore {
    /// If the lines not yet batched take more than the budget, folds the oldest into hourly
    /// summaries (counts and seconds per item per hour) until they take about 80 % of it.
    ///
    /// The summaries take the sequence numbers of the lines they replace, lowest first, so the
    /// server sees them in board order and no number comes back. Lines in a pending batch are
    /// not among the lines, so they are never touched.
    func keepToBudget(_ db: Database) throws -> Summarised? {
        let total = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(bytes), 0) FROM lines") ?? 0
        guard total > budgetBytes else {
            budgetRetryAbove.withLock { $0 = nil }
            return nil
        }
        // Folding everything left gained too little last time: wait for a tenth of the budget more.
        if let retry = budgetRetryAbove.withLock({ $0 }), total < retry { return nil }
        let target = budgetBytes / 5 * 4
        var reader = try OldestLines(db)
        var need = total - target
        var plan: (summaries: [PlaySummary], bytes: Int64)
        while true {
            try reader.read(bytes: need)
            plan = fold(reader.taken)
            let after = total - reader.bytes + plan.bytes
            if after <= target || reader.exhausted { break }
            need = reader.bytes + max(after - target, reader.bytes / 2)
        }
        let after = total - reader.bytes + plan.bytes
        let taken = reader.taken
        reader.close()
        budgetRetryAbove.withLock { $0 = after > budgetBytes ? after + budgetBytes / 10 : nil }
        guard after < total, let first = taken.first, let last = taken.last else { return nil }
        try db.execute(sql: "DELETE FROM lines WHERE seq <= ?", arguments: [last.sequence])
        for (summary, line) in zip(plan.summaries, taken) {
            try Self.insert(.summary(summary), sequence: line.sequence, db)
        }
        let plays = taken.count { if case .play = $0.line { true } else { false } }
        return Summarised(
            plays: plays, lines: taken.count, summaries: plan.summaries.count, sequences: first.sequence...last.sequence,
            bytesBefore: total, bytesAfter: after)
    }

    /// `lines` folded into summaries, and the bytes the summaries take numbered as they would be.
    private func fold(_ lines: [(sequence: Int64, line: ReportLine)]) -> (summaries: [PlaySummary], bytes: Int64) {
        let summaries = PlaySummary.fold(lines.map(\.line))
        // Folding never makes more groups than lines, so every summary has a number to take.
        precondition(summaries.count <= lines.count)
        let bytes = zip(summaries, lines).reduce(Int64(0)) {
            $0 + Int64(ReportLine.summary($1.0).json(sequence: $1.1.sequence).utf8.count + 1)
        }
        return (summaries, bytes)
    }

    func logSummarised(_ done: Summarised) {
        logger.warning(
            """
            The play store \(folder)/\(Self.fileName) held \(done.bytesBefore) bytes not yet sent, over its budget of \
            \(budgetBytes): summarised the \(done.plays) oldest play records (\(done.lines) lines, sequence numbers \
            \(done.sequences.lowerBound)-\(done.sequences.upperBound)) as \(done.summaries) hourly summaries; \
            \(done.bytesAfter) bytes left
            """, metadata: ["board": "\(board)"])
    }
}

/// The lines not yet batched, oldest first, read as far as needed.
private struct OldestLines {
    private var cursor: RowCursor?
    private(set) var taken: [(sequence: Int64, line: ReportLine)] = []
    private(set) var bytes: Int64 = 0
    private(set) var exhausted = false

    init(_ db: Database) throws {
        cursor = try Row.fetchCursor(db, sql: "SELECT seq, json, bytes FROM lines ORDER BY seq")
    }

    /// Reads lines until those taken hold at least `bytes` or there are no more. A line that
    /// cannot be read back ends the reading: it is kept as it is, and so is everything after it.
    mutating func read(bytes wanted: Int64) throws {
        while !exhausted, bytes < wanted {
            guard let row = try cursor?.next(), let line = try? ReportLine.decode(row["json"]) else {
                exhausted = true
                return
            }
            taken.append((row["seq"], line.line))
            bytes += row["bytes"] as Int64
        }
    }

    /// Lets the statement go before the table changes.
    mutating func close() { cursor = nil }
}
