import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Logging
import Testing

@Suite struct PlayStoreBudgetTests {
    /// 120 plays a minute apart of three layouts in turn, over two UTC hours (08:00-10:00 +07).
    static let plays = (0..<120).map { n in StorePlays.layout(["a", "b", "c"][n % 3], at: Double(n) * 60, seconds: 45) }

    @Test func theOldestLinesAreSummarisedPerItemAndHourWhenTheStoreIsFull() throws {
        let folder = try Fixtures.temporaryDirectory()
        let log = LogLines()
        let logger = Logger(label: "test") { _ in log }
        let lineBytes = Int64(ReportLine.play(Self.plays[0]).json(sequence: 100).utf8.count + 1)
        let budget = lineBytes * 30
        let store = try StorePlays.store(folder, budget: budget, logger: logger)
        // A batch cut before the store fills is never touched.
        try store.write(closed: Array(Self.plays[0..<5]), playing: nil)
        let pending = try #require(try store.nextBatch(maxLines: 5))
        for play in Self.plays[5...] { try store.write(closed: [play], playing: nil) }
        #expect(try store.nextBatch(maxLines: 1000) == pending)
        #expect(try StorePlays.lines(pending).map(\.line) == Self.plays[0..<5].map(ReportLine.play))
        let backlog = try store.backlog()
        #expect(backlog.bytes - Int64(pending.body.count) <= budget)
        #expect(log.firstLine(containing: "summarised the") != nil)

        let lines = try StorePlays.drain(store)
        // Board order kept: numbers rise, summaries (of older plays) before the plays left.
        #expect(lines.map(\.sequence) == lines.map(\.sequence).sorted())
        #expect(Set(lines.map(\.sequence)).count == lines.count)
        #expect(lines.first?.sequence == 1)
        let firstPlay = try #require(lines.dropFirst(5).firstIndex { StorePlays.record($0.line) != nil })
        #expect(lines[5..<firstPlay].allSatisfy { if case .summary = $0.line { true } else { false } })
        #expect(lines[firstPlay...].allSatisfy { StorePlays.record($0.line) != nil })
        #expect(firstPlay > 5)
        // The plays left are the newest, as written.
        let left = lines[firstPlay...].compactMap { StorePlays.record($0.line) }
        #expect(left == Array(Self.plays.suffix(left.count)))
        // Counts and seconds per layout per hour are right, and nothing is lost.
        let summaries = lines.compactMap { line -> PlaySummary? in
            if case .summary(let summary) = line.line { summary } else { nil }
        }
        let summarised = Self.plays[5..<(120 - left.count)]
        #expect(Set(summaries) == Set(PlaySummary.fold(summarised.map(ReportLine.play))))
        #expect(summaries.reduce(0) { $0 + $1.plays } == summarised.count)
        #expect(summaries.reduce(Int64(0)) { $0 + $1.nanoseconds } == Int64(summarised.count) * 45_000_000_000)
        // "a" played 20 times from eight to nine, two of them in the pending batch.
        let eight = Fixtures.instant("2026-11-24T08:00:00+07:00")
        let first = try #require(summaries.first { $0.subject == .layout("a") && $0.hour == eight })
        #expect(first.plays == 18 && first.nanoseconds == 18 * 45_000_000_000)
    }

    @Test func summariesAreFoldedAgainWhenTheStoreFillsOnceMore() throws {
        let folder = try Fixtures.temporaryDirectory()
        let lineBytes = Int64(ReportLine.play(Self.plays[0]).json(sequence: 100).utf8.count + 1)
        let store = try StorePlays.store(folder, budget: lineBytes * 12)
        for play in Self.plays { try store.write(closed: [play], playing: nil) }
        let lines = try StorePlays.drain(store)
        #expect(lines.map(\.sequence) == lines.map(\.sequence).sorted())
        let total = lines.reduce(into: (plays: 0, nanoseconds: Int64(0))) { sum, line in
            switch line.line {
            case .play(let play): sum = (sum.plays + 1, sum.nanoseconds + play.durationNanoseconds)
            case .summary(let summary): sum = (sum.plays + summary.plays, sum.nanoseconds + summary.nanoseconds)
            }
        }
        #expect(total.plays == 120)
        #expect(total.nanoseconds == 120 * 45_000_000_000)
        // At most one summary per layout per hour: summaries merge with the summaries they follow.
        let summaries = lines.filter { if case .summary = $0.line { true } else { false } }
        #expect(summaries.count <= 6)
    }
}
