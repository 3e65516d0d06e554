import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

@Suite struct TickerAndImageTests {
    func tickerLayout(speed: Int) throws -> Layout {
        try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 192, "height": 64}, "regions": [
              {"frame": {"x": 0, "y": 0, "width": 192, "height": 64}, "items": [
                {"kind": "ticker", "duration": 60, "speed": \#(speed), "gap": 40,
                 "text": "Cảnh báo: gió giật cấp 10", "font": {"family": "Noto Sans", "size": 30}}]}]}
            """#)
    }

    @Test func tickerMovesLeftBySpeedTimesTime() throws {
        let layout = try tickerLayout(speed: 48)
        let t0 = Instant(secondsSinceEpoch: 1_800_000_000)
        let (a, _) = try Fixtures.render(layout, at: t0)
        let (b, _) = try Fixtures.render(layout, at: t0.advanced(byNanoseconds: 250_000_000))  // 12 px later
        let w = 192
        var matchingColumns = 0
        var inkColumns = 0
        for x in 0..<(w - 12) {
            let columnB = (0..<64).map { b.pixel(x: x, y: $0) }
            let columnA = (0..<64).map { a.pixel(x: x + 12, y: $0) }
            if columnA == columnB { matchingColumns += 1 }
            if columnA.contains(where: { $0 != .black }) { inkColumns += 1 }
        }
        #expect(inkColumns > 50)
        #expect(matchingColumns == w - 12, "frame b is frame a moved 12 px left")
        #expect(a.argbPixels != b.argbPixels)
    }

    @Test func tickerHeadEntersFromTheRightEdge() throws {
        let layout = try tickerLayout(speed: 10)
        let (start, _) = try Fixtures.render(layout, at: .epoch.advanced(byNanoseconds: 2_000_000_000))  // 20 px in
        let ink = try #require(Ink.bounds(start, in: PixelRect(x: 0, y: 0, width: 192, height: 64), background: .black))
        #expect(ink.x >= 172 && ink.x <= 176, "head is about 20 px in from the right, found x=\(ink.x)")
    }

    @Test func brokenImageShowsPlaceholderAndOtherRegionsStillDraw() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Data(contentsOf: URL(fileURLWithPath: Fixtures.fontsDirectory).appendingPathComponent("OFL.txt"))
        try good.prefix(300).write(to: folder.appendingPathComponent("anh-hong.jpg"))  // not an image at all
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 200, "height": 100}, "background": "#000000", "regions": [
              {"frame": {"x": 0, "y": 0, "width": 100, "height": 100}, "items": [{"kind": "image", "duration": 5, "path": "anh-hong.jpg"}]},
              {"frame": {"x": 100, "y": 0, "width": 100, "height": 100}, "background": "#0000ff", "items": [{"kind": "text", "duration": 5, "text": "Họp"}]}]}
            """#)
        let (surface, frames) = try Fixtures.render(layout, at: .epoch, assetRoot: folder.path)
        #expect(frames.problems.count == 1)
        #expect(frames.problems.first?.contains("anh-hong.jpg") == true)
        #expect(surface.pixel(x: 50, y: 20) == Color(red: 0x30, green: 0x30, blue: 0x30))  // placeholder panel
        #expect(surface.pixel(x: 50, y: 50) == Color(red: 0x80, green: 0x80, blue: 0x80))  // its cross
        #expect(surface.pixel(x: 195, y: 95) == Color(red: 0, green: 0, blue: 255))  // the other region
        #expect(
            Ink.bounds(
                surface, in: PixelRect(x: 100, y: 0, width: 100, height: 100), background: Color(red: 0, green: 0, blue: 255))
                != nil)
    }

    @Test func imagesFillTheirRegionByFit() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("split.png")
        try TestImages.writeSplitPNG(to: png.path)
        for (fit, expectations) in [
            (
                "contain",
                [
                    (50, 10, Color.black), (30, 50, Color(red: 255, green: 0, blue: 0)),
                    (70, 50, Color(red: 0, green: 255, blue: 0)),
                ]
            ),
            (
                "cover",
                [
                    (40, 10, Color(red: 255, green: 0, blue: 0)), (10, 90, Color(red: 255, green: 0, blue: 0)),
                    (90, 90, Color(red: 0, green: 255, blue: 0)),
                ]
            ),
            ("stretch", [(1, 1, Color(red: 255, green: 0, blue: 0)), (98, 98, Color(red: 0, green: 255, blue: 0))]),
        ] {
            let layout = try Fixtures.layout(
                #"""
                {"version": 1, "size": {"width": 100, "height": 100}, "regions": [
                  {"frame": {"x": 0, "y": 0, "width": 100, "height": 100}, "items": [{"kind": "image", "duration": 5, "path": "split.png", "fit": "\#(fit)"}]}]}
                """#)
            let (surface, frames) = try Fixtures.render(layout, at: .epoch, assetRoot: folder.path)
            #expect(frames.problems == [])
            for (x, y, color) in expectations {
                #expect(surface.pixel(x: x, y: y) == color, "\(fit) at \(x),\(y)")
            }
        }
    }
}

@Suite struct ImageScalingTests {
    /// A one-pixel checkerboard shrunk four times must turn an even grey: filtered, not sampled
    /// (nearest-neighbour would keep pure black or white and make photos shimmer).
    @Test func downscalingFiltersInsteadOfSkippingPixels() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let checker = try Surface(size: PixelSize(width: 400, height: 400))
        checker.fill(PixelRect(x: 0, y: 0, width: 400, height: 400), with: .black)
        for y in 0..<400 {
            for x in stride(from: y % 2, to: 400, by: 2) {
                checker.fill(PixelRect(x: x, y: y, width: 1, height: 1), with: .white)
            }
        }
        try checker.savePNG(to: folder.appendingPathComponent("o-co.png").path)
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 100, "height": 100}, "regions": [
              {"frame": {"x": 0, "y": 0, "width": 100, "height": 100}, "items": [{"kind": "image", "duration": 5, "path": "o-co.png", "fit": "contain"}]}]}
            """#)
        let (surface, frames) = try Fixtures.render(layout, at: .epoch, assetRoot: folder.path)
        #expect(frames.problems == [])
        for (x, y) in [(10, 10), (50, 50), (77, 31), (99, 99)] {
            let grey = Int(surface.pixel(x: x, y: y).red)
            #expect((100...155).contains(grey), "pixel \(x),\(y) is \(grey), expected mid grey")
        }
    }
}

@Suite struct WebPTests {
    @Test func webPImagesDecode() throws {
        #expect(SDLRuntime.supportsWebP, "SDL2_image on this machine was built without WebP")
        let path = Fixtures.root.appendingPathComponent("Tests/BangtinRenderTests/Fixtures/split.webp").path
        let image = try Surface.loadARGB(path: path)
        #expect(image.size == PixelSize(width: 40, height: 20))
        #expect(image.pixel(x: 5, y: 5) == Color(red: 255, green: 0, blue: 0))
        #expect(image.pixel(x: 35, y: 15) == Color(red: 0, green: 255, blue: 0))
    }
}
