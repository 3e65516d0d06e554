import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// The PNG writer: lossless, and the same bytes however the frames are encoded.
struct PNGEncoderTests {
    private static let district = Fixtures.root.appendingPathComponent("layouts/district-lcd-1920x1080/layout.json").path
    private static let market = Fixtures.root.appendingPathComponent("layouts/market-p10-384x192/layout.json").path

    /// A board frame decodes, through libpng, to exactly its pixels; written as a board's
    /// frame (`opaque`) it is RGB, a quarter smaller, and decodes to its colours, opaque.
    @Test(arguments: [district, market])
    func boardFrameDecodesToItsPixels(layout: String) throws {
        let fonts = try Fixtures.fonts()
        let scheduler = Scheduler(bundle: try BundleFolder.load(layout, fonts: fonts.catalog))
        let renderer = try HeadlessRenderer(size: scheduler.bundle.schedule.size, fonts: fonts, logger: Fixtures.quietLogger)
        let surface = renderer.render(scheduler.scene(at: Fixtures.instant("2026-11-23T08:05:00+07:00"), alerts: []))
        let exact = surface.pngBytes()
        #expect(try Surface.decode(picture: exact).argbPixels == surface.argbPixels)
        let frame = surface.pngBytes(opaque: true)
        #expect(frame[25] == 2, "IHDR colour type: truecolour, no alpha")
        #expect(try Surface.decode(picture: frame).argbPixels == surface.argbPixels.map { $0 | 0xFF00_0000 })
        // SDL's blending leaves alpha under 255 where text was blended: written with alpha,
        // the frame would be a third larger to encode.
        if surface.argbPixels.contains(where: { $0 >> 24 != 0xFF }) {
            #expect(exact[25] == 6 && frame.count < exact.count)
        }
    }

    /// A surface with translucent pixels is written with alpha, and decodes to exactly them.
    @Test func translucentPixelsKeepTheirAlpha() throws {
        let surface = try Surface(size: PixelSize(width: 37, height: 11))
        surface.fill(PixelRect(x: 3, y: 2, width: 20, height: 5), with: Color(red: 200, green: 10, blue: 99, alpha: 128))
        surface.fill(PixelRect(x: 30, y: 0, width: 7, height: 11), with: Color(red: 1, green: 2, blue: 3, alpha: 255))
        let png = surface.pngBytes()
        #expect(png[25] == 6)  // IHDR colour type: truecolour with alpha
        #expect(try Surface.decode(picture: png).argbPixels == surface.argbPixels)
    }

    /// The worker pool gives, frame for frame, the bytes a serial loop gives.
    @Test func parallelEncodingEqualsSerial() throws {
        let fonts = try Fixtures.fonts()
        let scheduler = Scheduler(bundle: try BundleFolder.load(Self.market, fonts: fonts.catalog))
        let size = scheduler.bundle.schedule.size
        let start = Fixtures.instant("2026-11-23T08:05:00+07:00")
        func instant(_ index: Int) -> Instant { start.advanced(byNanoseconds: Int64(index) * 97_000_000) }
        let serialRenderer = try HeadlessRenderer(size: size, fonts: fonts, logger: Fixtures.quietLogger)
        let serial = (0..<48).map {
            serialRenderer.render(scheduler.scene(at: instant($0), alerts: [])).pngBytes(opaque: true)
        }
        let renderer = try HeadlessRenderer(size: size, fonts: fonts, logger: Fixtures.quietLogger)
        var parallel: [[UInt8]] = []
        try FrameSequence.png(count: 48, workers: 4) { index in
            renderer.render(scheduler.scene(at: instant(index), alerts: []))
        } deliver: { index, png in
            #expect(index == parallel.count)
            parallel.append(png)
        }
        #expect(parallel == serial)
        #expect(Set(serial).count > 1)  // the frames do differ (the clock, the ticker)
    }

    /// A sequence's cache compresses again only the bands whose pixels changed, and the bytes
    /// are those of a frame encoded on its own.
    @Test func theBandCacheReusesOnlyWhatIsTheSame() throws {
        let surface = try Surface(size: PixelSize(width: 300, height: 70))  // 5 bands, the last of 6 rows
        surface.fill(PixelRect(x: 0, y: 0, width: 300, height: 70), with: Color(red: 0, green: 40, blue: 90))
        let cache = PNGBandCache()
        let first = PNGEncoder.encode(FramePixels(surface), cache: cache)
        #expect(first == surface.pngBytes())
        #expect(PNGEncoder.encode(FramePixels(surface), cache: cache) == first)
        #expect(cache.statistics == (hits: 5, misses: 5))
        surface.fill(PixelRect(x: 299, y: 69, width: 1, height: 1), with: .white)  // one pixel of the last band
        let changed = PNGEncoder.encode(FramePixels(surface), cache: cache)
        #expect(cache.statistics == (hits: 9, misses: 6))
        #expect(changed == surface.pngBytes() && changed != first)
        #expect(try Surface.decode(picture: changed).argbPixels == surface.argbPixels)
    }
}
