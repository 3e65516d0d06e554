import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// What the preparation thread makes ahead (text set, pictures decoded, fade halves, whole
/// frames) gives exactly the pixels of drawing it all on the spot, and spares the frame loop
/// that work.
@Suite struct PreparationTests {
    let hanoi = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    func scheduler(_ relative: String) throws -> Scheduler {
        Scheduler(bundle: try BundleFolder.load("\(Fixtures.layoutsDirectory)/\(relative)", fonts: Fixtures.catalog))
    }

    func differing(_ a: HeadlessRenderer, _ b: HeadlessRenderer) -> Int {
        a.surface.differingPixels(from: b.surface)
    }

    /// The instants of the next `count` changes of scene from `start`, with the scenes.
    func changes(_ scheduler: Scheduler, from start: Instant, count: Int) -> [(Instant, Scene)] {
        var t = start
        var out: [(Instant, Scene)] = []
        while out.count < count {
            let timed = scheduler.timedScene(at: t)
            out.append((t, timed.scene))
            t = max(timed.stableUntil, t.advanced(byNanoseconds: 100_000_000))
        }
        return out
    }

    @Test(arguments: [
        ("xa-tan-phu-tuan", "2026-11-28T18:55:00+07:00"), ("district-lcd-1920x1080/layout.json", "2026-11-23T08:05:00+07:00"),
    ])
    func preparedTextAndPicturesAreUploadedNotSet(_ content: String, _ at: String) throws {
        let scheduler = try scheduler(content)
        let fonts = try Fixtures.fonts()
        let size = scheduler.bundle.schedule.size
        let store = PreparedAssets()
        let preparer = ScenePreparer(fonts: fonts, store: store, logger: Fixtures.quietLogger)
        let live = try HeadlessRenderer(size: size, fonts: fonts, prepared: store, logger: Fixtures.quietLogger)
        let plain = try HeadlessRenderer(size: size, fonts: fonts, logger: Fixtures.quietLogger)
        for (instant, scene) in changes(scheduler, from: Fixtures.instant(at), count: 24) {
            preparer.prepare(scene)
            preparer.prepareFades(scene)
            let later = scheduler.scene(at: instant.advanced(byNanoseconds: 50_000_000))
            live.frames.draw(later)
            plain.frames.draw(later)
            #expect(differing(live, plain) == 0, "\(content) at \(instant)")
        }
        #expect(live.frames.textRasterisations == 0, "no text set on the drawing thread")
        #expect(live.frames.unprepared == 0)
        #expect(live.frames.uploads > 0)
        #expect(plain.frames.textRasterisations > 0)
    }

    /// Region fades drawn from halves made ahead equal fades composed on the spot, frame by
    /// frame, and compose nothing on the drawing thread.
    @Test func fadesFromHalvesMadeAheadMatchComposedFades() throws {
        let scheduler = try scheduler("xa-tan-phu-tuan")
        let fonts = try Fixtures.fonts()
        let size = scheduler.bundle.schedule.size
        let store = PreparedAssets()
        let preparer = ScenePreparer(fonts: fonts, store: store, logger: Fixtures.quietLogger)
        let live = try HeadlessRenderer(size: size, fonts: fonts, prepared: store, logger: Fixtures.quietLogger)
        let plain = try HeadlessRenderer(size: size, fonts: fonts, logger: Fixtures.quietLogger)
        let fading = changes(scheduler, from: Fixtures.instant("2026-11-28T18:55:00+07:00"), count: 60).filter { _, scene in
            scene.main.regions.contains { $0.transition?.kind == .fade }
        }
        #expect(fading.count >= 3, "the demo bundle fades items in")
        for (instant, scene) in fading.prefix(4) {
            preparer.prepare(scene)
            preparer.prepareFades(scene)
            let composedBefore = live.frames.unprepared
            for step in stride(from: 0, to: 800, by: 133) {
                let frame = scheduler.scene(at: instant.advanced(byNanoseconds: Int64(step) * 1_000_000))
                for brightness in [100, 40] {
                    live.frames.draw(frame, brightness: brightness)
                    plain.frames.draw(frame, brightness: brightness)
                    #expect(differing(live, plain) == 0, "\(instant) + \(step) ms at \(brightness) %")
                }
            }
            #expect(live.frames.unprepared == composedBefore, "the halves were made ahead for \(instant)")
        }
    }

    /// A scene made ready a moment ahead (`preload`) is then drawn with nothing set, decoded,
    /// uploaded or composed in its own frame, and with the same pixels.
    @Test func aPreloadedSceneIsOnlyDrawnWhenItComes() throws {
        let scheduler = try scheduler("xa-tan-phu-tuan")
        let fonts = try Fixtures.fonts()
        let size = scheduler.bundle.schedule.size
        let store = PreparedAssets()
        let preparer = ScenePreparer(fonts: fonts, store: store, logger: Fixtures.quietLogger)
        let live = try HeadlessRenderer(size: size, fonts: fonts, prepared: store, logger: Fixtures.quietLogger)
        let plain = try HeadlessRenderer(size: size, fonts: fonts, logger: Fixtures.quietLogger)
        var checked = 0
        for (instant, scene) in changes(scheduler, from: Fixtures.instant("2026-11-28T18:55:00+07:00"), count: 30) {
            preparer.prepare(scene)
            preparer.prepareFades(scene)
            // A piece at a time, as quiet frames do.
            var calls = 1
            while !live.frames.preload(scene) { calls += 1 }
            #expect(calls < 50)
            let (rasterised, uploaded, unprepared) = (live.frames.textRasterisations, live.frames.uploads, live.frames.unprepared)
            let shown = scheduler.scene(at: instant.advanced(byNanoseconds: 16_666_667))
            live.frames.draw(shown)
            plain.frames.draw(shown)
            #expect(differing(live, plain) == 0, "\(instant)")
            #expect(live.frames.textRasterisations == rasterised && live.frames.unprepared == unprepared)
            #expect(live.frames.uploads == uploaded, "nothing uploaded in the frame showing \(instant)")
            checked += 1
        }
        #expect(checked == 30)
    }

    /// A new scene copied from a frame drawn ahead (but for its moving parts) equals the scene
    /// drawn on the spot, whole or by dirty rectangles, at full and reduced brightness.
    @Test(arguments: [
        ("district-lcd-1920x1080/layout.json", "2026-11-23T08:05:00+07:00"), ("xa-tan-phu-tuan", "2026-11-28T18:55:00+07:00"),
    ])
    func framesDrawnAheadAreCopiedWithTheSamePixels(_ content: String, _ at: String) throws {
        let scheduler = try scheduler(content)
        let fonts = try Fixtures.fonts()
        let size = scheduler.bundle.schedule.size
        let store = PreparedAssets()
        let preparer = ScenePreparer(fonts: fonts, store: store, logger: Fixtures.quietLogger)
        let live = try HeadlessRenderer(size: size, fonts: fonts, prepared: store, logger: Fixtures.quietLogger)
        let plain = try HeadlessRenderer(size: size, fonts: fonts, logger: Fixtures.quietLogger)
        var last: (scene: Scene, brightness: Int)?
        var copied = 0
        for (instant, scene) in changes(scheduler, from: Fixtures.instant(at), count: 12) {
            for brightness in [100, 100, 40] {
                preparer.prepareFrame(scene, brightness: brightness)
                // A frame later: tickers have moved on since the frame was drawn.
                let now = scheduler.scene(at: instant.advanced(byNanoseconds: 16_666_667))
                let frame = store.frame(showing: now, brightness: brightness)
                if scene.transition == nil { #expect(frame != nil, "a frame of \(instant) at \(brightness) %") }
                let dirty = last.flatMap { $0.brightness == brightness ? now.dirtyRects(since: $0.scene) : nil }
                live.frames.draw(now, dirty: dirty, brightness: brightness, from: frame)
                plain.frames.draw(now, brightness: brightness)
                #expect(
                    differing(live, plain) == 0,
                    "\(content) at \(instant), \(brightness) %, \(dirty.map { "\($0.count) rectangles" } ?? "whole")")
                if frame != nil { copied += 1 }
                last = (now, brightness)
            }
        }
        #expect(copied > 0 && live.frames.framesCopied > 0)
    }

    /// A frame drawn ahead is not taken for another scene or brightness.
    @Test func framesAreTakenOnlyForWhatTheyShow() throws {
        let scheduler = try scheduler("district-lcd-1920x1080/layout.json")
        let store = PreparedAssets()
        let preparer = ScenePreparer(fonts: try Fixtures.fonts(), store: store, logger: Fixtures.quietLogger)
        let t = Fixtures.instant("2026-11-23T08:05:00+07:00")
        preparer.prepareFrame(scheduler.scene(at: t), brightness: 100)
        #expect(store.frame(showing: scheduler.scene(at: t.advanced(byNanoseconds: 500_000_000)), brightness: 100) != nil)
        #expect(store.frame(showing: scheduler.scene(at: t), brightness: 60) == nil)
        #expect(store.frame(showing: scheduler.scene(at: t.advanced(byNanoseconds: 60_000_000_000)), brightness: 100) == nil)
    }
}
