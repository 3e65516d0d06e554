import BangtinCore
import BangtinRender
import BangtinReport
import BangtinTestSupport
import Foundation
import Testing

/// Proof of play end to end: `bangtin play` under Xvfb reporting to a real nginx WebDAV server
/// through a proxy that loses responses after the server stored the request, killed with
/// SIGKILL over and over while it plays and uploads.
@Suite(.serialized) struct PlayReportTests {
    /// A board whose notices change every second, with a clock: many records a second.
    static let layout = #"""
        {"version": 1, "name": "Thông báo nhanh", "size": {"width": 192, "height": 64},
         "regions": [
          {"id": "thong-bao", "frame": {"x": 0, "y": 0, "width": 192, "height": 40},
           "items": [
            {"kind": "text", "text": "Họp dân 19:00", "duration": 1, "font": {"family": "Noto Sans", "size": 16}, "color": "#FFFFFF"},
            {"kind": "text", "text": "Tiêm chủng thứ Bảy", "duration": 1, "font": {"family": "Noto Sans", "size": 16}, "color": "#FFFF00"},
            {"kind": "text", "text": "Phòng cháy chữa cháy", "duration": 1, "font": {"family": "Noto Sans", "size": 16}, "color": "#FF8000"}]},
          {"id": "gio", "frame": {"x": 0, "y": 40, "width": 192, "height": 24},
           "items": [{"kind": "clock", "format": "{HH}:{mm}:{ss}", "duration": 60, "font": {"family": "Noto Sans", "size": 14}, "color": "#FF3030"}]}]}
        """#

    struct Setup {
        let folder: URL
        let served: URL
        let config: String
        func path(_ name: String) -> String { folder.path + "/" + name }
    }

    static func setUp(reportURL: String, screenshotEvery: Int = 0) throws -> Setup {
        let folder = try Fixtures.temporaryDirectory()
        let served = folder.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        try layout.write(toFile: folder.path + "/thong-bao.json", atomically: true, encoding: .utf8)
        let config = folder.path + "/config.json"
        try """
        {"board": "cho-tan-phu-01", "content": "thong-bao.json", "cache": "cache",
         "report": {"url": "\(reportURL)", "every": 5, "screenshotEvery": \(screenshotEvery), "screenshotWidth": 96},
         "window": {"mode": "borderless"}, "renderer": "software"}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        return Setup(folder: folder, served: served, config: config)
    }

    /// Every line the server holds, by file, decoded.
    static func served(_ root: URL) throws -> [(sequence: Int64, line: ReportLine)] {
        let plays = root.appendingPathComponent("cho-tan-phu-01/plays")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: plays.path)) ?? []).filter {
            $0.hasSuffix(".ndjson")
        }
        return try names.sorted().flatMap { name in
            try String(contentsOf: plays.appendingPathComponent(name), encoding: .utf8).split(separator: "\n").map {
                try ReportLine.decode(String($0))
            }
        }
    }

    @Test func everyPlayReachesTheServerExactlyOnceThroughTwentyKills() throws {
        let x = try XServer()
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let nginx = try Nginx.webDAV(root: root)
        defer { nginx.stop() }
        let proxy = try FaultProxy(to: nginx.port, faults: .init(dropResponseEvery: 3))
        defer { proxy.stop() }
        let setup = try Self.setUp(reportURL: proxy.baseURL)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        var random = SystemRandomNumberGenerator()
        var killed = 0
        for _ in 0..<20 {
            let program = try RunningProgram(["play", "--config", setup.config], environment: ["DISPLAY": x.display])
            #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
            usleep(UInt32.random(in: 300_000...2_500_000, using: &random))
            program.signal(SIGKILL)
            _ = program.waitForExit(seconds: 10)
            killed += 1
        }
        // The last run stops cleanly and sends what is left before it exits.
        let program = try RunningProgram(["play", "--config", setup.config], environment: ["DISPLAY": x.display])
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        usleep(3_000_000)
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 20) == 0, "\(program.stderr)")
        #expect(killed == 20)
        #expect(proxy.droppedResponses > 0, "the proxy lost responses after the server stored batches")

        let backlog = try PlayStore.readBacklog(folder: setup.path("cache/report"))
        #expect(backlog.lines == 0 && backlog.pendingBatches == 0 && backlog.inProgress == 0, "\(backlog)")
        let lines = try Self.served(root)
        let sequences = lines.map(\.sequence)
        #expect(sequences.count > 50, "\(sequences.count) lines")
        #expect(sequences == Array(1...Int64(sequences.count)), "each line once, in order, none missing")
        let plays = lines.compactMap { line -> PlayRecord? in
            if case .play(let play) = line.line { return play }
            return nil
        }
        #expect(plays.contains { $0.outcome == .interrupted(.powerLost) }, "plays cut by the kills are closed, not lost")
        // No instant of the board's time is claimed twice: layouts among themselves, and the
        // items of each region among themselves.
        var lanes: [String: [PlayRecord]] = [:]
        for play in plays {
            switch play.subject {
            case .layout, .alert: lanes["main", default: []].append(play)
            case .item(let layout, let region, _): lanes["\(layout)/\(region)", default: []].append(play)
            case .overlay(let name): lanes["overlay \(name)", default: []].append(play)
            }
        }
        #expect(lanes["main"].map { $0.count > 20 } == true)
        for (lane, records) in lanes {
            let sorted = records.sorted { $0.start < $1.start }
            for (a, b) in zip(sorted, sorted.dropFirst()) {
                #expect(a.end <= b.start, "\(lane): \(a.start)–\(a.end) (\(a.outcome)) overlaps \(b.start)–\(b.end)")
            }
        }
    }

    /// A status document and a screenshot arrive; the screenshot is `render` at the instant it
    /// was taken, scaled the same way.
    @Test func aStatusAndAScreenshotArrive() throws {
        let x = try XServer()
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let nginx = try Nginx.webDAV(root: root)
        defer { nginx.stop() }
        let setup = try Self.setUp(reportURL: nginx.baseURL, screenshotEvery: 10)
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let program = try RunningProgram(["play", "--config", setup.config], environment: ["DISPLAY": x.display])
        defer { program.signal(SIGTERM) }
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        let board = root.appendingPathComponent("cho-tan-phu-01")
        let status = board.appendingPathComponent("status.json").path
        let screen = board.appendingPathComponent("screen.png").path
        #expect(
            program.wait(seconds: 15) {
                FileManager.default.fileExists(atPath: status) && FileManager.default.fileExists(atPath: screen)
            }, "\(program.stderr)")
        let document = try String(contentsOfFile: status, encoding: .utf8)
        for part in [
            #""board": "cho-tan-phu-01""#, "single layout", #""width": 192"#, #""renderer": "software"#, #""records": "#,
        ] {
            #expect(document.contains(part), "\(part) in \(document)")
        }
        // The screenshot's instant is in the player's log; render that instant and scale it.
        let logged = program.stderr.components(separatedBy: "screenshot of ").dropFirst().first?.prefix { !$0.isWhitespace }
        let at = try #require(logged.map(String.init), "\(program.stderr)")
        let rendered = setup.path("rendered.png")
        let result = try Program.run(["render", setup.path("thong-bao.json"), "--at", at, "--out", rendered])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try Screenshot.scaled(try Surface.loadARGB(path: rendered), width: 96)
        let shot = try Surface.loadARGB(path: screen)
        #expect(shot.size == PixelSize(width: 96, height: 32))
        #expect(shot.differingPixels(from: expected) == 0, "the screenshot is render --at \(at), scaled")
        // bangtin status reads what the player keeps beside its store.
        let text = try Program.run(["status", "--config", setup.config])
        #expect(
            text.status == 0 && text.stdout.contains("board cho-tan-phu-01") && text.stdout.contains("record queue"),
            "\(text.stdout)\(text.stderr)")
        let json = try Program.run(["status", "--config", setup.config, "--json"])
        #expect(json.status == 0 && (try? JSONParser.parse(Array(json.stdout.utf8))) != nil, "\(json.stdout)")
    }
}
