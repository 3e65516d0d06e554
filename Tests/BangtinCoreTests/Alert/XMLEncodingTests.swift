import BangtinCore
import Testing

/// Documents in the encodings an XML declaration may name: a byte order mark wins, the
/// declaration decides without one, and an encoding not known is named in the refusal.
@Suite struct XMLEncodingTests {
    static let headline = "Bão số 3 đổ bộ Khánh Hòa: sơ tán ngay"

    func text(_ bytes: [UInt8]) throws -> String {
        try XMLDocumentParser.parse(bytes).text
    }

    func refusal(_ bytes: [UInt8]) -> XMLSyntaxError? {
        do {
            _ = try XMLDocumentParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    func utf16(_ text: String, bigEndian: Bool, byteOrderMark: Bool = true) -> [UInt8] {
        var bytes: [UInt8] = byteOrderMark ? (bigEndian ? [0xFE, 0xFF] : [0xFF, 0xFE]) : []
        for unit in text.utf16 {
            let (high, low) = (UInt8(unit >> 8), UInt8(unit & 0xFF))
            bytes += bigEndian ? [high, low] : [low, high]
        }
        return bytes
    }

    @Test func readsUTF8WithAndWithoutAByteOrderMark() throws {
        let document = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><h>\(Self.headline)</h>"
        #expect(try text(Array(document.utf8)) == Self.headline)
        #expect(try text([0xEF, 0xBB, 0xBF] + Array(document.utf8)) == Self.headline)
        #expect(try text(Array("<h>\(Self.headline)</h>".utf8)) == Self.headline)
    }

    @Test func readsUTF16InBothByteOrders() throws {
        let document = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<h>\(Self.headline) 🌀</h>"
        #expect(try text(utf16(document, bigEndian: false)) == Self.headline + " 🌀")
        #expect(try text(utf16(document, bigEndian: true)) == Self.headline + " 🌀")
        #expect(try text(utf16(document, bigEndian: true, byteOrderMark: false)) == Self.headline + " 🌀")
        let root = try XMLDocumentParser.parse(utf16(document, bigEndian: false))
        #expect((root.line, root.column) == (2, 1))
    }

    @Test func refusesBrokenUTF16() {
        let odd = utf16("<h>x</h>", bigEndian: false) + [0x20]
        #expect(refusal(odd)?.reason == "the UTF-16 text ends with half a character")
        let lone = utf16("<h>", bigEndian: true) + [0xD8, 0x00] + utf16("x</h>", bigEndian: true, byteOrderMark: false)
        #expect(refusal(lone) == XMLSyntaxError(line: 1, column: 4, reason: "an unpaired UTF-16 surrogate"))
    }

    @Test func readsISO88591AsDeclared() throws {
        let document =
            Array("<?xml version='1.0' encoding='ISO-8859-1'?><h>Alerta en el condado de Los ".utf8) + [0xC1]
            + Array("ngeles</h>".utf8)
        #expect(try text(document) == "Alerta en el condado de Los Ángeles")
        let latin1 = Array("<?xml version=\"1.0\" encoding=\"latin1\"?><h>".utf8) + [0x43, 0x61, 0x66, 0xE9] + Array("</h>".utf8)
        #expect(try text(latin1) == "Café")
    }

    @Test func readsWindows1252AsDeclared() throws {
        let document =
            Array("<?xml version=\"1.0\" encoding=\"windows-1252\"?><h>".utf8) + [0x93, 0x80, 0x35, 0x94] + Array("</h>".utf8)
        #expect(try text(document) == "“€5”")
        let undefined = Array("<?xml version=\"1.0\" encoding=\"cp1252\"?>\n<h>".utf8) + [0x81] + Array("</h>".utf8)
        #expect(refusal(undefined) == XMLSyntaxError(line: 2, column: 4, reason: "byte 0x81 is no character in windows-1252"))
    }

    /// Vietnamese Windows writes tone marks as combining characters; they are composed.
    @Test func readsWindows1258VietnameseComposed() throws {
        // "Bão số 3 đổ bộ Khánh Hòa" as iconv -t CP1258 writes it.
        let body: [UInt8] = [
            0x42, 0x61, 0xDE, 0x6F, 0x20, 0x73, 0xF4, 0xEC, 0x20, 0x33, 0x20, 0xF0, 0xF4, 0xD2, 0x20, 0x62, 0xF4, 0xF2, 0x20,
            0x4B, 0x68, 0xE1, 0x6E, 0x68, 0x20, 0x48, 0x6F, 0xCC, 0x61,
        ]
        let document = Array("<?xml version=\"1.0\" encoding=\"windows-1258\"?><h>".utf8) + body + Array("</h>".utf8)
        let decoded = try text(document)
        #expect(decoded == "Bão số 3 đổ bộ Khánh Hòa")
        #expect(decoded.unicodeScalars.count == 24, "composed: one code point a letter")
    }

    @Test func aByteOrderMarkWinsOverTheDeclaration() throws {
        let document = [0xEF, 0xBB, 0xBF] + Array("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><h>\(Self.headline)</h>".utf8)
        #expect(try text(document) == Self.headline)
        let sixteen = utf16("<?xml version=\"1.0\" encoding=\"UTF-8\"?><h>\(Self.headline)</h>", bigEndian: false)
        #expect(try text(sixteen) == Self.headline)
    }

    @Test func refusesUnknownAndMismatchedEncodingsByName() {
        let koi = Array("<?xml version=\"1.0\" encoding=\"KOI8-R\"?><h/>".utf8)
        let error = refusal(koi)
        #expect(error?.line == 1 && error?.column == 31)
        #expect(error?.reason.hasPrefix("unknown encoding \"KOI8-R\" in the XML declaration (known: UTF-8, UTF-16BE") == true)
        let noMark = Array("<?xml version=\"1.0\" encoding=\"UTF-16\"?><h/>".utf8)
        #expect(
            refusal(noMark)?.reason
                == "the XML declaration names encoding \"UTF-16\" but the document is not UTF-16 (no byte order mark)")
        #expect(refusal([0x00, 0x00, 0xFE, 0xFF, 0, 0, 0, 0x3C])?.reason == "the document is in UTF-32, which is not supported")
    }

    @Test func refusesBytesThatAreNotTheDeclaredEncoding() {
        let latin1InUTF8 = Array("<h>\nCaf".utf8) + [0xE9] + Array("</h>".utf8)
        #expect(
            refusal(latin1InUTF8)
                == XMLSyntaxError(line: 2, column: 4, reason: "invalid UTF-8 (byte 0xE9); declare the document's encoding"))
        let ascii = Array("<?xml version=\"1.0\" encoding=\"US-ASCII\"?><h>".utf8) + [0xE9] + Array("</h>".utf8)
        #expect(refusal(ascii)?.reason == "byte 0xE9 is no character in US-ASCII")
    }

    @Test(arguments: [
        ("utf-8", XMLEncoding.utf8), ("UTF8", .utf8), ("iso_8859-1", .isoLatin1), ("Latin1", .isoLatin1),
        ("CP1252", .windows1252), ("windows-1258", .windows1258), ("us-ascii", .ascii), ("UTF-16LE", .utf16LittleEndian),
    ])
    func knowsTheUsualLabels(label: String, encoding: XMLEncoding) {
        #expect(XMLEncoding(label: label) == encoding)
    }
}
