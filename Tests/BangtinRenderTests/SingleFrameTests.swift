import BangtinContent
import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinRender

/// A single frame's start-up work cut without changing a pixel: fallback fonts opened only for
/// the characters that need them, and a frame's text and pictures made on several threads at
/// once before it is drawn.
@Suite(.serialized) struct SingleFrameTests {
    /// Text the first font covers opens no fallback; a symbol only Noto Sans Symbols 2 has opens
    /// the fallbacks up to that one, and is drawn as with every font of the chain open.
    @Test func fallbackFontsOpenOnlyWhenACharacterNeedsThem() throws {
        let fonts = try Fixtures.fonts()
        let faces = fonts.faces()
        let opened = FreeType.count(.open)
        let chain = try faces.chain(for: FontSpec(family: "Noto Sans", size: 29))
        for character in "Ấp Phú Lợi họp dân lúc 19 giờ" { #expect(chain.index(covering: character) == 0) }
        #expect(FreeType.count(.open) - opened == 1, "only the family asked for")
        #expect(chain.index(covering: "☔") > 0)
        #expect(FreeType.count(.open) - opened > 1)
    }

    @Test(arguments: [
        ("district-lcd-1920x1080/layout.json", "2026-11-23T08:05:00+07:00"),
        ("market-p10-384x192/layout.json", "2026-11-23T08:05:00+07:00"),
        ("xa-tan-phu-tuan", "2026-11-28T18:55:00+07:00"),
    ])
    func preparedOnSeveralThreadsDrawsThePlainFrame(_ content: String, _ at: String) throws {
        let bundle = try BundleFolder.load("\(Fixtures.layoutsDirectory)/\(content)", fonts: Fixtures.catalog)
        let scene = Scheduler(bundle: bundle).scene(at: Fixtures.instant(at), alerts: [])
        let fonts = try Fixtures.fonts()
        let size = bundle.schedule.size
        let store = PreparedAssets()
        store.prepareAll(scene, fonts: fonts, threads: 3, logger: Fixtures.quietLogger)
        let prepared = try HeadlessRenderer(size: size, fonts: fonts, prepared: store, logger: Fixtures.quietLogger)
        let plain = try HeadlessRenderer(size: size, fonts: fonts, logger: Fixtures.quietLogger)
        prepared.render(scene)
        plain.render(scene)
        #expect(prepared.surface.differingPixels(from: plain.surface) == 0)
        // Every text set and picture decoded ahead (a fade's halves are still composed in drawing).
        #expect(prepared.frames.textRasterisations == 0)
        #expect(prepared.frames.uploads > 0)
    }
}
