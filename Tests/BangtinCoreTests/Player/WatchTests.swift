import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// The live edit loop (`play --watch`) without a display: saves reload, a broken save shows
/// its problems over the last good frame, the next good save clears them.
@Suite struct WatchTests {
    let start = TestContent.at("2026-11-23T08:05:00")
    let problem = """
        /srv/bangtin/edit/layout.json: regions[0].frame: is required
        /srv/bangtin/edit/layout.json: regions[0].items[1].duration: must be a positive number of seconds
        """

    func failed(_ content: ContentUpdate) -> PlayerEvent {
        var config = content.config
        config.content = "/srv/bangtin/edit/layout.json"
        return .content(ContentUpdate(config: config, scheduler: nil, problem: problem))
    }

    @Test func aSaveAsksForAReload() throws {
        var board = RecordingBoard(content: try TestContent.plain("#c00000"), at: start, watching: true)
        board.frames(2)
        board.send(.contentChanged(["layout.json", "assets/logo.png"]))
        #expect(board.reloadsAsked == 1)
        #expect(board.logged("changed: layout.json, assets/logo.png; reloading the content"))
    }

    @Test func aBrokenSaveShowsItsProblemsOverTheLastGoodFrameAndAGoodSaveClearsThem() throws {
        let red = try TestContent.plain("#c00000")
        var board = RecordingBoard(content: red, at: start, watching: true)
        board.frames(2)
        #expect(board.shown?.overlays.isEmpty == true)
        let whole = board.wholeDraws
        board.send(failed(red))
        board.frames(1)
        #expect(board.wholeDraws == whole + 1, "the band comes in a whole redraw")
        let shown = try #require(board.shown)
        #expect(shown.main == red.scheduler!.scene(at: board.now).main, "the content plays on under the band")
        let overlay = try #require(shown.overlays.last)
        #expect(overlay.name == ProblemOverlay.layoutName)
        let texts = overlay.regions.compactMap { region -> String? in
            if case .text(let item) = region.content { item.text } else { nil }
        }
        #expect(texts.contains { $0.contains("layout.json: regions[0].frame: is required") }, "file, JSON path, message")
        #expect(texts.contains { $0.contains("regions[0].items[1].duration") })
        #expect(!texts.joined().contains("/srv/bangtin/edit/"), "paths inside the content's folder are shortened")
        #expect(overlay.regions.allSatisfy { $0.background == ProblemOverlay.background })
        // It stays while the content plays on: ten seconds later the next item shows under it.
        board.run(until: start.advanced(byNanoseconds: 12_000_000_000))
        #expect(board.shown?.overlays.last == overlay)
        #expect(board.shown?.main == red.scheduler!.scene(at: board.now).main)
        // The next good save: the band goes, the new content shows whole.
        let blue = try TestContent.plain("#0000c0")
        board.send(.content(blue))
        board.frames(1)
        #expect(board.shown?.overlays.isEmpty == true)
        #expect(board.shown?.main.background == Color(red: 0, green: 0, blue: 0xC0))
        #expect(board.machine.status(at: board.monotonic).contentProblem == nil)
    }

    @Test func withoutWatchABrokenReloadOnlyLogsAndReports() throws {
        let red = try TestContent.plain("#c00000")
        var board = RecordingBoard(content: red, at: start)
        board.frames(2)
        board.send(failed(red))
        board.frames(2)
        #expect(board.shown == red.scheduler!.scene(at: board.now), "no band on a board in a public place")
        #expect(board.machine.status(at: board.monotonic).contentProblem == problem)
    }

    @Test func anotherBrokenSaveReplacesTheProblems() throws {
        let red = try TestContent.plain("#c00000")
        var board = RecordingBoard(content: red, at: start, watching: true)
        board.frames(1)
        board.send(failed(red))
        board.frames(1)
        var config = red.config
        config.content = "/srv/bangtin/edit/layout.json"
        board.send(
            .content(
                ContentUpdate(
                    config: config, scheduler: nil, problem: "/srv/bangtin/edit/layout.json: (document): not valid JSON")))
        board.frames(1)
        let text = board.shown?.overlays.last?.regions.compactMap { region -> String? in
            if case .text(let item) = region.content { item.text } else { nil }
        }.joined()
        #expect(text?.contains("layout.json: (document): not valid JSON") == true)
        #expect(text?.contains("regions[0].frame") == false)
    }

    @Test func theBandNamesAtMostSixLinesAndCountsTheRest() {
        let many = (0..<9).map { "/c/layout.json: regions[\($0)].frame: is required" }.joined(separator: "\n")
        let lines = ProblemOverlay.lines(of: many, folder: "/c")
        #expect(lines.count == 6)
        #expect(lines[0] == "layout.json: regions[0].frame: is required")
        #expect(lines[5].contains("4 lỗi khác"))
        #expect(ProblemOverlay.folder(of: "/c/layout.json") == "/c")
        #expect(ProblemOverlay.folder(of: "/c/bundle") == "/c/bundle")
        let band = ProblemOverlay.band(size: PixelSize(width: 192, height: 64))
        #expect(band == PixelRect(x: 0, y: 25, width: 192, height: 39))
    }

    @Test func aBurstOfChangesSettlesOnce() {
        var debounce = SaveDebounce(quiet: 150_000_000, longest: 1_000_000_000)
        #expect(debounce.deadline == nil)
        // An editor's save: the temporary file written, renamed over the layout.
        debounce.changed("layout.json.tmp", at: 0)
        debounce.changed("layout.json", at: 2_000_000)
        #expect(debounce.settled(at: 100_000_000) == nil)
        #expect(debounce.deadline == 152_000_000)
        #expect(debounce.settled(at: 152_000_000) == ["layout.json.tmp", "layout.json"])
        #expect(debounce.settled(at: 400_000_000) == nil, "once")
        // A writer that never pauses is shown a second after its first change.
        for step in 0..<20 { debounce.changed("log.json", at: 1_000_000_000 + Int64(step) * 100_000_000) }
        #expect(debounce.settled(at: 1_950_000_000) == nil)
        #expect(debounce.settled(at: 2_000_000_000) == ["log.json"])
    }
}
