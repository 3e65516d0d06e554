import BangtinNet
import BangtinTestSupport
import Foundation
import Testing

/// libcurl through the C shim: real transfers of local files (HTTP against nginx arrives with
/// content sync).
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

    @Test func missingFileIsATypedError() throws {
        #expect(throws: TransferError.self) { try Transfer().get("file:///nonexistent/bangtin/x.json") }
    }

    @Test func versionNamesLibcurl() {
        #expect(CurlRuntime.version.hasPrefix("libcurl/"))
    }
}
