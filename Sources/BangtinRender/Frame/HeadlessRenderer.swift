import BangtinCore
import Logging

/// Renders scenes into an in-memory surface with SDL's software renderer: no display needed.
/// Used by `render`, previews, tests and benchmarks.
public final class HeadlessRenderer {
    /// The pixels of the last frame drawn.
    public let surface: Surface
    /// The drawing path (shared with the window player).
    public let frames: FrameRenderer

    /// Creates a renderer for boards of `size` pixels.
    /// - Parameters:
    ///   - size: the board's exact pixel size.
    ///   - fonts: the fonts layouts name.
    ///   - prepared: text and pictures set ahead, to take before setting them here.
    ///   - logger: where problems drawing go (each once).
    public init(size: PixelSize, fonts: FontLibrary, prepared: PreparedAssets? = nil, logger: Logger) throws(SDLError) {
        try SDLRuntime.start()
        surface = try Surface(size: size)
        let renderer = try Renderer(softwareTarget: surface)
        frames = FrameRenderer(renderer: renderer, fonts: fonts, prepared: prepared, logger: logger)
    }

    /// Draws `scene` and returns the surface holding it.
    @discardableResult
    public func render(_ scene: Scene) -> Surface {
        frames.draw(scene)
        return surface
    }

    /// Draws one layout as the whole board and returns the surface holding it.
    @discardableResult
    public func render(_ layout: LayoutScene) -> Surface {
        frames.draw(layout)
        return surface
    }
}
