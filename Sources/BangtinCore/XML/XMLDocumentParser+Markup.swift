/// Names, attribute values, references, CDATA sections, comments and processing instructions.
extension XMLDocumentParser {
    /// Bytes of a name: a longer one is a mistake or an attack, never CAP.
    static let nameBytes = 1_000

    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Whether the bytes at the current position spell `literal` (ASCII).
    func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { bytes[index..<index + count].elementsEqual($0) }
    }

    /// `<!DOCTYPE`, in any case, so the refusal says why.
    var isDoctype: Bool {
        guard index + 9 <= bytes.count, matches("<!") else { return false }
        return String(decoding: bytes[index + 2..<index + 9], as: UTF8.self).uppercased() == "DOCTYPE"
    }

    /// Skips white space; whether there was any.
    @discardableResult
    mutating func skipSpace() -> Bool {
        let start = index
        while index < bytes.count && XMLBytes.isSpace(bytes[index]) { index += 1 }
        return index > start
    }

    /// Moves past the next `terminator`; refuses a construct that never ends.
    mutating func skip(past terminator: StaticString, _ what: String) throws(XMLSyntaxError) {
        let start = index
        guard let end = find(terminator, from: index) else { throw error("the \(what) does not end", at: start) }
        index = end + terminator.utf8CodeUnitCount
    }

    /// The offset of the next `literal` from `offset`.
    func find(_ literal: StaticString, from offset: Int) -> Int? {
        let count = literal.utf8CodeUnitCount
        return literal.withUTF8Buffer { pattern -> Int? in
            var i = offset
            while i + count <= bytes.count {
                if bytes[i] == pattern[0] && bytes[i..<i + count].elementsEqual(pattern) { return i }
                i += 1
            }
            return nil
        }
    }

    /// `<?target …?>`, skipped; an XML declaration anywhere but the very start is refused.
    mutating func skipProcessingInstruction() throws(XMLSyntaxError) {
        let start = index
        index += 2
        let target = try parseName("a processing instruction's target")
        if target.lowercased() == "xml" { throw error("the XML declaration must come first in the document", at: start) }
        index = start
        try skip(past: "?>", "processing instruction")
    }

    mutating func appendCDATA(to text: inout [UInt8]) throws(XMLSyntaxError) {
        let start = index
        index += 9
        guard let end = find("]]>", from: index) else { throw error("the CDATA section does not end", at: start) }
        guard text.count + end - index <= bounds.textBytes else {
            throw error("the CDATA section makes the text over \(bounds.textBytes) bytes", at: start)
        }
        text.append(contentsOf: bytes[index..<end])
        index = end + 3
    }

    /// An XML name (letters, digits, `_ : . -` and any non-ASCII character; not starting with
    /// a digit, `.` or `-`).
    mutating func parseName(_ what: String) throws(XMLSyntaxError) -> String {
        let start = index
        while let byte = peek, Self.isNameByte(byte, first: index == start) {
            index += 1
            if index - start > Self.nameBytes { throw error("a name longer than \(Self.nameBytes) bytes", at: start) }
        }
        guard index > start else {
            throw error("expected \(what), found \(peek.map(describe) ?? "the end of the document")")
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    static func isNameByte(_ byte: UInt8, first: Bool) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"),
            UInt8(ascii: ":"), 0x80...0xFF:
            return true
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."): return !first
        default: return false
        }
    }

    /// A quoted value: references replaced, tabs and line feeds made spaces (§3.3.3).
    mutating func parseAttributeValue() throws(XMLSyntaxError) -> String {
        guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw error("expected a quoted attribute value, found \(peek.map(describe) ?? "the end of the document")")
        }
        let start = index
        index += 1
        var value: [UInt8] = []
        while true {
            guard let byte = peek else { throw error("the attribute value does not end", at: start) }
            switch byte {
            case quote:
                index += 1
                return String(decoding: value, as: UTF8.self)
            case UInt8(ascii: "<"): throw error("'<' is not allowed in an attribute value (write &lt;)")
            case UInt8(ascii: "&"): try appendReference(to: &value)
            case 0x09, 0x0A:
                value.append(0x20)
                index += 1
            default:
                value.append(byte)
                index += 1
            }
            guard value.count <= bounds.textBytes else {
                throw error("an attribute value over \(bounds.textBytes) bytes", at: start)
            }
        }
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#…;` `&#x…;`; any other name is refused,
    /// never looked up.
    mutating func appendReference(to out: inout [UInt8]) throws(XMLSyntaxError) {
        let start = index
        var end = index + 1
        while end < bytes.count, end - start <= 32, bytes[end] != UInt8(ascii: ";") { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: ";"), end > start + 1 else {
            throw error("'&' starts no reference (write &amp; for an ampersand)")
        }
        let name = Array(bytes[start + 1..<end])
        index = end + 1
        if name.first == UInt8(ascii: "#") {
            guard let scalar = Self.characterReference(name.dropFirst()) else {
                throw error(
                    "&\(String(decoding: name, as: UTF8.self)); is not a character XML allows", at: start)
            }
            UTF8.encode(scalar) { out.append($0) }
            return
        }
        switch String(decoding: name, as: UTF8.self) {
        case "lt": out.append(UInt8(ascii: "<"))
        case "gt": out.append(UInt8(ascii: ">"))
        case "amp": out.append(UInt8(ascii: "&"))
        case "quot": out.append(UInt8(ascii: "\""))
        case "apos": out.append(UInt8(ascii: "'"))
        case let other:
            throw error(
                "unknown entity &\(TextRules.printable(other, limit: 40)); (only &lt; &gt; &amp; &quot; &apos; and "
                    + "character references such as &#7877; are read; entities are never expanded)",
                at: start)
        }
    }

    /// The character of `#123` or `#x1F` (without the `#`), if XML allows it (§2.2).
    static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar? {
        var digits = digits
        var radix: UInt32 = 10
        if digits.first == UInt8(ascii: "x") {
            radix = 16
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty, digits.count <= 8 else { return nil }
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * radix + digit
        }
        switch value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return Unicode.Scalar(value)
        default: return nil
        }
    }

    func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return byte >= 0x80 ? "a non-ASCII character" : "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
