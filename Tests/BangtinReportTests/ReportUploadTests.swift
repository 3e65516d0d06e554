import BangtinCore
import BangtinNet
import BangtinReport
import BangtinTestSupport
import Foundation
import Logging
import Testing

/// Reports uploaded by HTTP PUT to a real nginx with its WebDAV module on loopback.
@Suite struct ReportUploadTests {
    let board = "hn-001"

    func uploader(
        to base: String, _ source: any BatchSource, link: LinkOptions = LinkOptions(), logger: Logger = Fixtures.quietLogger,
        gzip: Bool = false
    ) throws -> ReportUploader {
        try ReportUploader(
            baseURL: base, board: board, link: link, source: source, logger: logger, backoff: quickBackoff,
            idleWait: .milliseconds(50), clock: { Fixtures.instant("2026-11-24T08:00:00+07:00") }, gzip: gzip)
    }

    /// `report.gzip`: the same lines, each once, as `.ndjson.gz` files a tenth of the size or
    /// less; a batch sent again after a lost answer is the same bytes.
    @Test func gzipBatchesCarryTheSameLinesInFewerBytes() throws {
        let server = try ReportServer()
        let source = MemoryBatches(plays(2_000), batchLines: 500)
        let plain = try source.nextBatch().map { $0.body.count } ?? 0
        let uploader = try uploader(to: server.nginx.baseURL + "reports", source, gzip: true)
        uploader.start()
        defer { uploader.stop() }
        #expect(eventually { source.isEmpty })
        #expect(try server.sequences(board: "reports/" + board) == Array(1...2_000))
        let files = server.batchFiles(board: "reports/" + board)
        #expect(files.count == 4 && files.allSatisfy { $0.hasSuffix(".ndjson.gz") }, "\(files)")
        let first = try #require(server.file("reports/\(board)/plays/\(files[0])"))
        #expect(first.count * 8 < plain, "\(first.count) bytes against \(plain) plain")
        #expect(uploader.snapshot.bodyBytesSent < 2_000 * 200 / 8)
        #expect(Gzip.compress(Array("a line\n".utf8)) == Gzip.compress(Array("a line\n".utf8)), "no time in the header")
    }

    @Test func fiveThousandRecordsArriveInOrderEachOnce() throws {
        let server = try ReportServer()
        let source = MemoryBatches(plays(5_000), batchLines: 500)
        let uploader = try uploader(to: server.nginx.baseURL + "reports", source)
        uploader.start()
        defer { uploader.stop() }
        #expect(eventually { source.isEmpty })
        #expect(try server.sequences(board: "reports/" + board) == Array(1...5_000))
        #expect(server.batchFiles(board: "reports/" + board).count == 10)
        #expect(server.batchFiles(board: "reports/" + board).first == "000000000001-000000000500.ndjson")
        let snapshot = uploader.snapshot
        #expect(snapshot.batchesSent == 10 && snapshot.failures == 0)
        #expect(snapshot.lastSuccess == Fixtures.instant("2026-11-24T08:00:00+07:00"), "the board's clock, injected")
        #expect(snapshot.bodyBytesSent > 5_000 * 200 && snapshot.wireBytes > snapshot.bodyBytesSent)
        let puts = server.requests("PUT")
        #expect(puts.count == 10 && puts.allSatisfy { $0.hasPrefix("PUT /reports/hn-001/plays/") })
    }

    @Test func answersLostAfterTheServerStoredABatchCountNothingTwice() throws {
        let server = try ReportServer()
        let proxy = try FaultProxy(to: server.nginx.port, faults: .init(dropResponseEvery: 3))
        defer { proxy.stop() }
        let source = MemoryBatches(plays(5_000), batchLines: 500)
        let uploader = try uploader(to: proxy.baseURL, source)
        uploader.start()
        defer { uploader.stop() }
        #expect(eventually { source.isEmpty })
        #expect(try server.sequences(board: board) == Array(1...5_000))
        #expect(source.confirmed.count == 10)
        #expect(proxy.droppedResponses > 0)
        // Each lost answer made the same batch go again, replacing its file.
        let puts = server.nginx.accessLog { $0.components(separatedBy: "PUT ").count > 10 + proxy.droppedResponses }
        #expect(puts.components(separatedBy: "PUT ").count - 1 >= 10 + proxy.droppedResponses)
        #expect(puts.contains("\" 204 "), "a batch sent again replaced its file")
        print("lost answers: \(proxy.droppedResponses) of \(proxy.responses); uploader failures: \(uploader.snapshot.failures)")
    }

    @Test func aBatchStoredButNeverAnsweredIsSentAgainAndReplaced() throws {
        let server = try ReportServer()
        // Every answer lost: curl's own retry on a fresh connection loses its answer too.
        let proxy = try FaultProxy(to: server.nginx.port, faults: .init(dropResponseEvery: 1))
        defer { proxy.stop() }
        let source = MemoryBatches(plays(1_000), batchLines: 500)
        let uploader = try uploader(to: proxy.baseURL, source)
        uploader.start()
        defer { uploader.stop() }
        #expect(eventually { uploader.snapshot.consecutiveFailures >= 2 })
        #expect(server.batchFiles(board: board) == ["000000000001-000000000500.ndjson"], "stored, though never answered")
        #expect(source.confirmed.isEmpty && source.handedOut["000000000001-000000000500"] ?? 0 >= 2)
        #expect(uploader.snapshot.lastError?.contains("batch 000000000001-000000000500 not stored") == true)

        proxy.faults = .none
        #expect(eventually { source.isEmpty })
        #expect(try server.sequences(board: board) == Array(1...1_000))
        #expect(source.confirmed == ["000000000001-000000000500", "000000000501-000000001000"])
        #expect(uploader.snapshot.batchesSent == 2 && uploader.snapshot.consecutiveFailures == 0)
    }

    @Test func aServerDownAtFirstGetsEverythingOnceItIsUp() throws {
        let port = try Loopback.freePort()
        let source = MemoryBatches(plays(1_200), batchLines: 500)
        let uploader = try uploader(to: "http://127.0.0.1:\(port)/", source)
        uploader.offerStatus(Array(#"{"board":"hn-001"}"#.utf8))
        uploader.start()
        defer { uploader.stop() }
        #expect(eventually { uploader.snapshot.consecutiveFailures >= 3 })
        #expect(uploader.snapshot.lastError?.contains("127.0.0.1:\(port)") == true)
        #expect(source.confirmed.isEmpty)

        let server = try ReportServer(port: port)
        #expect(eventually { source.isEmpty })
        #expect(try server.sequences(board: board) == Array(1...1_200))
        #expect(server.file("hn-001/status.json") == Array(#"{"board":"hn-001"}"#.utf8))
        #expect(uploader.snapshot.consecutiveFailures == 0 && uploader.snapshot.batchesSent == 3)
    }

    @Test func theNewestStatusAndScreenshotGoFirstWithTheirExactBytes() throws {
        let server = try ReportServer()
        let source = MemoryBatches(plays(3_000), batchLines: 500)
        let uploader = try uploader(to: server.nginx.baseURL, source)
        let screens = (1...3).map { shot in [0x89, 0x50, 0x4E, 0x47] + (0..<50_000).map { UInt8(truncatingIfNeeded: $0 * shot) } }
        for number in 1...3 {
            uploader.offerStatus(Array(#"{"board":"hn-001","n":\#(number),"tên":"Bảng tin"}"#.utf8))
            uploader.offerScreenshot(screens[number - 1])
        }
        uploader.start()
        defer { uploader.stop() }
        #expect(eventually { source.isEmpty })
        #expect(server.file("hn-001/status.json") == Array(#"{"board":"hn-001","n":3,"tên":"Bảng tin"}"#.utf8))
        #expect(server.file("hn-001/screen.png") == screens[2])
        #expect(uploader.snapshot.statusesSent == 1 && uploader.snapshot.screenshotsSent == 1)
        let puts = server.requests("PUT")
        #expect(Array(puts.prefix(2)) == ["PUT /hn-001/status.json", "PUT /hn-001/screen.png"])

        // Offered while running: sent at once, the newest replacing the file.
        uploader.offerStatus(Array(#"{"n":4}"#.utf8))
        #expect(eventually { server.file("hn-001/status.json") == Array(#"{"n":4}"#.utf8) })
    }

    @Test func aWrongTokenIsRefusedWith401AndNothingIsConfirmed() throws {
        let server = try ReportServer(locations: #"if ($http_authorization != "Bearer right") { return 401; }"#)
        let source = MemoryBatches(plays(1_000), batchLines: 500)
        var link = LinkOptions()
        link.bearerToken = "wrong"
        let log = LogLines()
        let refused = try uploader(to: server.nginx.baseURL, source, link: link, logger: Logger(label: "test") { _ in log })
        refused.start()
        #expect(eventually { refused.snapshot.consecutiveFailures >= 3 })
        refused.stop()
        #expect(refused.snapshot.lastError?.contains("401") == true, "\(refused.snapshot.lastError ?? "")")
        #expect(log.firstLine(containing: "401")?.contains("trying again") == true)
        #expect(source.confirmed.isEmpty && source.handedOut.keys.count == 1, "the same first batch, again and again")
        #expect(server.batchFiles(board: board).isEmpty)

        link.bearerToken = "right"
        let allowed = try uploader(to: server.nginx.baseURL, source, link: link)
        allowed.start()
        defer { allowed.stop() }
        #expect(eventually { source.isEmpty })
        #expect(try server.sequences(board: board) == Array(1...1_000))
    }

    @Test func stopEndsALongBackoffAtOnce() throws {
        let port = try Loopback.freePort()
        let source = MemoryBatches(plays(10), batchLines: 500)
        let uploader = try ReportUploader(
            baseURL: "http://127.0.0.1:\(port)/", board: board, link: LinkOptions(), source: source,
            logger: Fixtures.quietLogger, backoff: Backoff(base: .seconds(600), cap: .seconds(600)))
        uploader.start()
        #expect(eventually { uploader.snapshot.consecutiveFailures == 1 })
        let asked = Date()
        uploader.stop()
        #expect(eventually(2) { !uploader.isRunning })
        #expect(Date().timeIntervalSince(asked) < 1)
    }
}
