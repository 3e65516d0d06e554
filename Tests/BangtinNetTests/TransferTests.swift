import BangtinNet
import BangtinTestSupport
import Foundation
import Testing

/// libcurl through the C shim on local files: no server needed.
@Suite struct TransferTests {
    @Test func fetchesAFileURL() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("tin.txt")
        try "Bản tin sáng".write(to: file, atomically: true, encoding: .utf8)
        let (status, body) = try Transfer().get(file.absoluteString)
        #expect(status == 0)
        #expect(String(decoding: body, as: UTF8.self) == "Bản tin sáng")
    }

    @Test func streamsAFileURLWithStatusZero() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.bin")
        try Data(Served.big).write(to: file)
        let fetched = try Transfer().collect(Request(url: file.absoluteString, rangeFrom: 1_000))
        #expect(fetched.heads.map(\.status) == [0])
        #expect(fetched.calls.first == "head")
        #expect(fetched.body == Array(Served.big[1_000...]))
        #expect(fetched.response.bodyBytes == Int64(Served.big.count - 1_000))
    }

    @Test func aBodyOverTheCapStops() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.bin")
        try Data(Served.big).write(to: file)
        let error = #expect(throws: TransferError.self) { try Transfer().get(file.absoluteString, maxBytes: 1_000) }
        #expect(error?.kind == .stoppedByReceiver)
        #expect(error?.description.contains("1000 bytes") == true)
        #expect(try Transfer().get(file.absoluteString, maxBytes: Served.big.count).body == Served.big)
    }

    @Test func missingFileIsATypedError() throws {
        let error = #expect(throws: TransferError.self) { try Transfer().get("file:///nonexistent/bangtin/x.json") }
        #expect(error?.kind == .other)
        #expect(error?.url == "file:///nonexistent/bangtin/x.json")
    }

    @Test func otherProtocolsAreRefused() throws {
        let error = #expect(throws: TransferError.self) { try Transfer().get("ftp://127.0.0.1/x.json") }
        #expect(error?.kind == .other)
    }

    @Test func headerLinesWithLineBreaksAreRefused() throws {
        let request = Request(url: "file:///dev/null", headers: ["X-Board: b1\r\nX-Evil: 1"])
        #expect(try Transfer().fetchError(request)?.kind == .other)
    }

    @Test func headerNamesAreCaseInsensitive() {
        let head = ResponseHead(status: 200, headers: ["ETag": "\"a\"", "Content-Length": "3"])
        #expect(head["etag"] == "\"a\"")
        #expect(head["CONTENT-LENGTH"] == "3")
        #expect(head.headers["content-length"] == "3")
    }

    @Test func versionNamesLibcurl() {
        #expect(CurlRuntime.version.hasPrefix("libcurl/"))
    }
}
