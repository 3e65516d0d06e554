import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Testing

/// `bangtin plays table` over a folder as the source system holds it: plain and gzip batches
/// (`report.gzip`), a line uploaded twice counted once, a damaged file skipped and named.
@Suite struct PlaysTableTests {
    static func line(_ sequence: Int64, _ layout: String, minute: Int) -> String {
        let start = Fixtures.instant("2026-11-24T08:00:00+07:00").advanced(byNanoseconds: Int64(minute) * 60_000_000_000)
        let play = PlayRecord(
            board: "cho-dam-01", contentVersion: "2026-11-24.1", entry: "sang", subject: .layout(layout), start: start,
            end: start.advanced(byNanoseconds: 60_000_000_000), outcome: .completed, brightness: 80, lit: true)
        return ReportLine.play(play).json(sequence: sequence) + "\n"
    }

    @Test func plainAndGzipBatchesMakeOneTable() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let plays = root.appendingPathComponent("cho-dam-01/plays")
        try FileManager.default.createDirectory(at: plays, withIntermediateDirectories: true)
        let first = (1...3).map { Self.line(Int64($0), "tin-sang", minute: $0) }.joined()
        try Data(first.utf8).write(to: plays.appendingPathComponent("000000000001-000000000003-0a1b2c3d.ndjson"))
        // Line 3 again (sent twice), then 4 and 5, compressed.
        let second = [
            Self.line(3, "tin-sang", minute: 3), Self.line(4, "lich-tiem", minute: 4), Self.line(5, "lich-tiem", minute: 5),
        ]
        .joined()
        try Data(Gzip.compress(Array(second.utf8))).write(
            to: plays.appendingPathComponent("000000000003-000000000005-0a1b2c3d.ndjson.gz"))
        var damaged = Gzip.compress(Array(second.utf8))
        damaged.removeLast(damaged.count / 2)
        try Data(damaged).write(to: plays.appendingPathComponent("000000000006-000000000008-0a1b2c3d.ndjson.gz"))
        let csv = root.appendingPathComponent("bang.csv").path
        let result = try Program.run(["plays", "table", root.path, "--out", csv])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("from 6 lines in 3 files (1 lines seen twice, counted once)"), "\(result.stdout)")
        #expect(result.stderr.contains("000000000006-000000000008-0a1b2c3d.ndjson.gz") && result.stderr.contains("file skipped"))
        let table = try String(contentsOfFile: csv, encoding: .utf8)
        #expect(table.contains("tin-sang") && table.contains("lich-tiem"), "\(table)")
    }
}
