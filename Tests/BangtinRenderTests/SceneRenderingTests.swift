import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// Transitions and overlays rendered: goldens at known instants plus pixel checks of the blend.
@Suite struct SceneRenderingTests {
    static let red = Color(red: 200, green: 0, blue: 0)
    static let blue = Color(red: 0, green: 0, blue: 200)

    static func notice(_ text: String, background: Color) throws -> Layout {
        try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 384, "height": 192}, "background": "\#(background)", "regions": [
              {"frame": {"x": 8, "y": 8, "width": 368, "height": 120}, "padding": 4, "items": [
                {"kind": "text", "duration": 10, "text": "\#(text)", "align": "center", "valign": "middle", "fit": "shrink",
                 "font": {"family": "Noto Sans", "size": 30, "weight": "bold"}}]}]}
            """#)
    }

    static func bundle(transition: TransitionKind) throws -> ContentBundle {
        var layouts: [String: Layout] = [:]
        layouts["bao"] = try notice("CẢNH BÁO BÃO SỐ 9", background: red)
        layouts["tiem"] = try notice("Lịch tiêm chủng vắc-xin sởi", background: blue)
        layouts["chu"] = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 384, "height": 192}, "background": "#00000000", "regions": [
              {"frame": {"x": 0, "y": 160, "width": 384, "height": 32}, "background": "#101010", "items": [
                {"kind": "ticker", "duration": 60, "speed": 40, "gap": 60, "color": "#ffe000",
                 "text": "Đề nghị bà con chằng chống nhà cửa, không ra khơi", "font": {"family": "Noto Sans", "size": 22}}]}]}
            """#)
        let references = layouts.keys.reduce(into: [String: LayoutReference]()) {
            $0[$1] = LayoutReference(path: "\($1)/layout.json")
        }
        return ContentBundle(
            schedule: Schedule(
                size: PixelSize(width: 384, height: 192), layouts: references, defaultLayout: "bao",
                entries: [
                    ScheduleEntry(
                        id: "xa", show: .layouts(["bao", "tiem"]),
                        transition: TransitionSpec(kind: transition, durationMilliseconds: 1000)),
                    ScheduleEntry(
                        id: "chu-chay", show: .overlay("chu"), dayparts: [Daypart(startMinute: 5 * 60, endMinute: 22 * 60)]),
                ]),
            layouts: layouts)
    }

    func render(_ bundle: ContentBundle, at text: String) throws -> (Scene, Surface) {
        let scheduler = Scheduler(bundle: bundle)
        let scene = scheduler.scene(at: Fixtures.instant(text))
        let renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        return (scene, renderer.render(scene))
    }

    @Test func fadeAtItsMidpointIsABlendOfBoth() throws {
        // The rotation starts at midnight: "bao" 10 s, then "tiem" fades in over 1 s from 04:00:10 (04:00 is in a 10 s cycle).
        let (scene, surface) = try render(try Self.bundle(transition: .fade), at: "2026-11-23T04:00:10.5+07:00")
        #expect(scene.transition?.progress == 500)
        #expect(scene.overlays.isEmpty)  // the ticker overlay starts at 05:00
        let corner = surface.pixel(x: 2, y: 2)  // background only: exactly between red and blue
        #expect(abs(Int(corner.red) - 100) <= 2 && corner.green == 0 && abs(Int(corner.blue) - 100) <= 2, "\(corner)")
        let outcome = try Golden.compare(surface, name: "scene-fade-midpoint")
        #expect(outcome.matches, "\(outcome)")
    }

    @Test func slideLeftAtItsMidpointShowsHalfOfEach() throws {
        let (scene, surface) = try render(try Self.bundle(transition: .slideLeft), at: "2026-11-23T04:00:10.5+07:00")
        #expect(scene.transition?.kind == .slideLeft)
        #expect(surface.pixel(x: 2, y: 2) == Self.red)  // outgoing, pushed to the left half
        #expect(surface.pixel(x: 381, y: 2) == Self.blue)  // incoming, entering on the right
        #expect(surface.pixel(x: 190, y: 2) == Self.red && surface.pixel(x: 193, y: 2) == Self.blue)
    }

    /// A slide shows each layout's own pixels, moved: the same as drawing the layout alone.
    @Test func slideShowsEachLayoutsOwnPixelsMoved() throws {
        let bundle = try Self.bundle(transition: .slideLeft)
        let (scene, surface) = try render(bundle, at: "2026-11-23T04:00:10.25+07:00")
        let transition = try #require(scene.transition)
        let fonts = try Fixtures.fonts()
        let alone = try HeadlessRenderer(size: scene.size, fonts: fonts, logger: Fixtures.quietLogger)
        let width = scene.size.width
        let shift = width * transition.progress / 1000
        for (layout, offset) in [(transition.from, -shift), (scene.main, width - shift)] {
            let own = alone.render(layout)
            var differing = 0
            for y in 0..<scene.size.height {
                for x in max(0, offset)..<min(width, width + offset)
                where surface.pixel(x: x, y: y) != own.pixel(x: x - offset, y: y) {
                    // The board has no alpha: colours are what must match.
                    let (a, b) = (surface.pixel(x: x, y: y), own.pixel(x: x - offset, y: y))
                    if (a.red, a.green, a.blue) != (b.red, b.green, b.blue) { differing += 1 }
                }
            }
            #expect(differing == 0, "\(layout.name) moved by \(offset): \(differing) pixels differ")
        }
    }

    @Test func overlayIsDrawnOnTopOfTheMainLayout() throws {
        let (scene, surface) = try render(try Self.bundle(transition: .fade), at: "2026-11-23T08:05:03+07:00")
        #expect(scene.overlays.map(\.name) == ["chu"])
        #expect(surface.pixel(x: 2, y: 150) == Self.red || surface.pixel(x: 2, y: 150) == Self.blue)  // main layout shows
        let strip = Ink.bounds(
            surface, in: PixelRect(x: 0, y: 160, width: 384, height: 32), background: Color(red: 16, green: 16, blue: 16))
        #expect(strip != nil, "the ticker's text is drawn in the overlay strip")
        let outcome = try Golden.compare(surface, name: "scene-overlay")
        #expect(outcome.matches, "\(outcome)")
    }

    @Test func itemFadeInsideARegion() throws {
        let layout = try Fixtures.layout(
            #"""
            {"version": 1, "size": {"width": 100, "height": 50}, "regions": [
              {"frame": {"x": 0, "y": 0, "width": 100, "height": 50}, "items": [
                {"kind": "image", "duration": 4, "path": "do.png", "fit": "stretch"},
                {"kind": "image", "duration": 4, "path": "xanh.png", "fit": "stretch", "transition": {"kind": "fade", "duration": 2}}]}]}
            """#)
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, color) in [("do.png", Self.red), ("xanh.png", Self.blue)] {
            let image = try Surface(size: PixelSize(width: 10, height: 10))
            image.fill(PixelRect(x: 0, y: 0, width: 10, height: 10), with: color)
            try image.savePNG(to: folder.appendingPathComponent(name).path)
        }
        // 1 s into a 2 s fade.
        let (surface, _) = try Fixtures.render(layout, at: Instant(secondsSinceEpoch: 5), assetRoot: folder.path)
        let mid = surface.pixel(x: 50, y: 25)
        #expect(abs(Int(mid.red) - 100) <= 3 && abs(Int(mid.blue) - 100) <= 3, "\(mid)")
        let (settled, _) = try Fixtures.render(layout, at: Instant(secondsSinceEpoch: 7), assetRoot: folder.path)
        #expect(settled.pixel(x: 50, y: 25) == Self.blue)
    }
}
