import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

/// Report lines (what an uploaded batch holds), their summaries, the district's table and the
/// plays in progress a durable recorder keeps.
@Suite struct ReportLineTests {
    static let at = Fixtures.instant("2026-11-24T08:00:00+07:00")
    static func play(
        _ subject: PlayRecord.Subject, from seconds: Int64, lasting length: Int64,
        _ outcome: PlayRecord.Outcome = .completed
    ) -> PlayRecord {
        PlayRecord(
            board: "cho-tan-phu-01", contentVersion: "12", entry: "tin-sang", subject: subject,
            start: at.advanced(byNanoseconds: seconds * 1_000_000_000),
            end: at.advanced(byNanoseconds: (seconds + length) * 1_000_000_000 + 250_000_000), outcome: outcome,
            brightness: 80, lit: true)
    }

    @Test func everyKindOfLineReadsBackTheSame() throws {
        let lines: [ReportLine] = [
            .play(Self.play(.layout("sang"), from: 0, lasting: 42)),
            .play(Self.play(.item(layout: "sang", region: "thong-bao", index: 2), from: 0, lasting: 14, .interrupted(.alert))),
            .play(Self.play(.overlay("chu-chay"), from: 0, lasting: 600, .interrupted(.powerLost))),
            .play(Self.play(.alert("KH-PCTT-2026-0013"), from: 60, lasting: 90)),
            .summary(
                PlaySummary(
                    board: "cho-tan-phu-01", contentVersion: nil, entry: nil, subject: .layout("sang \"cũ\""),
                    hour: PlaySummary.hourStart(Self.at), plays: 7, nanoseconds: 294_000_000_000)),
        ]
        for (index, line) in lines.enumerated() {
            let json = line.json(sequence: Int64(index + 1))
            #expect(!json.contains("\n"))
            let (sequence, back) = try ReportLine.decode(json)
            #expect(sequence == Int64(index + 1))
            #expect(back == line, "\(json)")
            #expect(back.json(sequence: sequence) == json, "the same bytes again")
        }
        #expect(
            lines[0].json(sequence: 1)
                == #"{"seq":1,"board":"cho-tan-phu-01","bundle":"12","entry":"tin-sang","kind":"layout","layout":"sang","start":"2026-11-24T01:00:00Z","end":"2026-11-24T01:00:42.25Z","seconds":42.250,"outcome":"completed","cause":null,"brightness":80,"lit":true}"#
        )
        #expect(throws: ReportLineError.self) { try ReportLine.decode(#"{"seq":1,"board":"x","kind":"layout"}"#) }
        #expect(throws: ReportLineError.self) { try ReportLine.decode("not json") }
        #expect(ReportLine.seconds(-123_400_000) == "-0.123" && ReportLine.seconds(1_999_600_000) == "2.000")
        #expect(ReportLine.seconds(.min).hasPrefix("-9223372036.") && ReportLine.seconds(.max) == "9223372036.855")
    }

    @Test func summariesCountPlaysAndSecondsPerThingPerHour() {
        let lines: [ReportLine] = (0..<720).map { index in
            .play(Self.play(.item(layout: "sang", region: "thong-bao", index: index % 2), from: Int64(index) * 10, lasting: 9))
        }
        let summaries = PlaySummary.fold(lines)
        // Two hours (08:00–10:00 local), two items: four summaries of 180 plays each.
        #expect(summaries.count == 4)
        #expect(summaries.allSatisfy { $0.plays == 180 && $0.nanoseconds == 180 * 9_250_000_000 })
        #expect(
            summaries.map(\.hour)
                == [
                    Self.at, Self.at, Self.at.advanced(byNanoseconds: 3_600_000_000_000),
                    Self.at.advanced(byNanoseconds: 3_600_000_000_000),
                ].map(PlaySummary.hourStart))
        // Folding summaries again with newer plays merges them.
        let again = PlaySummary.fold(summaries.map { .summary($0) } + lines.prefix(2))
        #expect(again.count == 4 && again[0].plays == 181)
    }

    @Test func theTableCountsEachLineOncePerBoardDayAndItem() throws {
        var table = PlayTable(zone: "Asia/Ho_Chi_Minh")
        let late = Self.play(.layout("toi"), from: 16 * 3600 - 30, lasting: 60)  // 23:59:30 → next day 00:00:30
        let lines: [ReportLine] = [
            .play(Self.play(.layout("sang"), from: 0, lasting: 42)),
            .play(Self.play(.layout("sang"), from: 42, lasting: 10, .interrupted(.alert))),
            .play(late),
            .play(Self.play(.alert("KH-13"), from: 60, lasting: 90)),
        ]
        for (index, line) in lines.enumerated() { table.add(sequence: Int64(index + 1), line: line) }
        table.add(sequence: 2, line: lines[1])  // uploaded twice: counted once
        #expect(table.repeats == 1)
        // A store made anew numbers from 1 again: a different line under a number seen before counts.
        var renewed = PlayTable(zone: "Asia/Ho_Chi_Minh")
        renewed.add(sequence: 1, line: lines[0])
        renewed.add(sequence: 1, line: lines[2])
        #expect(renewed.repeats == 0 && renewed.rows.count == 2)
        #expect(
            table.csv
                == "board,day,kind,layout,region,item,entry,plays,completed,interrupted,seconds\r\n"
                + "cho-tan-phu-01,2026-11-24,alert,,,KH-13,tin-sang,1,1,0,90.250\r\n"
                + "cho-tan-phu-01,2026-11-24,layout,sang,,,tin-sang,2,1,1,52.500\r\n"
                + "cho-tan-phu-01,2026-11-24,layout,toi,,,tin-sang,1,1,0,60.250\r\n")
        #expect(PlayTable.field("Chợ, \"Tân Phú\"") == "\"Chợ, \"\"Tân Phú\"\"\"")
    }

    /// The machine hands out plays in progress after the records of the same event, and again
    /// every few seconds while nothing changes; closed plays are never among them.
    @Test func playsInProgressFollowTheirRecords() throws {
        var board = RecordingBoard(content: try TestContent.update("xa-tan-phu-tuan"), at: TestContent.at("2026-11-28T05:30:00"))
        board.run(until: TestContent.at("2026-11-28T05:40:00"))
        #expect(board.playing.count > 10)
        for (afterRecords, plays) in board.playing {
            #expect(plays.allSatisfy { $0.outcome == .interrupted(.powerLost) })
            let closed = Set(board.records.prefix(afterRecords).map { "\($0.subject)@\($0.start)" })
            #expect(plays.allSatisfy { !closed.contains("\($0.subject)@\($0.start)") }, "a closed play is not in progress")
        }
        // While a layout plays on for 42 s, its in-progress copy is saved again every 5 s.
        let gaps = zip(board.playing, board.playing.dropFirst()).compactMap { a, b -> Int64? in
            guard let x = a.plays.map(\.end).max(), let y = b.plays.map(\.end).max() else { return nil }
            return y.nanoseconds(since: x)
        }
        #expect(gaps.allSatisfy { $0 <= PlayerMachine.playingRefresh + 1_000_000_000 }, "\(gaps.max() ?? 0)")
        board.send(.terminate)
        board.frame()
        #expect(board.playing.last?.plays == [], "stopping closes everything in progress")
        #expect(board.stopped)
    }

    @Test func theStatusDocumentNamesWhatATechnicianAsksFirst() {
        var facts = BoardFacts()
        facts.clockBehindSeconds = 3_600
        facts.backlogLines = 1_234
        facts.recentErrors = [(Self.at, "sync: https://tinh.example/x: connection refused")]
        let status = BoardStatus(
            board: "cho-tan-phu-01", at: Self.at, uptimeNanoseconds: 90_500_000_000,
            showing: SceneDecision(layout: "sang", entry: "tin-sang", reason: .rotation), alerts: ["KH-13"], lit: true,
            brightness: 80, contentVersion: "12", contentProblem: nil, boardSize: PixelSize(width: 384, height: 192),
            renderer: "software", frames: FrameStats.Summary(p50Milliseconds: 0.4, p99Milliseconds: 1.2, frames: 18_000))
        let document = StatusDocument(status: status, facts: facts)
        #expect(document.clockLooksWrong)
        let json = document.json
        let parsed = try? JSONParser.parse(Array(json.utf8))
        #expect(parsed != nil, "\(json)")
        for part in [
            #""board": "cho-tan-phu-01""#, #""uptimeSeconds": 90.5"#, #""alerts": ["KH-13"]"#, #""looksWrong": true"#,
            #""records": 1234"#, #""p99Ms": 1.2"#, "connection refused", #""bundleVersion": "12""#, #""width": 384"#,
        ] {
            #expect(json.contains(part), "\(part) in \(json)")
        }
    }

    @Test func reportKeysAreNamedWhenWrong() {
        let good = PlayerConfig.decode(
            Array(#"{"cache": "/var/cache/bangtin", "report": {"url": "https://tinh.example/bao-cao", "every": 60}}"#.utf8))
        #expect(good.problems.isEmpty && good.config?.report.url == "https://tinh.example/bao-cao")
        #expect(good.config?.report.isConfigured == true && good.config?.report.screenshotEvery == 300)
        #expect(good.config?.report.gzip == false)
        let gzip = PlayerConfig.decode(Array(#"{"cache": "/var/cache/bangtin", "report": {"gzip": true}}"#.utf8))
        #expect(gzip.problems.isEmpty && gzip.config?.report.gzip == true)
        let bad = PlayerConfig.decode(
            Array(#"{"report": {"url": "ftp://x", "every": 1, "screenshotEvery": 3, "colour": 1}}"#.utf8))
        #expect(
            bad.problems.map(\.description) == [
                "report.url: must start with http:// or https://", "report.every: must be between 5 and 86400, found 1",
                "report.screenshotEvery: must be 0 (only on request) or 10 seconds or more", "report.colour: unknown key",
                "report.store: is required when the board has no cache folder",
            ])
    }
}
