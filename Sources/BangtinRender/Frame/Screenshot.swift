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

    /// `surface` scaled to a screenshot at most `width` wide (the same surface when it fits):
    /// each pixel the average of the board pixels it covers, in integer arithmetic, so the same
    /// pixels always give the same screenshot (SDL's SIMD stretching rounds differently with the
    /// memory's alignment).
    public static func scaled(_ surface: Surface, width: Int) throws(SDLError) -> Surface {
        let target = size(of: surface.size, width: width)
        guard target != surface.size else { return surface }
        let out = try Surface(size: target)
        let (sw, sh) = (surface.size.width, surface.size.height)
        for y in 0..<target.height {
            let (y0, y1) = (y * sh / target.height, max(y * sh / target.height + 1, (y + 1) * sh / target.height))
            let destination = out.row(y)
            for x in 0..<target.width {
                let (x0, x1) = (x * sw / target.width, max(x * sw / target.width + 1, (x + 1) * sw / target.width))
                var sums: (a: Int, r: Int, g: Int, b: Int) = (0, 0, 0, 0)
                for sy in y0..<y1 {
                    let source = surface.row(sy)
                    for sx in x0..<x1 {
                        let p = Int(source[sx])
                        sums = (
                            sums.a + (p >> 24 & 0xFF), sums.r + (p >> 16 & 0xFF), sums.g + (p >> 8 & 0xFF), sums.b + (p & 0xFF)
                        )
                    }
                }
                let n = (y1 - y0) * (x1 - x0)
                let half = n / 2
                let a = (sums.a + half) / n
                let r = (sums.r + half) / n
                let g = (sums.g + half) / n
                let b = (sums.b + half) / n
                destination[x] = UInt32(a << 24 | r << 16 | g << 8 | b)
            }
        }
        return out
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
        return try scaled(renderer.surface, width: width).pngBytes(opaque: true)
    }
}
