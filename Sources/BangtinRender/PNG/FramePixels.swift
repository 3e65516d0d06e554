import BangtinCore

/// A frame's pixels copied out of a `Surface`, so that another thread can encode them while the
/// renderer draws the next frame (a surface belongs to its renderer's thread).
public struct FramePixels: Sendable {
    /// Width and height in pixels.
    public let size: PixelSize
    /// ARGB words (0xAARRGGBB), row by row, no padding.
    public let words: [UInt32]

    /// Copies the pixels `surface` holds now.
    public init(_ surface: Surface) {
        let (width, height) = (surface.size.width, surface.size.height)
        size = surface.size
        words = [UInt32](unsafeUninitializedCapacity: width * height) { buffer, count in
            for y in 0..<height {
                let row = surface.row(y)
                (buffer.baseAddress! + y * width).update(from: row.baseAddress!, count: width)
            }
            count = width * height
        }
    }
}
