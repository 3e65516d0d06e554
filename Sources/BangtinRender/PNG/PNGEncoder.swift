import CSPNG
import Foundation

/// Writes frames as PNG, fast and deterministically, with libspng: 8-bit RGB when every pixel
/// is opaque (a board frame always is), RGBA otherwise; no filter and zlib level 1. RenderBench
/// chose this: on the district board it is 6× faster than SDL_image's libpng defaults and
/// 15 % smaller (flat colours and repeated rows need no filter; level 1 finds them). Lossless:
/// the file decodes to exactly the pixels given. Pure: the bytes depend only on the pixels,
/// never on the thread or the time.
public enum PNGEncoder {
    /// Encodes `pixels`: `height` rows of `width` ARGB words (as `Surface` holds them), each
    /// row starting `pitch` bytes after the one before.
    /// libspng fails only for an empty picture or when memory runs out; either stops the
    /// program with the call and libspng's reason, as running out of memory anywhere in Swift does.
    public static func encode(argb pixels: UnsafeRawPointer, width: Int, height: Int, pitch: Int) -> [UInt8] {
        let opaque = (0..<height).allSatisfy { y in
            let row = (pixels + y * pitch).assumingMemoryBound(to: UInt32.self)
            var all: UInt32 = 0xFF00_0000
            for x in 0..<width { all &= row[x] }
            return all >> 24 == 0xFF
        }
        let bytesPerPixel = opaque ? 3 : 4
        let rowBytes = width * bytesPerPixel
        // One byte of slack: the RGB rows are written a 32-bit word per pixel.
        let rows = UnsafeMutableRawBufferPointer.allocate(byteCount: rowBytes * height + 1, alignment: 8)
        defer { rows.deallocate() }
        for y in 0..<height {
            let row = (pixels + y * pitch).assumingMemoryBound(to: UInt32.self)
            let line = rows.baseAddress! + y * rowBytes
            for x in 0..<width {
                // 0xAARRGGBB to the bytes R, G, B, A.
                let value = row[x]
                let rgba = (value & 0xFF00_FF00) | (value >> 16 & 0xFF) | (value & 0xFF) << 16
                line.storeBytes(of: rgba.littleEndian, toByteOffset: x * bytesPerPixel, as: UInt32.self)
            }
        }
        let context = spngCheck(spng_ctx_new(Int32(SPNG_CTX_ENCODER.rawValue)), "spng_ctx_new")
        defer { spng_ctx_free(context) }
        spngCheck(spng_set_option(context, SPNG_ENCODE_TO_BUFFER, 1), "spng_set_option")
        spngCheck(spng_set_option(context, SPNG_IMG_COMPRESSION_LEVEL, 1), "spng_set_option")
        spngCheck(
            spng_set_option(context, SPNG_FILTER_CHOICE, Int32(SPNG_FILTER_CHOICE_NONE.rawValue)), "spng_set_option")
        var header = spng_ihdr(
            width: UInt32(width), height: UInt32(height), bit_depth: 8,
            color_type: UInt8(opaque ? SPNG_COLOR_TYPE_TRUECOLOR.rawValue : SPNG_COLOR_TYPE_TRUECOLOR_ALPHA.rawValue),
            compression_method: 0, filter_method: 0, interlace_method: 0)
        spngCheck(spng_set_ihdr(context, &header), "spng_set_ihdr")
        spngCheck(
            spng_encode_image(
                context, rows.baseAddress, rowBytes * height, Int32(SPNG_FMT_PNG.rawValue),
                Int32(SPNG_ENCODE_FINALIZE.rawValue)),
            "spng_encode_image")
        var length = 0
        var status: Int32 = 0
        let buffer = spng_get_png_buffer(context, &length, &status)
        spngCheck(status, "spng_get_png_buffer")
        let png = spngCheck(buffer, "spng_get_png_buffer")
        defer { free(png) }
        return [UInt8](UnsafeRawBufferPointer(start: png, count: length))
    }

    /// Encodes the pixels of `frame`.
    public static func encode(_ frame: FramePixels) -> [UInt8] {
        frame.words.withUnsafeBytes { buffer in
            encode(argb: buffer.baseAddress!, width: frame.size.width, height: frame.size.height, pitch: frame.size.width * 4)
        }
    }

    /// libspng's status codes checked in one place.
    private static func spngCheck(_ status: Int32, _ call: String) {
        guard status == 0 else { fatalError("\(call): \(String(cString: spng_strerror(status)))") }
    }

    private static func spngCheck<T>(_ pointer: T?, _ call: String) -> T {
        guard let pointer else { fatalError("\(call): out of memory") }
        return pointer
    }
}
