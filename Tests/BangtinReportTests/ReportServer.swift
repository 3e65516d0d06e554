import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Testing

/// A WebDAV nginx on loopback standing in for the source system, and what reached it.
final class ReportServer {
    let root: URL
    let nginx: Nginx

    /// Starts one storing into a fresh folder (see `Nginx.webDAV` for the parameters).
    init(locations: String = "", port: Int? = nil) throws {
        root = try Fixtures.temporaryDirectory()
        do {
            nginx = try Nginx.webDAV(root: root, locations: locations, port: port)
        } catch {
            try? FileManager.default.removeItem(at: root)
            throw error
        }
    }

    deinit { stop() }

    func stop() {
        nginx.stop()
        try? FileManager.default.removeItem(at: root)
    }

    /// The batch files of `board` (a folder under the root), by name.
    func batchFiles(board: String) -> [String] {
        let folder = root.appendingPathComponent("\(board)/plays").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
    }

    /// The sequence numbers of every line of every batch file of `board`, files in name order
    /// (gzip files inflated).
    func sequences(board: String) throws -> [Int64] {
        var sequences: [Int64] = []
        for name in batchFiles(board: board) {
            var bytes = Array(try Data(contentsOf: root.appendingPathComponent("\(board)/plays/\(name)")))
            if name.hasSuffix(".gz") { bytes = try Gzip.decompress(bytes, limit: 1 << 30) }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text.hasSuffix("\n"), "\(name) ends its last line")
            for line in text.split(separator: "\n") { sequences.append(try ReportLine.decode(String(line)).sequence) }
        }
        return sequences
    }

    /// The bytes of `path` on the server, if it is there.
    func file(_ path: String) -> [UInt8]? {
        (try? Data(contentsOf: root.appendingPathComponent(path))).map(Array.init)
    }

    /// Request lines of the access log with `method`, in order ("PUT /b1/status.json").
    func requests(_ method: String) -> [String] {
        nginx.accessLog.split(separator: "\n").compactMap { line in
            guard let start = line.firstIndex(of: "\"") else { return nil }
            let request = line[line.index(after: start)...].prefix { $0 != "\"" }
            return request.hasPrefix(method + " ") ? String(request.dropLast(" HTTP/1.1".count)) : nil
        }
    }
}

/// Plays for tests: `count` records of a board, a second apart.
func plays(_ count: Int, board: String = "hn-001") -> [PlayRecord] {
    (0..<count).map { index in
        let start = Instant(nanosecondsSinceEpoch: 1_760_000_000_000_000_000 + Int64(index) * 1_000_000_000)
        return PlayRecord(
            board: board, contentVersion: "42", entry: "morning",
            subject: .item(layout: "news", region: "main", index: index % 7),
            start: start, end: Instant(nanosecondsSinceEpoch: start.nanosecondsSinceEpoch + 900_000_000),
            outcome: .completed, brightness: 80, lit: true)
    }
}

/// Backoff for tests: 10 ms growing to 50 ms.
let quickBackoff = Backoff(base: .milliseconds(10), cap: .milliseconds(50))

/// Waits until `condition` holds, up to `seconds`; whether it did. (A real server and a thread
/// are being watched: there is no clock to advance.)
func eventually(_ seconds: Double = 20, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while !condition() {
        guard Date() < deadline else { return false }
        usleep(5_000)
    }
    return true
}
