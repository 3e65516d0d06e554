import Dispatch
import Foundation

/// Writes frames as PNG, fast and deterministically: 8-bit RGB for a board's frames (`opaque`)
/// and for pixels all opaque, RGBA otherwise; no filter, zlib level 1, the image data compressed
/// in bands of rows (`PNGBands`) on every core at once. RenderBench chose this (see its encoder
/// comparison): on the district board it is several times faster than SDL_image's libpng
/// defaults at about the same size. Lossless: the file decodes to exactly the pixels given.
/// Pure: the bytes depend only on the pixels, never on the thread, the cores or a cache.
public enum PNGEncoder {
    /// Encodes `pixels`: `height` rows of `width` ARGB words (as `Surface` holds them), each
    /// row starting `pitch` bytes after the one before.
    /// - Parameters:
    ///   - pixels: the first row's first pixel.
    ///   - width: pixels in a row.
    ///   - height: rows.
    ///   - pitch: bytes from one row's start to the next's.
    ///   - cache: bands already compressed in earlier frames of a sequence, reused when their
    ///     pixels are the same; nil compresses every band, the bands on all cores at once.
    ///   - opaque: the pixels are a board's frame, written as RGB whatever their alpha: a board
    ///     shows no transparency (its window drops alpha), and SDL's blending leaves alpha a
    ///     little under 255 where text was blended. False keeps alpha when any pixel has some.
    public static func encode(
        argb pixels: UnsafeRawPointer, width: Int, height: Int, pitch: Int, cache: PNGBandCache? = nil, opaque: Bool = false
    ) -> [UInt8] {
        precondition(width > 0 && height > 0, "a PNG has at least one pixel")
        let rgb =
            opaque
            || (0..<height).allSatisfy { y in
                let row = (pixels + y * pitch).assumingMemoryBound(to: UInt32.self)
                var all: UInt32 = 0xFF00_0000
                for x in 0..<width { all &= row[x] }
                return all >> 24 == 0xFF
            }
        let bytesPerPixel = rgb ? 3 : 4
        let source = Source(
            pixels: pixels, width: width, height: height, pitch: pitch, bytesPerPixel: bytesPerPixel, cache: cache)
        let bands: [PNGBands.Compressed]
        if cache == nil, source.count > 1 {
            // One frame on its own: its bands on every core.
            let slots = UnsafeMutableBufferPointer<PNGBands.Compressed?>.allocate(capacity: source.count)
            slots.initialize(repeating: nil)
            defer { slots.deallocate() }
            let shared = Slots(slots)
            DispatchQueue.concurrentPerform(iterations: source.count) { shared.buffer[$0] = source.band($0) }
            bands = slots.map { $0! }
        } else {
            // In a sequence the frames already take every core: a frame's bands go in turn.
            bands = (0..<source.count).map(source.band)
        }
        return PNGBands.png(width: width, height: height, bytesPerPixel: bytesPerPixel, bands: bands)
    }

    /// Encodes the pixels of `frame`, reusing bands from `cache` when given; `opaque` as above.
    public static func encode(_ frame: FramePixels, cache: PNGBandCache? = nil, opaque: Bool = false) -> [UInt8] {
        frame.words.withUnsafeBytes { buffer in
            encode(
                argb: buffer.baseAddress!, width: frame.size.width, height: frame.size.height, pitch: frame.size.width * 4,
                cache: cache, opaque: opaque)
        }
    }

    /// The pixels being encoded, read (never written) by the threads compressing its bands.
    private struct Source: @unchecked Sendable {
        let pixels: UnsafeRawPointer
        let width: Int
        let height: Int
        let pitch: Int
        let bytesPerPixel: Int
        let cache: PNGBandCache?

        var count: Int { (height + PNGBands.rowsPerBand - 1) / PNGBands.rowsPerBand }

        /// Band `index`, from the cache or compressed.
        func band(_ index: Int) -> PNGBands.Compressed {
            let rows = index * PNGBands.rowsPerBand..<min(height, (index + 1) * PNGBands.rowsPerBand)
            let key = PNGBandCache.Key(index: index, width: width, bytesPerPixel: bytesPerPixel, last: index == count - 1)
            let start = pixels + rows.lowerBound * pitch
            if let held = cache?.band(key, pixels: start, pitch: pitch, rows: rows.count) { return held }
            let raw = PNGBands.raw(pixels, width: width, pitch: pitch, rows: rows, bytesPerPixel: bytesPerPixel)
            let compressed = PNGBands.compress(raw, last: key.last)
            cache?.keep(key, pixels: start, pitch: pitch, rows: rows.count, compressed)
            return compressed
        }
    }

    /// Each band writes its own slot: no two threads touch the same one.
    private struct Slots: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<PNGBands.Compressed?>
        init(_ buffer: UnsafeMutableBufferPointer<PNGBands.Compressed?>) { self.buffer = buffer }
    }
}
