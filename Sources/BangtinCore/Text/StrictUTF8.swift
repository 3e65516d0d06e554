/// Strict UTF-8 (RFC 3629, Unicode table 3-7): no overlong forms, no surrogates, nothing past
/// U+10FFFF. The one check both of the core's parsers (JSON, XML) use, so invalid bytes are
/// refused where they stand, never turned into U+FFFD.
enum StrictUTF8 {
    /// What a sequence starting at `index` is.
    enum Sequence {
        /// A valid sequence of this many bytes.
        case valid(Int)
        /// The byte cannot start a sequence.
        case badLead
        /// It starts one, but the bytes after it do not complete it.
        case incomplete
    }

    /// The sequence starting at `index` of a non-ASCII lead byte.
    static func sequence(in bytes: [UInt8], at index: Int) -> Sequence {
        let length: Int
        // The allowed range of the second byte depends on the first.
        var second: ClosedRange<UInt8> = 0x80...0xBF
        switch bytes[index] {
        case 0xC2...0xDF: length = 2
        case 0xE0: (length, second) = (3, 0xA0...0xBF)
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: (length, second) = (3, 0x80...0x9F)
        case 0xF0: (length, second) = (4, 0x90...0xBF)
        case 0xF1...0xF3: length = 4
        case 0xF4: (length, second) = (4, 0x80...0x8F)
        default: return .badLead
        }
        guard index + length <= bytes.count, second.contains(bytes[index + 1]),
            bytes[index + 2..<index + length].allSatisfy({ $0 & 0xC0 == 0x80 })
        else { return .incomplete }
        return .valid(length)
    }
}
