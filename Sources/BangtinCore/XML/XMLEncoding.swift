import Foundation

/// The character encodings an XML document may be written in. A byte order mark decides;
/// without one, the XML declaration's `encoding` does (UTF-8 when it names none). Everything
/// is read as UTF-8 with line ends normalized to LF before the markup is parsed, so positions
/// in messages count characters whatever the encoding.
public enum XMLEncoding: String, CaseIterable, Sendable {
    /// UTF-8, the default.
    case utf8 = "UTF-8"
    /// UTF-16, most significant byte first (mark FE FF).
    case utf16BigEndian = "UTF-16BE"
    /// UTF-16, least significant byte first (mark FF FE).
    case utf16LittleEndian = "UTF-16LE"
    /// Latin-1: each byte the code point of the same number.
    case isoLatin1 = "ISO-8859-1"
    /// Western Windows: Latin-1 with printable characters (€, curly quotes) at 0x80…0x9F.
    case windows1252 = "windows-1252"
    /// Vietnamese Windows: letters with tone marks are written as a base and a combining mark,
    /// composed (NFC) when read.
    case windows1258 = "windows-1258"
    /// Seven-bit ASCII: a byte over 0x7F is refused.
    case ascii = "US-ASCII"

    /// The encoding a declaration's label names (IANA names and their usual aliases, in any
    /// case); nil for a label not supported. `UTF-16` alone needs a byte order mark.
    public init?(label: String) {
        switch label.lowercased() {
        case "utf-8", "utf8": self = .utf8
        case "utf-16be": self = .utf16BigEndian
        case "utf-16le": self = .utf16LittleEndian
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "iso_8859-1:1987", "latin1", "latin-1", "l1", "cp819":
            self = .isoLatin1
        case "windows-1252", "cp1252", "x-cp1252": self = .windows1252
        case "windows-1258", "cp1258", "x-cp1258": self = .windows1258
        case "us-ascii", "ascii", "iso646-us": self = .ascii
        default: return nil
        }
    }

    /// A document's characters as UTF-8, with CR LF and lone CR made LF (XML 1.0 §2.11), and
    /// the encoding they were read from.
    /// - Throws: `XMLSyntaxError` for an encoding not supported (named), a byte that is no
    ///   character in the encoding, or UTF-16 without a byte order mark that says so.
    static func decode(_ bytes: [UInt8]) throws(XMLSyntaxError) -> (text: [UInt8], encoding: XMLEncoding) {
        func starts(_ prefix: [UInt8]) -> Bool { bytes.starts(with: prefix) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) || starts([0xFF, 0xFE, 0x00, 0x00]) || starts([0x00, 0x00, 0x00, 0x3C])
            || starts([0x3C, 0x00, 0x00, 0x00])
        {
            throw XMLSyntaxError(line: 1, column: 1, reason: "the document is in UTF-32, which is not supported")
        }
        let (encoding, start): (XMLEncoding, Int)
        if starts([0xEF, 0xBB, 0xBF]) {
            (encoding, start) = (.utf8, 3)
        } else if starts([0xFE, 0xFF]) {
            (encoding, start) = (.utf16BigEndian, 2)
        } else if starts([0xFF, 0xFE]) {
            (encoding, start) = (.utf16LittleEndian, 2)
        } else if starts([0x00, 0x3C, 0x00, 0x3F]) {
            (encoding, start) = (.utf16BigEndian, 0)
        } else if starts([0x3C, 0x00, 0x3F, 0x00]) {
            (encoding, start) = (.utf16LittleEndian, 0)
        } else {
            (encoding, start) = (try declared(in: bytes), 0)
        }
        var text: [UInt8]
        switch encoding {
        case .utf8:
            text = Array(bytes[start...])
            try checkUTF8(text)
        case .utf16BigEndian, .utf16LittleEndian:
            text = try utf16(bytes, from: start, bigEndian: encoding == .utf16BigEndian)
        case .isoLatin1, .windows1252, .windows1258, .ascii:
            text = try SingleByteEncoding.utf8(bytes, encoding)
        }
        normalizeLineEnds(&text)
        return (text, encoding)
    }

    /// The encoding an ASCII-compatible document declares; UTF-8 when it declares none.
    private static func declared(in bytes: [UInt8]) throws(XMLSyntaxError) -> XMLEncoding {
        guard let (label, column) = try declaredLabel(bytes) else { return .utf8 }
        if label.lowercased() == "utf-16" || label.lowercased() == "utf-16be" || label.lowercased() == "utf-16le" {
            throw XMLSyntaxError(
                line: 1, column: column,
                reason: "the XML declaration names encoding \"\(label)\" but the document is not UTF-16 (no byte order mark)")
        }
        guard let encoding = XMLEncoding(label: label) else {
            let known = allCases.map(\.rawValue).joined(separator: ", ")
            throw XMLSyntaxError(
                line: 1, column: column,
                reason: "unknown encoding \"\(TextRules.printable(label, limit: 40))\" in the XML declaration (known: \(known))")
        }
        return encoding
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the start, and its column.
    private static func declaredLabel(_ bytes: [UInt8]) throws(XMLSyntaxError) -> (String, Int)? {
        guard bytes.count > 5, bytes.starts(with: Array("<?xml".utf8)), XMLBytes.isSpace(bytes[5]) else { return nil }
        let limit = min(bytes.count, 1_024)
        var end = 5
        while end + 1 < limit, !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">")) { end += 1 }
        guard end + 1 < limit else {
            throw XMLSyntaxError(
                line: 1, column: 1, reason: "the XML declaration does not end with '?>' in its first 1,024 bytes")
        }
        let name = Array("encoding".utf8)
        var i = 5
        while i + name.count <= end {
            if XMLBytes.isSpace(bytes[i - 1]), bytes[i..<i + name.count].elementsEqual(name) { break }
            i += 1
        }
        guard i + name.count <= end else { return nil }
        i += name.count
        while i < end, XMLBytes.isSpace(bytes[i]) { i += 1 }
        let equals = i < end && bytes[i] == UInt8(ascii: "=")
        i += 1
        while i < end, XMLBytes.isSpace(bytes[i]) { i += 1 }
        guard equals, i < end, bytes[i] == UInt8(ascii: "\"") || bytes[i] == UInt8(ascii: "'") else {
            throw XMLSyntaxError(
                line: 1, column: i + 1, reason: "the XML declaration's encoding must be written encoding=\"name\"")
        }
        let quote = bytes[i]
        let valueStart = i + 1
        var valueEnd = valueStart
        while valueEnd < end, bytes[valueEnd] != quote { valueEnd += 1 }
        guard valueEnd < end else {
            throw XMLSyntaxError(line: 1, column: valueStart, reason: "the XML declaration's encoding has no closing quote")
        }
        return (String(decoding: bytes[valueStart..<valueEnd], as: UTF8.self), valueStart + 1)
    }

    /// Refuses bytes that are not UTF-8 (RFC 3629: no overlong forms, surrogates, or values
    /// past U+10FFFF), where they stand.
    private static func checkUTF8(_ bytes: [UInt8]) throws(XMLSyntaxError) {
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            guard case .valid(let length) = StrictUTF8.sequence(in: bytes, at: i) else {
                throw XMLBytes.error(
                    in: bytes, at: i,
                    "invalid UTF-8 (byte 0x\(String(lead, radix: 16, uppercase: true))); declare the document's encoding")
            }
            i += length
        }
    }

    /// UTF-16 code units to UTF-8, refusing unpaired surrogates and a trailing odd byte.
    private static func utf16(_ bytes: [UInt8], from start: Int, bigEndian: Bool) throws(XMLSyntaxError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count - start)
        var i = start
        func unit(_ at: Int) -> UInt32 {
            bigEndian ? UInt32(bytes[at]) << 8 | UInt32(bytes[at + 1]) : UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at])
        }
        while i + 1 < bytes.count {
            var value = unit(i)
            i += 2
            if (0xD800..<0xDC00).contains(value), i + 1 < bytes.count, (0xDC00..<0xE000).contains(unit(i)) {
                value = 0x10000 + ((value - 0xD800) << 10) + (unit(i) - 0xDC00)
                i += 2
            }
            guard let scalar = Unicode.Scalar(value) else {
                throw XMLBytes.error(in: out, at: out.count, "an unpaired UTF-16 surrogate")
            }
            UTF8.encode(scalar) { out.append($0) }
        }
        if i < bytes.count { throw XMLBytes.error(in: out, at: out.count, "the UTF-16 text ends with half a character") }
        return out
    }

    /// CR LF and lone CR become LF, in place.
    private static func normalizeLineEnds(_ text: inout [UInt8]) {
        guard text.contains(0x0D) else { return }
        var write = 0
        var read = 0
        while read < text.count {
            let byte = text[read]
            read += 1
            if byte == 0x0D {
                text[write] = 0x0A
                if read < text.count && text[read] == 0x0A { read += 1 }
            } else {
                text[write] = byte
            }
            write += 1
        }
        text.removeSubrange(write...)
    }
}

/// Byte classes and positions shared by the encoding and the markup readers.
enum XMLBytes {
    /// XML white space: space, tab, line feed, carriage return.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    /// An error at a byte offset of UTF-8 text, its line and column counted from the start
    /// (only on the way out, so once per document).
    static func error(in text: [UInt8], at offset: Int, _ reason: String) -> XMLSyntaxError {
        var line = 1
        var column = 1
        for byte in text[..<min(offset, text.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return XMLSyntaxError(line: line, column: column, reason: reason)
    }
}
