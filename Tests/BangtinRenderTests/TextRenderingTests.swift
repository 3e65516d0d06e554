import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

@Suite struct TextRenderingTests {
    let black = Color.black

    func textLayout(
        _ text: String, frame: PixelRect, size: PixelSize = PixelSize(width: 400, height: 200),
        font: Int = 40, valign: String = "top", fit: String = "none"
    ) throws -> Layout {
        let escaped = text.replacingOccurrences(of: "\n", with: "\\n")
        return try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": \#(size.width), "height": \#(size.height)}, "regions": [
              {"frame": {"x": \#(frame.x), "y": \#(frame.y), "width": \#(frame.width), "height": \#(frame.height)},
               "items": [{"kind": "text", "duration": 10, "text": "\#(escaped)", "valign": "\#(valign)", "fit": "\#(fit)",
                          "font": {"family": "Noto Sans", "size": \#(font), "weight": "bold"}}]}]}
            """#)
    }

    @Test func nfdAndNfcRenderIdenticalPixels() throws {
        let nfc = "Bão số 9 đổ bộ Quảng Ngãi – Ấp Ỗ Ự"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        #expect(nfd.unicodeScalars.count > nfc.unicodeScalars.count)
        let frame = PixelRect(x: 0, y: 0, width: 400, height: 200)
        let (a, _) = try Fixtures.render(try textLayout(nfc, frame: frame), at: .epoch)
        let (b, _) = try Fixtures.render(try textLayout(nfd, frame: frame), at: .epoch)
        #expect(Ink.bounds(a, in: frame, background: black) != nil)
        #expect(a.argbPixels == b.argbPixels)
    }

    /// The same line set with room to spare and set tight against a region's top edge must show
    /// the same ink: no stacked mark or breve sliced off.
    @Test(arguments: ["ẤỖẪỰ Ê̆Ô̆", "Ỗ Ẫ Ấ Ặ Ể Ữ", "Ê̆ Ô̆ Ơ̆ Ư̆ Ĕ Ŏ Ŭ"])
    func stackedMarksStayInsideTheRegionTop(_ text: String) throws {
        let roomy = PixelRect(x: 10, y: 60, width: 380, height: 130)
        let (free, _) = try Fixtures.render(try textLayout(text, frame: roomy, valign: "middle"), at: .epoch)
        let freeInk = try #require(Ink.bounds(free, in: PixelRect(x: 0, y: 0, width: 400, height: 200), background: black))
        // A region exactly as tall as the ink, starting at y = 40, text aligned to its top.
        let tight = PixelRect(x: 10, y: 40, width: 380, height: freeInk.height)
        let (clipped, _) = try Fixtures.render(try textLayout(text, frame: tight, valign: "top"), at: .epoch)
        let whole = PixelRect(x: 0, y: 0, width: 400, height: 200)
        let ink = try #require(Ink.bounds(clipped, in: whole, background: black))
        #expect(ink.y >= tight.y && ink.maxY <= tight.maxY, "ink \(ink) must lie inside region \(tight)")
        #expect(ink.y == tight.y, "top-aligned ink starts at the region's top edge")
        #expect(
            Ink.pattern(clipped, in: whole, background: black) == Ink.pattern(free, in: whole, background: black),
            "marks were clipped: the tight rendering differs from the roomy one")
    }

    @Test func dotsBelowStayInsideTheRegionBottom() throws {
        let text = "Thực hiện tiêm chủng ạ ặ ự ỵ"
        let roomy = PixelRect(x: 10, y: 40, width: 380, height: 150)
        let (free, _) = try Fixtures.render(try textLayout(text, frame: roomy, font: 28, valign: "middle"), at: .epoch)
        let whole = PixelRect(x: 0, y: 0, width: 400, height: 200)
        let freeInk = try #require(Ink.bounds(free, in: whole, background: black))
        let tight = PixelRect(x: 10, y: 150 - freeInk.height, width: 380, height: freeInk.height)
        let (bottom, _) = try Fixtures.render(try textLayout(text, frame: tight, font: 28, valign: "bottom"), at: .epoch)
        let ink = try #require(Ink.bounds(bottom, in: whole, background: black))
        #expect(ink.maxY == tight.maxY && ink.y >= tight.y)
        #expect(Ink.pattern(bottom, in: whole, background: black) == Ink.pattern(free, in: whole, background: black))
    }

    @Test func shrinkFitsLongTextInsideTheRegion() throws {
        let long = String(repeating: "Người dân chủ động phòng, chống bão lũ, sơ tán khỏi vùng nguy hiểm. ", count: 4)
        let frame = PixelRect(x: 20, y: 20, width: 200, height: 120)
        let (shrunk, _) = try Fixtures.render(try textLayout(long, frame: frame, font: 60, fit: "shrink"), at: .epoch)
        let whole = PixelRect(x: 0, y: 0, width: 400, height: 200)
        let ink = try #require(Ink.bounds(shrunk, in: whole, background: black))
        #expect(frame.contains(ink), "shrunk text \(ink) fits in \(frame)")
        // Without shrinking, the same text overflows (and is clipped at the region's bottom).
        let (overflowing, _) = try Fixtures.render(try textLayout(long, frame: frame, font: 60), at: .epoch)
        let clippedInk = try #require(Ink.bounds(overflowing, in: whole, background: black))
        #expect(clippedInk.maxY == frame.maxY)
    }

    @Test func missingCharactersFallBackToAnotherBundledFont() throws {
        let frame = PixelRect(x: 0, y: 0, width: 400, height: 200)
        // U+26A0 WARNING SIGN is not in Noto Sans but is in Noto Sans Symbols 2.
        let (warning, _) = try Fixtures.render(try textLayout("\u{26A0}", frame: frame, font: 80), at: .epoch)
        // U+0378 is unassigned: no font has it, so it shows the primary font's missing-glyph box.
        let (box, _) = try Fixtures.render(try textLayout("\u{0378}", frame: frame, font: 80), at: .epoch)
        let warningInk = try #require(Ink.bounds(warning, in: frame, background: black))
        let boxInk = try #require(Ink.bounds(box, in: frame, background: black))
        #expect(Ink.pattern(warning, in: frame, background: black) != Ink.pattern(box, in: frame, background: black))
        // The warning sign is a triangle: wider at its base than at its apex.
        let topRow = (warningInk.x..<warningInk.maxX).filter { Ink.isInk(warning, $0, warningInk.y + 2, background: black) }.count
        let bottomRow = (warningInk.x..<warningInk.maxX).filter { Ink.isInk(warning, $0, warningInk.maxY - 3, background: black) }
            .count
        #expect(bottomRow > 3 * topRow, "a triangle, not a box (\(topRow) vs \(bottomRow) ink pixels)")
        #expect(boxInk.width > 10)
    }

    @Test func steadyFramesDoNotRasteriseTextAgain() throws {
        let layout = try textLayout("Lịch tiêm chủng vắc-xin sởi", frame: PixelRect(x: 0, y: 0, width: 400, height: 200))
        let renderer = try HeadlessRenderer(size: layout.size, fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        renderer.render(layout.scene(at: .epoch))
        let first = renderer.frames.textRasterisations
        let pixels = renderer.surface.argbPixels
        for second in 1...30 {
            renderer.render(layout.scene(at: Instant(secondsSinceEpoch: Int64(second))))
        }
        #expect(first > 0)
        #expect(renderer.frames.textRasterisations == first)
        #expect(renderer.surface.argbPixels == pixels)
    }
}
