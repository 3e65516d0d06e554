import BangtinRender
import CSPNG
import Foundation

/// PNG encoders compared on one drawn frame: the old path (SDL_image, libpng's defaults),
/// libspng candidates, and `PNGEncoder` (libspng, zlib level 1, no filter: the fastest that
/// stays small), which bangtin uses. Prints bytes and the median time of `runs` encodings.
enum EncoderComparison {
    static func run(_ surface: Surface, label: String, runs: Int) throws {
        let frame = FramePixels(surface)
        var rows: [(String, Int, Double)] = []
        rows.append(try measure("SDL_image (libpng defaults, old)", runs) { try surface.sdlImagePNGBytes() })
        rows.append(try measure("libspng, level 6, adaptive filters", runs) { try spng(frame, level: 6, filters: .all) })
        rows.append(try measure("libspng, level 1, adaptive filters", runs) { try spng(frame, level: 1, filters: .all) })
        rows.append(try measure("libspng, level 1, Sub filter", runs) { try spng(frame, level: 1, filters: .sub) })
        rows.append(try measure("libspng, level 0 (stored)", runs) { try spng(frame, level: 0, filters: .none) })
        rows.append(try measure("PNGEncoder: level 1, no filter, bands (new)", runs) { PNGEncoder.encode(frame) })
        let old = rows[0]
        print("  \(label): PNG encoders, one frame, median of \(runs)")
        for (name, bytes, ms) in rows {
            print(
                String(
                    format: "    %@ %9d bytes (%5.2f× old) %8.2f ms (%5.1f× faster)",
                    name.padding(toLength: 38, withPad: " ", startingAt: 0), bytes,
                    Double(bytes) / Double(old.1), ms, old.2 / ms))
        }
    }

    private static func measure(_ name: String, _ runs: Int, _ encode: () throws -> [UInt8]) throws -> (String, Int, Double) {
        var times: [Double] = []
        var size = 0
        for _ in 0..<runs {
            let t0 = monotonicNanoseconds()
            size = try encode().count
            times.append(Double(monotonicNanoseconds() - t0) / 1e6)
        }
        return (name, size, times.sorted()[runs / 2])
    }

    struct SPNGError: Error { var code: Int32 }

    enum Filters { case none, sub, all }

    /// libspng: RGB (every board pixel is opaque), one zlib level, the filters given.
    static func spng(_ frame: FramePixels, level: Int32, filters: Filters) throws -> [UInt8] {
        let (width, height) = (frame.size.width, frame.size.height)
        var rgb = [UInt8](repeating: 0, count: width * height * 3)
        for (i, word) in frame.words.enumerated() {
            rgb[3 * i] = UInt8(truncatingIfNeeded: word >> 16)
            rgb[3 * i + 1] = UInt8(truncatingIfNeeded: word >> 8)
            rgb[3 * i + 2] = UInt8(truncatingIfNeeded: word)
        }
        guard let context = spng_ctx_new(Int32(SPNG_CTX_ENCODER.rawValue)) else { throw SPNGError(code: -1) }
        defer { spng_ctx_free(context) }
        func check(_ code: Int32) throws { if code != 0 { throw SPNGError(code: code) } }
        try check(spng_set_option(context, SPNG_ENCODE_TO_BUFFER, 1))
        try check(spng_set_option(context, SPNG_IMG_COMPRESSION_LEVEL, level))
        let choice: spng_filter_choice
        switch filters {
        case .none: choice = SPNG_FILTER_CHOICE_NONE
        case .sub: choice = SPNG_FILTER_CHOICE_SUB
        case .all: choice = SPNG_FILTER_CHOICE_ALL
        }
        try check(spng_set_option(context, SPNG_FILTER_CHOICE, Int32(choice.rawValue)))
        var header = spng_ihdr(
            width: UInt32(width), height: UInt32(height), bit_depth: 8,
            color_type: UInt8(SPNG_COLOR_TYPE_TRUECOLOR.rawValue), compression_method: 0, filter_method: 0,
            interlace_method: 0)
        try check(spng_set_ihdr(context, &header))
        try check(
            spng_encode_image(
                context, rgb, rgb.count, Int32(SPNG_FMT_PNG.rawValue), Int32(SPNG_ENCODE_FINALIZE.rawValue)))
        var length = 0
        var error: Int32 = 0
        guard let buffer = spng_get_png_buffer(context, &length, &error) else { throw SPNGError(code: error) }
        defer { free(buffer) }
        return [UInt8](UnsafeRawBufferPointer(start: buffer, count: length))
    }
}
