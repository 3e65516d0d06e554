import Foundation

/// Picture files that lie about their size, made in code (a few dozen bytes each): a decoder
/// would believe their headers and ask for gigabytes.
public enum HostilePictures {
    /// A PNG whose IHDR declares `width` × `height` (followed by an empty, broken IDAT).
    public static func png(width: UInt32, height: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        bytes += bigEndian(width) + bigEndian(height) + [8, 6, 0, 0, 0] + [0, 0, 0, 0]
        return bytes + [0, 0, 0, 0] + Array("IDAT".utf8) + [0, 0, 0, 0]
    }

    /// A JPEG with an APP0 segment, then a baseline frame header of `width` × `height`.
    public static func jpeg(width: UInt16, height: UInt16) -> [UInt8] {
        let app0: [UInt8] = [0xFF, 0xE0, 0, 16] + Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        let frame: [UInt8] =
            [0xFF, 0xC0, 0, 17, 8] + bigEndian16(height) + bigEndian16(width) + [3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        return [0xFF, 0xD8] + app0 + frame + [0xFF, 0xD9]
    }

    /// A lossless WebP (VP8L) of `width` × `height` (each at most 16384).
    public static func webPLossless(width: UInt32, height: UInt32) -> [UInt8] {
        let bits = (width - 1) | (height - 1) << 14
        return riff(chunk: "VP8L", payload: [0x2F] + littleEndian(bits, 4) + [0, 0, 0])
    }

    /// An extended WebP (VP8X) whose canvas is `width` × `height` (each up to 2²⁴).
    public static func webPExtended(width: UInt32, height: UInt32) -> [UInt8] {
        riff(chunk: "VP8X", payload: [0, 0, 0, 0] + littleEndian(width - 1, 3) + littleEndian(height - 1, 3))
    }

    /// A GIF header: a format the player does not decode.
    public static let gif: [UInt8] = Array("GIF89a".utf8) + [0x10, 0x27, 0x10, 0x27, 0, 0, 0]

    private static func riff(chunk: String, payload: [UInt8]) -> [UInt8] {
        let body = Array("WEBP".utf8) + Array(chunk.utf8) + littleEndian(UInt32(payload.count), 4) + payload
        return Array("RIFF".utf8) + littleEndian(UInt32(body.count), 4) + body
    }

    private static func bigEndian(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8(value >> (24 - 8 * $0) & 0xFF) } }
    private static func bigEndian16(_ value: UInt16) -> [UInt8] { [UInt8(value >> 8), UInt8(value & 0xFF)] }
    private static func littleEndian(_ value: UInt32, _ count: Int) -> [UInt8] {
        (0..<count).map { UInt8(value >> (8 * $0) & 0xFF) }
    }
}
