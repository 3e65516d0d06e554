import CZlib
import Foundation
import Synchronization

/// The pieces of a PNG's image data written independently: every `rowsPerBand` rows are
/// compressed on their own (zlib level 1, no filter) and end on a byte boundary (a full flush),
/// so the bands can be compressed on several cores at once and a band whose pixels did not
/// change since an earlier frame is not compressed again. The bytes depend only on the pixels.
enum PNGBands {
    /// Rows in a band: small enough that a ticker or a clock changes few of them, big enough
    /// that restarting the compressor costs little (about 1 % on a 1080p frame).
    static let rowsPerBand = 16

    /// One band, compressed: raw deflate blocks ending on a byte boundary (the last band's
    /// last block is final), and the Adler-32 of its uncompressed bytes.
    struct Compressed: Sendable {
        let deflated: [UInt8]
        let adler: UInt
        let rawCount: Int
    }

    /// The uncompressed bytes of rows `rows` of `pixels`: each row a filter byte (0, none) and
    /// the pixels as R, G, B (and A when `bytesPerPixel` is 4).
    static func raw(
        _ pixels: UnsafeRawPointer, width: Int, pitch: Int, rows: Range<Int>, bytesPerPixel: Int
    ) -> [UInt8] {
        let rowBytes = 1 + width * bytesPerPixel
        // One byte of slack: the pixels are stored a 32-bit word at a time.
        return [UInt8](unsafeUninitializedCapacity: rowBytes * rows.count + 1) { buffer, count in
            let base = UnsafeMutableRawPointer(buffer.baseAddress!)
            for (index, y) in rows.enumerated() {
                let row = (pixels + y * pitch).assumingMemoryBound(to: UInt32.self)
                let line = base + index * rowBytes
                line.storeBytes(of: 0, as: UInt8.self)
                for x in 0..<width {
                    // 0xAARRGGBB to the bytes R, G, B, A.
                    let value = row[x]
                    let rgba = (value & 0xFF00_FF00) | (value >> 16 & 0xFF) | (value & 0xFF) << 16
                    (line + 1).storeBytes(of: rgba.littleEndian, toByteOffset: x * bytesPerPixel, as: UInt32.self)
                }
            }
            count = rowBytes * rows.count
        }
    }

    /// Compresses one band's bytes; `last` ends the deflate stream.
    static func compress(_ raw: [UInt8], last: Bool) -> Compressed {
        var stream = z_stream()
        let started = deflateInit2_(
            &stream, 1, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "deflateInit2: \(started)")
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(raw.count))) + 16
        // Compressed into scratch space that is never cleared (pages touched only where
        // deflate writes), then copied out at its size: a 1080p band compresses to a twentieth
        // of its bound.
        let scratch = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bound)
        defer { scratch.deallocate() }
        let written = raw.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            stream.next_out = scratch.baseAddress
            stream.avail_out = UInt32(bound)
            let status = deflate(&stream, last ? Z_FINISH : Z_FULL_FLUSH)
            // All input taken, and room left: the flush (or the end) was written whole.
            precondition(
                status == (last ? Z_STREAM_END : Z_OK) && stream.avail_in == 0 && stream.avail_out > 0,
                "deflate: \(status)")
            return bound - Int(stream.avail_out)
        }
        let out = Array(scratch[..<written])
        let adler = raw.withUnsafeBufferPointer { adler32(1, $0.baseAddress, UInt32($0.count)) }
        return Compressed(deflated: out, adler: adler, rawCount: raw.count)
    }

    /// The whole PNG of `bands` (in order) for an image of `width` × `height`.
    static func png(width: Int, height: Int, bytesPerPixel: Int, bands: [Compressed]) -> [UInt8] {
        var adler: UInt = 1
        var dataCount = 2 + 4
        for band in bands {
            adler = adler32_combine(adler, band.adler, off_t(band.rawCount))
            dataCount += band.deflated.count
        }
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        png.reserveCapacity(8 + 25 + 12 + dataCount + 12)
        var header: [UInt8] = []
        header.append(bigEndian: UInt32(width))
        header.append(bigEndian: UInt32(height))
        header += [8, bytesPerPixel == 3 ? 2 : 6, 0, 0, 0]
        chunk("IHDR", [header[...]], into: &png)
        var trailer: [UInt8] = []
        trailer.append(bigEndian: UInt32(adler))
        // zlib's header: deflate with a 32 KB window, the fastest level (0x78 0x01).
        let pieces: [ArraySlice<UInt8>] = [[0x78, 0x01][...]] + bands.map { $0.deflated[...] } + [trailer[...]]
        chunk("IDAT", pieces, into: &png)
        chunk("IEND", [], into: &png)
        return png
    }

    /// Appends a chunk of type `type` holding `pieces` one after the other, with its CRC.
    private static func chunk(_ type: String, _ pieces: [ArraySlice<UInt8>], into png: inout [UInt8]) {
        png.append(bigEndian: UInt32(pieces.reduce(0) { $0 + $1.count }))
        let typeBytes = Array(type.utf8)
        var crc = typeBytes.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
        png += typeBytes
        for piece in pieces {
            crc = piece.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
            png += piece
        }
        png.append(bigEndian: UInt32(crc))
    }
}

extension [UInt8] {
    mutating func append(bigEndian value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }
}
