import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinPlayer

/// The preparation thread's loading: what SIGHUP re-reads, what it keeps when a file is bad,
/// and which pictures it says changed.
@Suite struct ContentReloadTests {
    let at = Fixtures.instant("2026-11-23T08:05:00+07:00")

    func layout(_ background: String, picture: String? = nil) -> String {
        let image =
            picture.map {
                #", {"frame": {"x": 0, "y": 32, "width": 64, "height": 32}, "items": [{"kind": "image", "duration": 5, "path": "\#($0)"}]}"#
            }
            ?? ""
        return #"""
            {"version": 1, "size": {"width": 192, "height": 64}, "background": "\#(background)",
             "regions": [{"frame": {"x": 0, "y": 0, "width": 192, "height": 32}, "items": [
               {"kind": "text", "duration": 10, "text": "Lịch tiêm chủng tháng 12"}]}\#(image)]}
            """#
    }

    /// A folder with a configuration and a layout; the preparation loaded from it.
    func prepared(overrides: PlayerConfig.Overrides, config: String, in given: URL? = nil) throws -> (Preparation, URL) {
        let folder = try given ?? Fixtures.temporaryDirectory()
        try layout("#102030").write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        try layout("#304050").write(to: folder.appendingPathComponent("b.json"), atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("config.json").path
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = overrides.applied(to: try PlayerConfigFile.load(path))
        let preparation = Preparation(
            config: loaded, configPath: path, overrides: overrides, fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        return (preparation, folder)
    }

    /// Asks for a reload and waits for its result.
    func reload(_ preparation: Preparation) throws -> Preparation.Ready {
        preparation.requestReload()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let ready = preparation.takeReady() { return ready }
            Thread.sleep(forTimeInterval: 0.01)
        }
        throw CancellationError()
    }

    @Test func sighupKeepsTheCommandLineOverTheRereadFile() throws {
        let overrides = PlayerConfig.Overrides(window: .borderless, x: 384, statsEvery: 5)
        let (preparation, folder) = try prepared(
            overrides: overrides,
            config: #"{"board": "cho-01", "content": "a.json", "window": {"mode": "fullscreen", "x": 0}}"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = preparation.loadNow(at: at)
        #expect(first.config.window == .borderless && first.config.x == 384)
        preparation.start()
        defer { preparation.stop() }
        try #"{"board": "cho-02", "content": "b.json", "window": {"mode": "fullscreen", "x": 0}, "statsEvery": 60}"#.write(
            toFile: folder.appendingPathComponent("config.json").path, atomically: true, encoding: .utf8)
        let ready = try reload(preparation)
        #expect(ready.update.config.board == "cho-02", "the file was read again")
        #expect(ready.update.config.window == .borderless && ready.update.config.x == 384, "the command line still wins")
        #expect(ready.update.config.statsEvery == 5)
        #expect(ready.update.scheduler?.bundle.layouts.values.first?.background == Color(hex: "#304050"))
    }

    @Test func contentNamedOnTheCommandLineStaysAcrossReloads() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pinned = PlayerConfig.Overrides(content: folder.appendingPathComponent("a.json").path)
        let (preparation, _) = try prepared(overrides: pinned, config: #"{"content": "a.json"}"#, in: folder)
        _ = preparation.loadNow(at: at)
        preparation.start()
        defer { preparation.stop() }
        try #"{"content": "b.json"}"#.write(
            toFile: folder.appendingPathComponent("config.json").path, atomically: true, encoding: .utf8)
        let ready = try reload(preparation)
        #expect(ready.update.scheduler?.bundle.layouts.values.first?.background == Color(hex: "#102030"))
    }

    @Test func aBrokenConfigurationOrLayoutKeepsWhatWorked() throws {
        let (preparation, folder) = try prepared(
            overrides: .init(), config: #"{"board": "cho-01", "content": "a.json", "statsEvery": 30}"#)
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = preparation.loadNow(at: at)
        preparation.start()
        defer { preparation.stop() }
        // A configuration that does not parse: the previous one stays; the content is reloaded.
        try #"{"board": "cho-01", "content": "a.json", "statsEvery": "often"}"#.write(
            toFile: folder.appendingPathComponent("config.json").path, atomically: true, encoding: .utf8)
        let kept = try reload(preparation)
        #expect(kept.update.config.statsEvery == 30)
        #expect(kept.update.scheduler != nil)
        // A layout that does not parse: no new content, and the problem named by file and place.
        try "{\"version\": 1,".write(to: folder.appendingPathComponent("a.json"), atomically: true, encoding: .utf8)
        let broken = try reload(preparation)
        #expect(broken.update.scheduler == nil)
        #expect(broken.update.problem?.contains("a.json") == true)
    }

    @Test func aPictureReplacedUnderTheSameNameIsReportedChanged() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let picture = folder.appendingPathComponent("anh.png").path
        try TestImages.writeSplitPNG(to: picture)
        try layout("#102030", picture: "anh.png").write(
            to: folder.appendingPathComponent("layout.json"), atomically: true, encoding: .utf8)
        var config = PlayerConfig()
        config.content = folder.appendingPathComponent("layout.json").path
        let preparation = Preparation(
            config: config, configPath: nil, overrides: .init(), fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        _ = preparation.loadNow(at: at)
        preparation.start()
        defer { preparation.stop() }
        #expect(try reload(preparation).changedImages.isEmpty, "nothing changed")
        Thread.sleep(forTimeInterval: 0.01)
        try FileManager.default.removeItem(atPath: picture)
        try TestImages.writeSplitPNG(to: picture)
        #expect(try reload(preparation).changedImages.contains { $0.hasSuffix("anh.png") })
    }
}

/// Looking ahead across layout changes, transitions and a day's end: what is about to show is
/// prepared (and drawn whole where much changes) before its time.
@Suite struct LookAheadTests {
    @Test func theNextLayoutIsDrawnAheadAcrossATransition() throws {
        var config = PlayerConfig()
        config.content = "\(Fixtures.layoutsDirectory)/xa-tan-phu-tuan"
        let preparation = Preparation(
            config: config, configPath: nil, overrides: .init(), fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        // Saturday 18:59:50: at 19:00 the province campaign slides in over the evening notices.
        let from = Fixtures.instant("2026-11-28T18:59:50+07:00")
        let scheduler = try #require(preparation.loadNow(at: from).scheduler)
        preparation.start()
        defer { preparation.stop() }
        preparation.lookAhead(from: from, alerts: [])
        let settled = scheduler.scene(at: Fixtures.instant("2026-11-28T19:00:01+07:00"))
        #expect(settled.decision.entry == "binh-dang-gioi")
        let deadline = Date().addingTimeInterval(20)
        var frame: PreparedFrame?
        while frame == nil && Date() < deadline {
            frame = preparation.store.frame(showing: settled, brightness: 100)
            if frame == nil { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(frame != nil, "the campaign's first frame was drawn ahead")
    }

    @Test func aSceneHoldingUntilMidnightHasTheNextDayPrepared() throws {
        var config = PlayerConfig()
        config.content = "\(Fixtures.layoutsDirectory)/xa-tan-phu-tuan"
        let preparation = Preparation(
            config: config, configPath: nil, overrides: .init(), fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        let from = Fixtures.instant("2026-11-29T23:58:00+07:00")
        let scheduler = try #require(preparation.loadNow(at: from).scheduler)
        preparation.start()
        defer { preparation.stop() }
        preparation.lookAhead(from: from, alerts: [])
        let midnight = Fixtures.instant("2026-11-30T00:00:00.5+07:00")
        let deadline = Date().addingTimeInterval(20)
        var ready = false
        while !ready && Date() < deadline {
            ready =
                preparation.store.frame(showing: scheduler.scene(at: midnight), brightness: 100) != nil
                || scheduler.hasPlan(forDayOf: midnight)
            if !ready { Thread.sleep(forTimeInterval: 0.02) }
        }
        #expect(ready, "the day after midnight was worked out ahead")
    }
}
