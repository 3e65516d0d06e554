/// What a picture file says about itself before it is decoded: its format and pixel size.
///
/// A 48 KB PNG may declare 20000 × 20000 pixels and ask the decoder for 2 GB. The header is
/// read here, from the bytes alone, and a picture over `Limits.picturePixels` is refused before
/// any decoder sees it. Only the formats read here are ever decoded (the decoder is told which),
/// so a file cannot reach a decoder by looking like another format.
public struct PictureHeader: Hashable, Sendable {
    /// Picture formats the player shows.
    public enum Format: String, Hashable, Sendable {
        case png = "PNG"
        case jpeg = "JPG"
        case webP = "WEBP"
    }

    public var format: Format
    public var size: PixelSize

    /// Reads the header of a PNG, JPEG or WebP file.
    /// - Throws: a message saying what is wrong (unknown format, no size found, size too large).
    public static func read(_ bytes: [UInt8]) throws(Problem) -> PictureHeader {
        let reader = ByteReader(bytes: bytes)
        let header: PictureHeader
        if reader.matches([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], at: 0) {
            header = try png(reader)
        } else if reader.matches([0xFF, 0xD8], at: 0) {
            header = try jpeg(reader)
        } else if reader.matches(Array("RIFF".utf8), at: 0), reader.matches(Array("WEBP".utf8), at: 8) {
            header = try webP(reader)
        } else {
            throw Problem(message: "is not a PNG, JPEG or WebP picture")
        }
        let (width, height) = (header.size.width, header.size.height)
        guard width > 0, height > 0 else { throw Problem(message: "declares an empty picture (\(header.size))") }
        // Sides first: a product of two 32-bit sides could overflow.
        guard width <= Limits.pictureSide, height <= Limits.pictureSide, width * height <= Limits.picturePixels else {
            throw Problem(
                message:
                    "is \(header.size) pixels; a picture may have at most \(Limits.picturePixels / 1_000_000) megapixels and \(Limits.pictureSide) pixels a side"
            )
        }
        return header
    }

    /// Why a header was refused.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    private static func png(_ reader: ByteReader) throws(Problem) -> PictureHeader {
        // The first chunk is IHDR: width and height, 4 bytes each, big-endian.
        guard reader.matches(Array("IHDR".utf8), at: 12), let width = reader.bigEndian(16, 4),
            let height = reader.bigEndian(20, 4)
        else { throw Problem(message: "is a PNG without an IHDR header") }
        return PictureHeader(format: .png, size: PixelSize(width: width, height: height))
    }

    private static func jpeg(_ reader: ByteReader) throws(Problem) -> PictureHeader {
        // Segments follow the start marker; the first start-of-frame segment holds the size.
        var at = 2
        scan: while reader.byte(at) == 0xFF {
            var markerAt = at + 1
            while reader.byte(markerAt) == 0xFF { markerAt += 1 }  // fill bytes
            guard let marker = reader.byte(markerAt) else { break }
            at = markerAt + 1
            switch marker {
            case 0x01, 0xD0...0xD7:
                continue  // markers without a length
            case 0xD8, 0xD9, 0xDA:
                break scan  // image data (or its end) before any frame header
            case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF:
                guard let height = reader.bigEndian(at + 3, 2), let width = reader.bigEndian(at + 5, 2) else { break scan }
                guard height > 0 else { throw Problem(message: "is a JPEG whose height comes after its image data (DNL)") }
                return PictureHeader(format: .jpeg, size: PixelSize(width: width, height: height))
            default:
                guard let length = reader.bigEndian(at, 2), length >= 2 else { break scan }
                at += length
            }
        }
        throw Problem(message: "is a JPEG without a readable frame header")
    }

    private static func webP(_ reader: ByteReader) throws(Problem) -> PictureHeader {
        let chunk = String(decoding: reader.slice(12, 4), as: UTF8.self)
        let data = 20
        switch chunk {
        case "VP8 ":
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            guard reader.matches([0x9D, 0x01, 0x2A], at: data + 3), let width = reader.littleEndian(data + 6, 2),
                let height = reader.littleEndian(data + 8, 2)
            else { break }
            return PictureHeader(format: .webP, size: PixelSize(width: width & 0x3FFF, height: height & 0x3FFF))
        case "VP8L":
            // Signature 0x2F, then width − 1 and height − 1 in 14 bits each.
            guard reader.byte(data) == 0x2F, let bits = reader.littleEndian(data + 1, 4) else { break }
            return PictureHeader(
                format: .webP, size: PixelSize(width: (bits & 0x3FFF) + 1, height: (bits >> 14 & 0x3FFF) + 1))
        case "VP8X":
            // Flags (4 bytes), then the canvas's width − 1 and height − 1 in 24 bits each.
            guard let width = reader.littleEndian(data + 4, 3), let height = reader.littleEndian(data + 7, 3) else { break }
            return PictureHeader(format: .webP, size: PixelSize(width: width + 1, height: height + 1))
        default:
            break
        }
        throw Problem(message: "is a WebP without a readable frame header")
    }
}

/// Bounds-checked reads from a byte array.
private struct ByteReader {
    let bytes: [UInt8]

    func byte(_ at: Int) -> UInt8? { at >= 0 && at < bytes.count ? bytes[at] : nil }

    func matches(_ expected: [UInt8], at: Int) -> Bool {
        at >= 0 && at + expected.count <= bytes.count && bytes[at..<(at + expected.count)].elementsEqual(expected)
    }

    func slice(_ at: Int, _ count: Int) -> ArraySlice<UInt8> {
        at >= 0 && at + count <= bytes.count ? bytes[at..<(at + count)] : []
    }

    func bigEndian(_ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        return bytes[at..<(at + count)].reduce(0) { $0 << 8 | Int($1) }
    }

    func littleEndian(_ at: Int, _ count: Int) -> Int? {
        guard at >= 0, at + count <= bytes.count else { return nil }
        return bytes[at..<(at + count)].reversed().reduce(0) { $0 << 8 | Int($1) }
    }
}
