import Foundation

/// The one-byte encodings an XML declaration may name, as tables (Foundation's converters
/// differ between platforms and know no windows-1258).
enum SingleByteEncoding {
    /// `bytes` as UTF-8: each byte its character; a byte with none is refused where it stands.
    /// windows-1258 text is composed (NFC), since it writes tone marks as combining marks.
    static func utf8(_ bytes: [UInt8], _ encoding: XMLEncoding) throws(XMLSyntaxError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 2)
        for byte in bytes {
            guard let value = scalar(byte, encoding), let scalar = Unicode.Scalar(value) else {
                let hex = String(byte, radix: 16, uppercase: true)
                throw XMLBytes.error(in: out, at: out.count, "byte 0x\(hex) is no character in \(encoding.rawValue)")
            }
            UTF8.encode(scalar) { out.append($0) }
        }
        // Safe for the markup: the five combining marks of windows-1258 compose with letters
        // only, never with `<`, `>`, `=`, `/` or a quote.
        if encoding == .windows1258 {
            out = Array(String(decoding: out, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
        }
        return out
    }

    /// The code point of `byte`, or nil when the encoding has no character there.
    static func scalar(_ byte: UInt8, _ encoding: XMLEncoding) -> UInt32? {
        if byte < 0x80 { return UInt32(byte) }
        switch encoding {
        case .ascii: return nil
        case .windows1252:
            return byte < 0xA0 ? windows1252High[Int(byte - 0x80)] : UInt32(byte)
        case .windows1258:
            if byte < 0xA0 {
                // windows-1258 leaves out the four carons of windows-1252 (Š Ž š ž).
                return [0x8A, 0x8E, 0x9A, 0x9E].contains(byte) ? nil : windows1252High[Int(byte - 0x80)]
            }
            return windows1258Letters[byte] ?? UInt32(byte)
        default: return UInt32(byte)
        }
    }

    /// 0x80…0x9F of windows-1252 (Unicode's CP1252.TXT); nil where it has no character.
    private static let windows1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]

    /// Where windows-1258 differs from ISO-8859-1 above 0x9F (Unicode's CP1258.TXT): Ă Đ Ơ Ư
    /// ă đ ơ ư, the dong sign and the five tone marks as combining characters.
    private static let windows1258Letters: [UInt8: UInt32] = [
        0xC3: 0x0102, 0xCC: 0x0300, 0xD0: 0x0110, 0xD2: 0x0309, 0xD5: 0x01A0, 0xDD: 0x01AF, 0xDE: 0x0303,
        0xE3: 0x0103, 0xEC: 0x0301, 0xF0: 0x0111, 0xF2: 0x0323, 0xF5: 0x01A1, 0xFD: 0x01B0, 0xFE: 0x20AB,
    ]
}
