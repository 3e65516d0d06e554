import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// `bangtin play` in a real window on a real X server (Xvfb), checked by screenshots.
@Suite(.serialized) struct PlayTests {
    let market = "layouts/market-p10-384x192/layout.json"
    let instant = "2026-11-23T08:05:00+07:00"

    func play(_ arguments: [String], on x: XServer) throws -> RunningProgram {
        let program = try RunningProgram(["play"] + arguments, environment: ["DISPLAY": x.display])
        let ready = program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }
        #expect(ready, "no first frame; stderr:\n\(program.stderr)")
        return program
    }

    /// Screenshots until `matches` holds (the X server shows a frame a moment after it is sent).
    func screenshot(_ x: XServer, width: Int, height: Int, until matches: (Surface) -> Bool) throws -> Surface {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangtin-shot-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var shot: Surface?
        let deadline = Date().addingTimeInterval(10)
        repeat {
            try x.screenshot(width: width, height: height, to: path)
            shot = try Surface.loadARGB(path: path)
            if matches(shot!) { break }
            usleep(100_000)
        } while Date() < deadline
        return shot!
    }

    @Test func windowShowsExactlyWhatRenderDraws() throws {
        let x = try XServer()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = folder.appendingPathComponent("ref.png").path
        #expect(try Program.run(["render", market, "--at", instant, "--out", reference]).status == 0)
        // Compared as RGB: the X server has no alpha channel.
        let expected = try Surface.loadARGB(path: reference).argbPixels.map { $0 & 0xFFFFFF }
        let program = try play(
            [market, "--window", "borderless", "--x", "0", "--y", "0", "--renderer", "software", "--at", instant, "--freeze"],
            on: x)
        let shot = try screenshot(x, width: 384, height: 192) { $0.argbPixels.map { $0 & 0xFFFFFF } == expected }
        let differing = zip(shot.argbPixels, expected).filter { $0 & 0xFFFFFF != $1 }.count
        #expect(differing == 0, "the window differs from `render --at` of the same instant in \(differing) pixels")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0, "SIGTERM exits cleanly; stderr:\n\(program.stderr)")
        #expect(program.stderr.contains("frame time p50"))
    }

    /// 150 frames of real motion (the ticker scrolled in the window 2 px a frame, only its text
    /// rows sent to the X server), then the last frame held: the window equals `render --at`
    /// of that frame's instant, pixel for pixel, on the 1920×1080 board.
    @Test func afterMotionTheWindowEqualsRenderOfTheSameInstant() throws {
        let x = try XServer(width: 1920, height: 1080)
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let district = "layouts/district-lcd-1920x1080/layout.json"
        // Frame 149 at 60 frames a second: 2.483333333 s after the start.
        let last = "2026-11-23T08:05:02.483333333+07:00"
        let reference = folder.appendingPathComponent("ref.png").path
        #expect(try Program.run(["render", district, "--at", last, "--out", reference]).status == 0)
        let expected = try Surface.loadARGB(path: reference).argbPixels.map { $0 & 0xFFFFFF }
        let program = try play(
            [district, "--window", "borderless", "--renderer", "software", "--at", instant, "--step", "150"], on: x)
        let shot = try screenshot(x, width: 1920, height: 1080) { $0.argbPixels.map { $0 & 0xFFFFFF } == expected }
        let differing = zip(shot.argbPixels, expected).filter { $0 & 0xFFFFFF != $1 }.count
        #expect(differing == 0, "after 150 frames the window differs from `render --at \(last)` in \(differing) pixels")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0, "SIGTERM exits cleanly; stderr:\n\(program.stderr)")
    }

    /// A display of 16 bits a pixel cannot take the board's pixels directly: the player draws
    /// into a board surface and converts it for the window, once per change (not rebuilding
    /// itself every frame), and shows what `render` draws within 16-bit precision.
    @Test func sixteenBitDisplayShowsTheBoardThroughABoardSurface() throws {
        let x = try XServer(width: 1024, height: 768, depth: 16)
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reference = folder.appendingPathComponent("ref.png").path
        #expect(try Program.run(["render", market, "--at", instant, "--out", reference]).status == 0)
        let expected = try Surface.loadARGB(path: reference).argbPixels
        func close(_ a: UInt32, _ b: UInt32) -> Bool {
            [16, 8, 0].allSatisfy { abs(Int((a >> $0) & 0xFF) - Int((b >> $0) & 0xFF)) <= 8 }
        }
        let program = try play(
            [market, "--window", "borderless", "--renderer", "software", "--at", instant, "--freeze", "--stats-every", "1"],
            on: x)
        let shot = try screenshot(x, width: 384, height: 192) { zip($0.argbPixels, expected).allSatisfy(close) }
        let differing = zip(shot.argbPixels, expected).filter { !close($0, $1) }.count
        #expect(differing == 0, "\(differing) pixels differ from `render` by more than 16-bit rounding")
        #expect(program.wait(seconds: 10) { program.stderr.contains("frame time p50") })
        #expect(program.stdout.contains("software (scaled) renderer"))
        #expect(!program.stderr.contains("window surface replaced"), "\(program.stderr)")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }

    @Test func corruptImageLeavesThePlayerRunningAndTheOtherRegionsDrawn() throws {
        let x = try XServer(width: 1920, height: 1080)
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = URL(fileURLWithPath: Fixtures.layoutsDirectory).appendingPathComponent("district-lcd-1920x1080")
        let copy = folder.appendingPathComponent("district")
        try FileManager.default.copyItem(at: source, to: copy)
        let layout = try String(contentsOf: copy.appendingPathComponent("layout.json"), encoding: .utf8)
        // Truncate every picture the layout shows.
        for name in try FileManager.default.contentsOfDirectory(atPath: copy.appendingPathComponent("assets").path) {
            let file = copy.appendingPathComponent("assets").appendingPathComponent(name)
            try Data(try Data(contentsOf: file).prefix(300)).write(to: file)
        }
        #expect(layout.contains("assets/"))
        let program = try play(
            [
                copy.appendingPathComponent("layout.json").path, "--window", "borderless", "--renderer", "software", "--at",
                instant,
            ], on: x)
        let placeholder = Color(red: 0x30, green: 0x30, blue: 0x30)
        let shot = try screenshot(x, width: 1920, height: 1080) { surface in
            (0..<1920).contains { surface.pixel(x: $0, y: 300) == placeholder }
        }
        #expect((0..<1920).contains { shot.pixel(x: $0, y: 300) == placeholder }, "a placeholder where the picture was")
        #expect(Set((0..<1920).map { shot.pixel(x: $0, y: 30) }).count > 3, "the title bar is still drawn")
        #expect(program.process.isRunning)
        #expect(program.stderr.contains("cannot show image"))
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }

    @Test func sighupReloadsContentAndBadContentKeepsThePrevious() throws {
        let x = try XServer()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("layout.json")
        func write(_ background: String) throws {
            try #"""
            {"version": 1, "size": {"width": 192, "height": 64}, "background": "\#(background)", "regions": [
              {"frame": {"x": 0, "y": 0, "width": 192, "height": 64}, "padding": 4, "items": [
                {"kind": "text", "duration": 10, "text": "Họp dân", "font": {"family": "Noto Sans", "size": 20}}]}]}
            """#.write(to: file, atomically: true, encoding: .utf8)
        }
        try write("#c00000")
        let program = try play(
            [file.path, "--window", "borderless", "--renderer", "software", "--at", instant, "--freeze"], on: x)
        let red = Color(red: 0xC0, green: 0, blue: 0)
        let blue = Color(red: 0, green: 0, blue: 0xC0)
        #expect(try screenshot(x, width: 192, height: 64) { $0.pixel(x: 1, y: 1) == red }.pixel(x: 1, y: 1) == red)
        try write("#0000c0")
        program.signal(SIGHUP)
        #expect(try screenshot(x, width: 192, height: 64) { $0.pixel(x: 1, y: 1) == blue }.pixel(x: 1, y: 1) == blue)
        // Broken content: reported, and the board keeps showing the last good one.
        try "{\"version\": 1,".write(to: file, atomically: true, encoding: .utf8)
        program.signal(SIGHUP)
        #expect(program.wait(seconds: 10) { program.stderr.contains("kept playing the previous content") }, "\(program.stderr)")
        #expect(try screenshot(x, width: 192, height: 64) { _ in true }.pixel(x: 1, y: 1) == blue)
        #expect(program.process.isRunning)
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }

    @Test func operatingHoursAndBrightnessFromTheConfiguration() throws {
        let x = try XServer()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("config.json")
        let content = Fixtures.root.appendingPathComponent("layouts/ticker-192x64/layout.json").path
        // 08:05 is outside 18:00–06:00: the board is off, black.
        try #"""
        {"board": "test", "content": "\#(content)", "window": {"mode": "borderless"}, "renderer": "software",
         "operatingHours": [{"from": "18:00", "to": "06:00"}]}
        """#.write(to: config, atomically: true, encoding: .utf8)
        let off = try RunningProgram(
            ["play", "--config", config.path, "--at", instant, "--freeze"], environment: ["DISPLAY": x.display])
        // The X server's own background is black too: wait until the player says it went dark.
        #expect(off.wait(seconds: 30) { off.stdout.contains("ready: dark") }, "stderr:\n\(off.stderr)")
        let black = try screenshot(x, width: 192, height: 64) { $0.argbPixels.allSatisfy { $0 & 0xFFFFFF == 0 } }
        #expect(black.argbPixels.allSatisfy { $0 & 0xFFFFFF == 0 }, "outside operating hours the board is black")
        #expect(off.process.isRunning)
        off.signal(SIGTERM)
        #expect(off.waitForExit(seconds: 10) == 0)

        // Dimmed to 40 %: every pixel is 40 % of what `render` draws.
        try #"""
        {"board": "test", "content": "\#(content)", "window": {"mode": "borderless"}, "renderer": "software",
         "brightness": [{"from": "00:00", "to": "24:00", "percent": 40}]}
        """#.write(to: config, atomically: true, encoding: .utf8)
        let reference = folder.appendingPathComponent("ref.png").path
        #expect(try Program.run(["render", content, "--at", instant, "--out", reference]).status == 0)
        let full = try Surface.loadARGB(path: reference)
        let dim = try play(["--config", config.path, "--at", instant, "--freeze"], on: x)
        let brightest = full.argbPixels.max { ($0 >> 16) & 0xFF < ($1 >> 16) & 0xFF }!
        let shot = try screenshot(x, width: 192, height: 64) {
            $0.argbPixels != full.argbPixels && $0.argbPixels.contains { $0 & 0xFFFFFF != 0 }
        }
        let dimmedMax = shot.argbPixels.map { Int(($0 >> 16) & 0xFF) }.max()!
        let fullMax = Int((brightest >> 16) & 0xFF)
        #expect(abs(dimmedMax - fullMax * 40 / 100) <= 3, "brightest red \(dimmedMax) vs \(fullMax) at 100 %")
        dim.signal(SIGTERM)
        #expect(dim.waitForExit(seconds: 10) == 0)
    }
}
