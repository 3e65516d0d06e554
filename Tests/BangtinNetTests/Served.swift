import BangtinNet
import BangtinTestSupport
import Foundation

/// A folder of files served by a fresh nginx, for one test (each test its own: they run in
/// parallel).
final class Served {
    /// 300 000 bytes of a pattern that repeats only every 251 bytes: a shifted range shows.
    static let big = pattern(300_000)
    static let small = Array("Bản tin sáng: giá xăng giảm.\n".utf8)

    let folder: URL
    let nginx: Nginx

    /// Serves `big.bin`, `small.txt` and `private/secret.txt` (for "Bearer xyz" only), with a
    /// redirect `/moved` to `/small.txt` and `/echo/board` answering the X-Board header it got.
    init() throws {
        folder = try Fixtures.temporaryDirectory()
        try Data(Self.big).write(to: folder.appendingPathComponent("big.bin"))
        try Data(Self.small).write(to: folder.appendingPathComponent("small.txt"))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("private"), withIntermediateDirectories: true)
        try Data("mật".utf8).write(to: folder.appendingPathComponent("private/secret.txt"))
        do {
            nginx = try Nginx(
                serving: folder,
                locations: """
                    location /private/ { if ($http_authorization != "Bearer xyz") { return 401; } }
                    location = /moved { return 302 /small.txt; }
                    location = /echo/board { return 200 "$http_x_board"; }
                    location = /echo/encoding { return 200 "$http_accept_encoding"; }
                    """)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
    }

    deinit { stop() }

    /// The URL of `path` on the server.
    func url(_ path: String) -> String { nginx.baseURL + path }

    /// Stops nginx and removes the files.
    func stop() {
        nginx.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    static func pattern(_ count: Int) -> [UInt8] { (0..<count).map { UInt8(truncatingIfNeeded: $0 % 251) } }
}

/// A fetch kept in memory, with the order in which the closures were called.
struct Fetched {
    var response: Response
    var body: [UInt8]
    /// "head" then "body" for each piece.
    var calls: [String]
    var heads: [ResponseHead]
}

extension Transfer {
    /// Fetches `request` into memory; `stopAfter` pieces of body, stops (returns false).
    func collect(_ request: Request, stopAfter pieces: Int = .max) throws(TransferError) -> Fetched {
        var body = [UInt8]()
        var calls = [String]()
        var heads = [ResponseHead]()
        let response = try fetch(
            request,
            onHead: { head in
                calls.append("head")
                heads.append(head)
                return true
            },
            onBody: { piece in
                calls.append("body")
                body.append(contentsOf: piece)
                return calls.count - 1 < pieces
            })
        return Fetched(response: response, body: body, calls: calls, heads: heads)
    }

    /// The kind of error fetching `request` throws, nil if it succeeds.
    func fetchError(_ request: Request, onBody: (UnsafeRawBufferPointer) -> Bool = { _ in true }) -> TransferError? {
        do {
            _ = try fetch(request, onHead: { _ in true }, onBody: onBody)
            return nil
        } catch {
            return error
        }
    }
}

/// Seconds `body` took.
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}
