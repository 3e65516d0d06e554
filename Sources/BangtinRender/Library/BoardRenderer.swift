import BangtinContent
import BangtinCore
import Foundation
import Logging

/// Draws what a board shows, for tools outside the player: a provincial portal's previews, a
/// CI check, a report generator.
///
/// A `BoardRenderer` loads a bundle folder (or one layout file) with the bundled fonts and
/// draws any instant of it, with or without emergency warnings, to pixels or to PNG bytes in
/// memory. It uses the same scene function and renderer as `bangtin render` and the kiosk
/// player, so a frame here is the frame a board shows at that instant.
///
/// ```swift
/// let board = try BoardRenderer(content: "layouts/xa-tan-phu-tuan", fonts: "fonts")
/// let at = try Instant.parse("2026-11-28T17:00:00", localZone: board.timeZone)
/// let png = board.png(at: at)                        // one frame, PNG bytes
/// let pixels = board.pixels(at: at)                  // or 0xAARRGGBB values, row by row
/// for frame in board.pngFrames(from: at, count: 60, fps: 30) { … }
/// ```
///
/// One renderer draws one frame at a time: use one per thread or task (they are cheap next to
/// the fonts, which a `FontLibrary` shares between them).
public final class BoardRenderer {
    /// What is drawn: the bundle's schedule and layouts.
    public let scheduler: Scheduler
    /// Fonts the layouts name, loaded on first use.
    public let fonts: FontLibrary
    private let renderer: HeadlessRenderer

    /// A renderer of the bundle folder (or layout file) at `content`, with the fonts in the
    /// folder `fonts` (a `fonts.json` and its font files, as the repository's `fonts/`).
    /// - Throws: `ContentError` naming every problem of the content by file and JSON path, or
    ///   an error when the fonts or SDL cannot be loaded.
    public convenience init(content: String, fonts: String, logger: Logger = Logger(label: "bangtin.render")) throws {
        let library = try FontLibrary(directory: fonts)
        let bundle = try BundleFolder.load(content, fonts: library.catalog)
        try self.init(bundle: bundle, fonts: library, logger: logger)
    }

    /// A renderer of a bundle already loaded.
    public init(bundle: ContentBundle, fonts: FontLibrary, logger: Logger = Logger(label: "bangtin.render")) throws {
        scheduler = Scheduler(bundle: bundle)
        self.fonts = fonts
        renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: fonts, logger: logger)
    }

    /// The board's exact pixel size.
    public var size: PixelSize { scheduler.bundle.schedule.size }

    /// The content's time zone, for reading local times (`Instant.parse(_:localZone:)`).
    public var timeZone: TimeZone { ContentTimeZone.named(scheduler.bundle.schedule.timeZone) }

    /// What the board shows at `instant` with `alerts` active: layouts, items, why (a pure
    /// function of the bundle, the alerts and the instant).
    public func scene(at instant: Instant, alerts: [Alert] = []) -> Scene {
        scheduler.scene(at: instant, alerts: alerts)
    }

    /// The frame at `instant`: `size.width × size.height` pixels, 0xAARRGGBB, row by row.
    public func pixels(at instant: Instant, alerts: [Alert] = []) -> [UInt32] {
        renderer.render(scene(at: instant, alerts: alerts)).argbPixels
    }

    /// The frame at `instant` as PNG bytes (the same bytes every time).
    public func png(at instant: Instant, alerts: [Alert] = []) -> [UInt8] {
        renderer.render(scene(at: instant, alerts: alerts)).pngBytes(opaque: true)
    }

    /// `count` frames from `start`, `fps` a second, as PNG bytes, made as they are asked for.
    /// - Precondition: `fps` is positive and finite.
    public func pngFrames(from start: Instant, count: Int, fps: Double, alerts: [Alert] = []) -> AnySequence<[UInt8]> {
        precondition(fps > 0 && fps.isFinite, "fps must be a positive number of frames a second, not \(fps)")
        return AnySequence(
            (0..<max(0, count)).lazy.map { index in
                self.png(at: start.advanced(byNanoseconds: Int64((Double(index) * 1e9 / fps).rounded())), alerts: alerts)
            })
    }

    /// Problems met while drawing (a picture that could not be read, text that could not be
    /// set): each drawn as a placeholder and reported here once.
    public var problems: [String] { renderer.frames.problems }
}
