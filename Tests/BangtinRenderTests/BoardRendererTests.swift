import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// BangtinRender as a library (`BoardRenderer`): the frames it gives are the frames the
/// command line and the player draw, to pixels or PNG bytes in memory, with warnings too.
@Suite struct BoardRendererTests {
    static let at = Fixtures.instant("2026-11-28T17:00:00+07:00")

    @Test func aBundleDrawsToPixelsAndPNGAsTheRendererDoes() throws {
        let board = try BoardRenderer(content: Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", fonts: Fixtures.fontsDirectory)
        #expect(board.size == PixelSize(width: 384, height: 192))
        let pixels = board.pixels(at: Self.at)
        #expect(pixels.count == 384 * 192)
        // The same frame through the path `bangtin render` takes.
        let bundle = try BundleFolder.load(Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", fonts: Fixtures.catalog)
        let direct = try HeadlessRenderer(size: board.size, fonts: Fixtures.fonts(), logger: Fixtures.quietLogger)
        #expect(direct.render(Scheduler(bundle: bundle).scene(at: Self.at)).argbPixels == pixels)
        // PNG bytes decode back to exactly those colours (opaque: a board's frame is RGB), and
        // are the same bytes every time.
        let png = board.png(at: Self.at)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(try Surface.decode(picture: png).argbPixels == pixels.map { $0 | 0xFF00_0000 })
        #expect(board.png(at: Self.at) == png)
        #expect(board.problems.isEmpty)
    }

    @Test func framesAndWarnings() throws {
        let board = try BoardRenderer(
            content: Fixtures.layoutsDirectory + "/ticker-192x64/layout.json", fonts: Fixtures.fontsDirectory)
        let frames = Array(board.pngFrames(from: Self.at, count: 5, fps: 10))
        #expect(frames.count == 5 && Set(frames).count > 1, "the ticker moves")
        let storm = Alert(id: "KH-13", sender: "pctt@khanhhoa.gov.vn", sent: Self.at, level: RiskLevel(5), headline: "Bão số 13")
        #expect(board.scene(at: Self.at, alerts: [storm]).decision.reason == .alert)
        let purple = RiskLevel(5)!.color
        let argb = 0xFF00_0000 | UInt32(purple.red) << 16 | UInt32(purple.green) << 8 | UInt32(purple.blue)
        #expect(board.pixels(at: Self.at, alerts: [storm]).contains(argb), "level 5's purple")
    }

    @Test func brokenContentNamesTheProblem() {
        #expect(throws: ContentError.self) { try BoardRenderer(content: "/nonexistent/bundle", fonts: Fixtures.fontsDirectory) }
    }

    /// The example program under Examples/ renders a bundle the same way.
    @Test func theExampleProgramWritesThePNG() throws {
        let binary = Program.executable.deletingLastPathComponent().appendingPathComponent("RenderBundle")
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("board.png").path
        let process = Process()
        process.executableURL = binary
        process.arguments = [Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", "2026-11-28T17:00:00", out]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let board = try BoardRenderer(content: Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", fonts: Fixtures.fontsDirectory)
        #expect(try Surface.loadARGB(path: out).argbPixels == board.pixels(at: Self.at).map { $0 | 0xFF00_0000 })
    }
}
