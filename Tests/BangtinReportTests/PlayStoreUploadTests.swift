import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Testing

/// The board's real play store (SQLite) uploaded to nginx's WebDAV through a link that loses
/// answers after the server stored the batch.
@Suite struct PlayStoreUploadTests {
    @Test func theStoreDrainsInOrderEachRecordOnceThroughLostAnswers() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try PlayStore(
            folder: folder.path, board: "hn-001", budgetBytes: 64 << 20, batchLines: 500, logger: Fixtures.quietLogger)
        let records = plays(5_000)
        for start in stride(from: 0, to: records.count, by: 250) {
            try store.write(closed: Array(records[start..<start + 250]), playing: nil)
        }
        let server = try ReportServer()
        let proxy = try FaultProxy(to: server.nginx.port, faults: .init(dropResponseEvery: 3))
        defer { proxy.stop() }
        let uploader = try ReportUploader(
            baseURL: proxy.baseURL, board: "hn-001", link: .init(), source: store, logger: Fixtures.quietLogger,
            backoff: quickBackoff, idleWait: .milliseconds(50))
        uploader.start()
        defer { uploader.stop() }
        #expect(eventually { (try? store.backlog().lines) == 0 && uploader.snapshot.batchesSent == 10 })
        #expect(try server.sequences(board: "hn-001") == Array(1...5_000))
        #expect(try store.nextBatch() == nil)
        #expect(proxy.droppedResponses > 0)
    }
}
