import BangtinCore
import Logging

/// A board's screenshot as the source system receives it: the frame drawn by the same
/// renderer as the window, at the board's brightness, scaled down to at most `width` pixels
/// wide (aspect kept) and encoded as PNG. `render --at T` scaled with `scaled(_:width:)` gives
/// the same pixels.
public enum Screenshot {
    /// The size of a screenshot of a board of `size` at most `width` wide.
    public static func size(of size: PixelSize, width: Int) -> PixelSize {
        guard size.width > width else { return size }
        return PixelSize(width: width, height: max(1, (size.height * width + size.width / 2) / size.width))
    }

    /// `surface` scaled to a screenshot at most `width` wide (the same surface when it fits).
    public static func scaled(_ surface: Surface, width: Int) throws(SDLError) -> Surface {
        let target = size(of: surface.size, width: width)
        return target == surface.size ? surface : try surface.scaled(to: target)
    }

    /// Draws `scene` (black for a dark board) at `brightness` with `renderer` and returns the
    /// PNG of it at most `width` wide.
    public static func png(of scene: Scene?, brightness: Int, width: Int, renderer: HeadlessRenderer) throws(SDLError)
        -> [UInt8]
    {
        if let scene {
            renderer.frames.draw(scene, brightness: brightness)
        } else {
            renderer.surface.fill(
                PixelRect(x: 0, y: 0, width: renderer.surface.size.width, height: renderer.surface.size.height), with: .black)
        }
        return try scaled(renderer.surface, width: width).pngBytes()
    }
}
