import BangtinCore
import CSDL2

/// Decodes a picture and scales it once to the exact pixels it will occupy, so every frame is
/// a 1:1 copy (fast on the software renderer) and photos are filtered, not nearest-neighbour.
enum ImageScaler {
    /// The picture at `path` (relative to `root`, read by `PictureFile`) fitted into `box`:
    /// pixels sized to the destination, and where they go.
    static func prepare(path: String, root: String, fit: ImageFit, box: PixelRect) throws(SDLError) -> (
        surface: Surface, destination: PixelRect
    ) {
        let original = try PictureFile.decode(path, root: root)
        let placement = fit.placement(of: original.size, in: box)
        let cropped = placement.source.size == original.size ? original : try original.cropped(to: placement.source)
        return (try scale(cropped, to: placement.destination.size), placement.destination)
    }

    /// A filtered copy of `surface` at `target` size.
    static func scale(_ surface: Surface, to target: PixelSize) throws(SDLError) -> Surface {
        var current = surface
        // Halve first while the picture is over twice too large: bilinear sampling alone skips
        // pixels on big reductions and makes camera photos shimmer with aliasing.
        while current.size.width >= 2 * target.width && current.size.height >= 2 * target.height {
            current = try stretch(current, to: PixelSize(width: current.size.width / 2, height: current.size.height / 2))
        }
        if current.size != target { current = try stretch(current, to: target) }
        return current
    }

    private static func stretch(_ surface: Surface, to size: PixelSize) throws(SDLError) -> Surface {
        let out = try Surface(size: PixelSize(width: max(1, size.width), height: max(1, size.height)))
        try sdlCheck(SDL_SoftStretchLinear(surface.handle, nil, out.handle, nil), "SDL_SoftStretchLinear")
        return out
    }
}
