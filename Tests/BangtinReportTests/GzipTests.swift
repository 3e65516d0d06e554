import BangtinReport
import Foundation
import Testing

/// gzip for batches: what gzip(1) reads, the same bytes every time, and a capped, checked read.
@Suite struct GzipTests {
    static let text = Array(
        String(repeating: #"{"seq":1,"board":"cho-dam-01","kind":"play","what":"Lịch tiêm chủng tháng 12"}"# + "\n", count: 500)
            .utf8)

    @Test func gzipReadsWhatItWritesAndSoDoesGzip1() throws {
        let packed = Gzip.compress(Self.text)
        #expect(Gzip.isGzip(packed) && packed.count * 20 < Self.text.count)
        #expect(try Gzip.decompress(packed, limit: Self.text.count) == Self.text)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzip-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("batch.ndjson.gz")
        try Data(packed).write(to: file)
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-d", file.path]
        try gunzip.run()
        gunzip.waitUntilExit()
        #expect(gunzip.terminationStatus == 0)
        #expect(try Array(Data(contentsOf: folder.appendingPathComponent("batch.ndjson"))) == Self.text)
    }

    @Test func aDamagedCutOrSwollenFileIsRefused() throws {
        let packed = Gzip.compress(Self.text)
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array(packed.prefix(packed.count / 2)), limit: 1 << 20) }
        var damaged = packed
        damaged[damaged.count / 2] ^= 0xFF
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(damaged, limit: 1 << 20) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress([], limit: 1 << 20) }
        // A megabyte of zeros in a kilobyte: refused past the cap, before it is all inflated.
        let bomb = Gzip.compress([UInt8](repeating: 0, count: 1 << 20))
        #expect(bomb.count < 2_000)
        do {
            _ = try Gzip.decompress(bomb, limit: 100_000)
            Issue.record("a swollen file was inflated")
        } catch {
            #expect(error.description.contains("more than 100000 bytes"))
        }
    }
}
