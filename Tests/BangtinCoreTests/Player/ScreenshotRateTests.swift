import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// Screenshot requests are unsigned (anyone who can publish on a board's topic may send them):
/// docs/limits.md promises screenshots 10 s or more apart, whatever asks.
@Suite struct ScreenshotRateTests {
    let start = TestContent.at("2026-11-23T08:05:00")

    /// A board that reports, with screenshots only on request.
    func board() throws -> RecordingBoard {
        var config = PlayerConfig()
        config.report.isConfigured = true
        config.report.url = "http://127.0.0.1:9/report"
        config.report.screenshotEvery = 0
        var board = RecordingBoard(content: try TestContent.plain("#c00000", config: config), at: start)
        board.frame()
        return board
    }

    /// 1,000 requests 20 ms apart over 20 s of mock time, a frame after each: the first is taken
    /// on the next frame (t = 0.02 s), the requests within 10 s of it are one request, taken at
    /// the first frame 10 s after it (t = 10.02 s); the next would be due at 20.02 s, after the
    /// flood's last frame (t = 20.00 s). Exactly 2, where the bound is 1 + floor(20 / 10) = 3.
    @Test func aFloodOfRequestsGivesOneScreenshotPerTenSecondsTheFirstAtOnce() throws {
        var board = try board()
        let flood = board.now
        for _ in 0..<1_000 {
            board.send(.screenshotRequested)
            board.advance(20_000_000)
        }
        let times = board.screenshots.map { Double($0.at.nanoseconds(since: flood)) / 1e9 }
        #expect(times.count == 2, "\(times)")
        #expect(times.count <= 1 + 20 / 10)
        #expect(times.first.map { $0 <= 0.021 } == true, "the first at once: \(times)")
        #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 >= 10 }, "\(times)")
        // One info line per 10 s at most (the request waiting at the end is the third); the
        // rest of the flood at debug.
        let info = board.logs.filter { $0.0 != .debug && $0.1.contains("screenshot asked") }
        #expect(info.count <= 1 + 20 / 10, "\(info.map(\.1))")
        #expect(board.logs.filter { $0.0 == .debug && $0.1.contains("screenshot asked") }.count >= 990)
    }

    /// A request within 10 s of a screenshot is not lost: it is taken when they have passed.
    @Test func aRequestSoonAfterAScreenshotWaitsForTheSpacing() throws {
        var board = try board()
        let asked = board.now
        board.send(.screenshotRequested)
        board.advance(20_000_000)
        #expect(board.screenshots.count == 1)
        board.run(until: asked.advanced(byNanoseconds: 3_000_000_000))
        board.send(.screenshotRequested)
        board.run(until: asked.advanced(byNanoseconds: 9_900_000_000))
        #expect(board.screenshots.count == 1, "not before 10 s")
        board.run(until: asked.advanced(byNanoseconds: 10_100_000_000))
        #expect(board.screenshots.count == 2)
        board.run(until: asked.advanced(byNanoseconds: 40_000_000_000))
        #expect(board.screenshots.count == 2, "one request, one screenshot")
    }
}
