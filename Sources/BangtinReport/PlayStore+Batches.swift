import BangtinCore
import Foundation
import GRDB

extension PlayStore: BatchSource {
    /// The batch waiting for the server's confirmation, the same id and bytes every time (also
    /// after a restart); if there is none, a new one cut from the oldest lines not yet batched
    /// and frozen; nil when there is nothing to send.
    public func nextBatch() throws -> ReportBatch? {
        try nextBatch(maxLines: batchLines)
    }

    /// `nextBatch()`, cutting at most `maxLines` lines into a new batch.
    public func nextBatch(maxLines: Int) throws -> ReportBatch? {
        try queue.write { db -> ReportBatch? in
            if let pending = try Row.fetchOne(
                db, sql: "SELECT id, first_seq, last_seq, line_count, body FROM batches ORDER BY first_seq LIMIT 1")
            {
                let body: Data = pending["body"]
                return ReportBatch(
                    id: pending["id"], body: [UInt8](body), firstSequence: pending["first_seq"],
                    lastSequence: pending["last_seq"], lineCount: pending["line_count"])
            }
            let rows = try Row.fetchAll(
                db, sql: "SELECT seq, json, start_ns FROM lines ORDER BY seq LIMIT ?", arguments: [max(1, maxLines)])
            guard let firstRow = rows.first, let lastRow = rows.last else { return nil }
            let first: Int64 = firstRow["seq"]
            let last: Int64 = lastRow["seq"]
            var body: [UInt8] = []
            var oldest = Int64.max
            for row in rows {
                body += (row["json"] as String).utf8
                body.append(UInt8(ascii: "\n"))
                oldest = min(oldest, row["start_ns"])
            }
            let id = ReportBatch.id(first: first, last: last, store: try Self.storeTag(db))
            // The lines move into the frozen body: what is sent again is what was cut.
            try db.execute(
                sql: """
                    INSERT INTO batches (id, first_seq, last_seq, line_count, oldest_start_ns, body)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [id, first, last, rows.count, oldest, Data(body)])
            try db.execute(sql: "DELETE FROM lines WHERE seq <= ?", arguments: [last])
            return ReportBatch(id: id, body: body, firstSequence: first, lastSequence: last, lineCount: rows.count)
        }
    }

    /// The server stored batch `id`: it and its lines are deleted. An unknown id (confirmed
    /// already, before a crash) changes nothing.
    public func confirm(_ id: String) throws {
        try queue.write { db in
            try db.execute(sql: "DELETE FROM batches WHERE id = ?", arguments: [id])
        }
    }
}
