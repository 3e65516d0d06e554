import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// `bangtin play --watch` in a real window (Xvfb): a save changes the board, a broken save
/// shows its problems over the last good frame, the next good save clears them.
@Suite(.serialized) struct PlayWatchTests {
    let instant = "2026-11-23T08:05:00+07:00"

    /// A 192×64 layout of one background colour; `frame` is the region's frame (JSON).
    func layout(_ background: String, frame: String = #"{"x": 0, "y": 0, "width": 192, "height": 64}"#) -> String {
        #"""
        {"version": 1, "size": {"width": 192, "height": 64}, "background": "\#(background)", "regions": [
          {"frame": \#(frame), "padding": 4, "items": [
            {"kind": "text", "duration": 10, "text": "Họp dân", "font": {"family": "Noto Sans", "size": 20}}]}]}
        """#
    }

    /// Screenshots until `matches` holds, for up to 10 s; the last one.
    func screenshot(_ x: XServer, until matches: (Surface) -> Bool) throws -> Surface {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangtin-shot-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var shot: Surface?
        let deadline = Date().addingTimeInterval(10)
        repeat {
            try x.screenshot(width: 192, height: 64, to: path)
            shot = try Surface.loadARGB(path: path)
            if matches(shot!) { break }
            usleep(100_000)
        } while Date() < deadline
        return shot!
    }

    @Test func savesReloadAndABrokenSaveShowsItsProblemsUntilTheNextGoodOne() throws {
        let x = try XServer()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("layout.json")
        // Saved as editors do: a new file renamed over the old one.
        func save(_ text: String) throws { try text.write(to: file, atomically: true, encoding: .utf8) }
        try save(layout("#c00000"))
        let program = try RunningProgram(
            ["play", file.path, "--watch", "--window", "borderless", "--renderer", "software", "--at", instant, "--freeze"],
            environment: ["DISPLAY": x.display])
        defer { if program.process.isRunning { program.signal(SIGKILL) } }
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        #expect(program.wait(seconds: 10) { program.stderr.contains("watching \(folder.path)") }, "\(program.stderr)")
        let red = Color(red: 0xC0, green: 0, blue: 0)
        let blue = Color(red: 0, green: 0, blue: 0xC0)
        let band = ProblemOverlay.band(size: PixelSize(width: 192, height: 64))
        // A corner of the band (its padding: no text there) and a pixel above it.
        let (bandX, bandY) = (1, band.y + band.height - 1)
        #expect(try screenshot(x) { $0.pixel(x: 1, y: 1) == red }.pixel(x: 1, y: 1) == red)

        // A save changes the window; no signal sent.
        try save(layout("#0000c0"))
        #expect(try screenshot(x) { $0.pixel(x: 1, y: 1) == blue }.pixel(x: 1, y: 1) == blue, "\(program.stderr)")
        #expect(program.stderr.contains("changed: layout.json; reloading the content"))

        // A broken save: the problems over the last good frame, the player running.
        try save(layout("#00c000", frame: #"{"x": 0, "y": 0, "width": 192}"#))
        let broken = try screenshot(x) { $0.pixel(x: bandX, y: bandY) == ProblemOverlay.background }
        #expect(broken.pixel(x: bandX, y: bandY) == ProblemOverlay.background, "the band over the board")
        #expect(broken.pixel(x: 1, y: 1) == blue, "the last good content still shows above the band")
        let bandPixels = (band.y..<64).flatMap { y in (0..<192).map { broken.pixel(x: $0, y: y) } }
        let lettering = bandPixels.filter { $0 != ProblemOverlay.background }.count
        #expect(lettering > 100, "the problems are written in the band (\(lettering) pixels of lettering)")
        #expect(program.stderr.contains("layout.json: regions[0].frame.height: is required"), "\(program.stderr)")
        #expect(program.stderr.contains("kept playing the previous content"))
        #expect(program.process.isRunning)

        // Not JSON at all: still the band, still running.
        try save("{\"version\": 1,")
        #expect(program.wait(seconds: 10) { program.stderr.components(separatedBy: "kept playing").count == 3 })
        let notJSON = try screenshot(x) { $0.pixel(x: bandX, y: bandY) == ProblemOverlay.background }
        #expect(notJSON.pixel(x: bandX, y: bandY) == ProblemOverlay.background && notJSON.pixel(x: 1, y: 1) == blue)

        // The next good save clears the band.
        let green = Color(red: 0, green: 0xC0, blue: 0)
        try save(layout("#00c000"))
        let fixed = try screenshot(x) { $0.pixel(x: bandX, y: bandY) == green && $0.pixel(x: 1, y: 1) == green }
        #expect(fixed.pixel(x: bandX, y: bandY) == green, "the band is gone")
        #expect(fixed.pixel(x: 1, y: 1) == green)
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0, "SIGTERM exits cleanly; stderr:\n\(program.stderr)")
    }
}
