import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// Tickers copied from a band composed once give exactly the pixels of drawing them copy by
/// copy: at the start (before the band applies), across the switch, and months later; full
/// frames and dirty rectangles; at full and reduced brightness.
@Suite struct TickerBandTests {
    static let boards = ["ticker-192x64", "market-p10-384x192", "district-lcd-1920x1080"]

    /// Seconds since the layout started: the first seconds (copy by copy only), around the
    /// moment the band starts to apply, and far on (head and tail joined many times over).
    static let seconds: [Double] = [0, 0.5, 3, 7.25, 12, 19.9, 31, 47.5, 95, 3_600.1, 86_400 * 31 + 0.7]

    func layout(_ name: String) throws -> Layout {
        try LayoutFile.load("\(Fixtures.layoutsDirectory)/\(name)/layout.json", fonts: Fixtures.catalog).layout
    }

    func differing(_ a: HeadlessRenderer, _ b: HeadlessRenderer) -> Int {
        a.surface.differingPixels(from: b.surface)
    }

    /// Where the demo layouts' tickers start in these tests.
    static let start = Fixtures.instant("2026-11-23T08:00:00+07:00")

    /// A demo layout and two renderers for it: one composing bands, one drawing copy by copy.
    func compared(_ name: String) throws -> (layout: Layout, bands: HeadlessRenderer, plain: HeadlessRenderer) {
        let layout = try layout(name)
        return (layout, try renderer(layout.size, bands: true), try renderer(layout.size, bands: false))
    }

    func renderer(_ size: PixelSize, bands: Bool) throws -> HeadlessRenderer {
        let renderer = try HeadlessRenderer(size: size, fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        renderer.frames.composesTickerBands = bands
        return renderer
    }

    @Test(arguments: boards)
    func bandGivesTheSamePixelsAsCopyByCopy(_ name: String) throws {
        let (layout, withBands, copyByCopy) = try compared(name)
        let start = Self.start
        for second in Self.seconds {
            for brightness in [100, 40] {
                let instant = start.advanced(byNanoseconds: Int64(second * 1e9))
                let scene = Scene(main: layout.scene(at: instant, startedAt: start))
                withBands.frames.draw(scene, brightness: brightness)
                copyByCopy.frames.draw(scene, brightness: brightness)
                let differences = differing(withBands, copyByCopy)
                #expect(differences == 0, "\(name) \(second) s after start at \(brightness) %: \(differences) pixels differ")
            }
        }
        #expect(withBands.frames.bandDraws > 0, "the band was used")
        #expect(copyByCopy.frames.bandDraws == 0)
    }

    /// A player redraws only the ticker strip each frame: the result equals a full frame.
    @Test(arguments: boards)
    func dirtyRedrawsEqualFullFrames(_ name: String) throws {
        let (layout, live, reference) = try compared(name)
        let start = Self.start
        for brightness in [100, 40] {
            var previous: Scene?
            for frame in 0..<90 {
                // 60 frames a second over the band's threshold, then a jump far on.
                let nanoseconds = frame < 60 ? Int64(frame) * 16_666_667 + 10_000_000_000 : Int64(frame) * 1_000_000_000
                let scene = Scene(main: layout.scene(at: start.advanced(byNanoseconds: nanoseconds), startedAt: start))
                live.frames.draw(scene, dirty: previous.flatMap { scene.dirtyRects(since: $0) }, brightness: brightness)
                previous = scene
                if frame % 15 == 14 {
                    reference.frames.draw(scene, brightness: brightness)
                    let differences = differing(live, reference)
                    #expect(differences == 0, "\(name) frame \(frame) at \(brightness) %: \(differences) pixels differ")
                }
            }
        }
    }

    /// What `draw` reports as changed holds every pixel that changed, and for a scrolling
    /// ticker in steady state only the rows its letters cross, not its whole strip.
    @Test(arguments: boards)
    func reportedDamageHoldsEveryChangedPixel(_ name: String) throws {
        let layout = try layout(name)
        let start = Self.start
        let live = try renderer(layout.size, bands: true)
        let width = layout.size.width
        var previous: Scene?
        var before = live.surface.argbPixels
        var narrower = 0
        var redrawn = 0
        for frame in 0..<40 {
            let instant = start.advanced(byNanoseconds: 30_000_000_000 + Int64(frame) * 16_666_667)
            let scene = Scene(main: layout.scene(at: instant, startedAt: start))
            let dirty = previous.flatMap { scene.dirtyRects(since: $0) }
            let damage = live.frames.draw(scene, dirty: dirty, brightness: frame < 20 ? 100 : 60)
            previous = scene
            let after = live.surface.argbPixels
            for index in after.indices where after[index] != before[index] {
                let point = PixelRect(x: index % width, y: index / width, width: 1, height: 1)
                #expect(
                    damage.contains { $0.contains(point) }, "\(name) frame \(frame): pixel \(point) changed outside \(damage)")
            }
            if let dirty, !dirty.isEmpty {
                redrawn += 1
                let area = { (rects: [PixelRect]) in rects.map { $0.width * $0.height }.reduce(0, +) }
                if area(damage) < area(dirty) { narrower += 1 }
            }
            before = after
        }
        // All but the first redraw after each full frame (the start, the change of brightness).
        #expect(redrawn > 10 && narrower >= redrawn - 2, "\(name): \(narrower) of \(redrawn) redraws reported only text rows")
    }

    /// A ticker too long for its band to fit the band cache is drawn copy by copy, the same
    /// pixels (a band that big would push the others out every frame). About 1,900 characters
    /// at 72 px: as big as a ticker may be (`Limits.textArea`).
    @Test func aTickerTooBigForABandIsDrawnCopyByCopy() throws {
        let sentence = "Hưởng ứng Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới  •  "
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 384, "height": 96}, "background": "#000000", "regions": [
              {"frame": {"x": 0, "y": 0, "width": 384, "height": 96}, "background": "#ffcc00", "items": [
                {"kind": "ticker", "duration": 60, "speed": 120, "gap": 200, "color": "#a00000",
                 "text": "\#(String(repeating: sentence, count: 19))", "font": {"family": "Noto Sans", "size": 72, "weight": "bold"}}]}]}
            """#)
        let live = try renderer(layout.size, bands: true)
        let plain = try renderer(layout.size, bands: false)
        for second in [400.0, 400.5] {
            let scene = Scene(main: layout.scene(at: Instant.epoch.advanced(byNanoseconds: Int64(second * 1e9))))
            live.frames.draw(scene)
            plain.frames.draw(scene)
            #expect(live.surface.argbPixels == plain.surface.argbPixels)
        }
        #expect(live.frames.bandDraws == 0, "no band for a ticker of \(sentence.count * 19) characters")
    }

    /// Two overlapping regions changing in the same frame at reduced brightness: the overlap is
    /// dimmed once, like the rest.
    @Test func overlappingChangesAreDimmedOnce() throws {
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 200, "height": 100}, "background": "#203040", "regions": [
              {"frame": {"x": 0, "y": 0, "width": 120, "height": 100}, "background": "#c00000", "items": [
                {"kind": "clock", "duration": 60, "format": "{ss}", "font": {"family": "Noto Sans", "size": 40}}]},
              {"frame": {"x": 80, "y": 20, "width": 120, "height": 60}, "items": [
                {"kind": "clock", "duration": 60, "format": "{HH}:{mm}:{ss}", "font": {"family": "Noto Sans", "size": 20}}]}]}
            """#)
        let live = try renderer(layout.size, bands: true)
        let reference = try renderer(layout.size, bands: true)
        let first = Scene(main: layout.scene(at: .epoch.advanced(byNanoseconds: 10_000_000_000)))
        let next = Scene(main: layout.scene(at: .epoch.advanced(byNanoseconds: 11_000_000_000)))
        let dirty = try #require(next.dirtyRects(since: first))
        #expect(dirty.count == 2 && dirty[0].intersects(dirty[1]))
        live.frames.draw(first, brightness: 40)
        live.frames.draw(next, dirty: dirty, brightness: 40)
        reference.frames.draw(next, brightness: 40)
        #expect(live.surface.argbPixels == reference.surface.argbPixels)
    }

    /// The steady cost: once composed, a band is reused, and no text is rasterised again.
    @Test func steadyFramesComposeNothingNew() throws {
        let layout = try layout("district-lcd-1920x1080")
        let start = Self.start
        let live = try renderer(layout.size, bands: true)
        live.frames.draw(Scene(main: layout.scene(at: start.advanced(byNanoseconds: 30_000_000_000), startedAt: start)))
        let rasterised = live.frames.textRasterisations
        for frame in 1...120 {
            let instant = start.advanced(byNanoseconds: 30_000_000_000 + Int64(frame) * 16_666_667)
            live.frames.draw(Scene(main: layout.scene(at: instant, startedAt: start)))
        }
        #expect(live.frames.textRasterisations == rasterised)
        #expect(live.frames.bandDraws == 121)
    }
}
