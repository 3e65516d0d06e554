import BangtinCore
import Testing

/// The XML reader on its own: what it reads, and the hostile documents it refuses with a line
/// and column instead of expanding, recursing or allocating without bound.
@Suite struct XMLDocumentParserTests {
    func parse(_ text: String, bounds: XMLBounds = .alert) throws -> XMLElementNode {
        try XMLDocumentParser.parse(text, bounds: bounds)
    }

    func refusal(_ text: String, bounds: XMLBounds = .alert) -> XMLSyntaxError? {
        refusal(Array(text.utf8), bounds: bounds)
    }

    func refusal(_ bytes: [UInt8], bounds: XMLBounds = .alert) -> XMLSyntaxError? {
        do {
            _ = try XMLDocumentParser.parse(bytes, bounds: bounds)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsElementsAttributesTextAndPositions() throws {
        let root = try parse(
            """
            <?xml version="1.0"?>
            <!-- a comment -->
            <?xml-stylesheet href='x.xsl'?>
            <a id="1" note='tab\there'>
              <b>Bão &lt;số 3&gt; &amp; &quot;gió&quot; &apos;mạnh&apos; &#7843;&#x1EA3;</b>
              <c/><!-- skipped --><?pi skipped?>
            </a>
            """)
        #expect(root.name == "a" && root.namespace.isEmpty)
        #expect(root.attribute("id") == "1")
        #expect(root.attribute("note") == "tab here")
        #expect(root.children.map(\.name) == ["b", "c"])
        #expect(root.children[0].text == "Bão <số 3> & \"gió\" 'mạnh' ảả")
        #expect((root.line, root.column) == (4, 1))
        #expect((root.children[0].line, root.children[0].column) == (5, 3))
        #expect((root.children[1].line, root.children[1].column) == (6, 3))
    }

    @Test func readsCDATAAsText() throws {
        let root = try parse("<h>Cảnh báo: <![CDATA[gió <giật> cấp 12 & mưa]]> lớn</h>")
        #expect(root.text == "Cảnh báo: gió <giật> cấp 12 & mưa lớn")
    }

    @Test func normalizesLineEnds() throws {
        let root = try parse("<a>một\r\nhai\rba</a>")
        #expect(root.text == "một\nhai\nba")
    }

    @Test func resolvesNamespaces() throws {
        let root = try parse(
            """
            <cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2" xmlns="urn:default">
              <cap:identifier>x</cap:identifier>
              <plain cap:attr="v" attr="w"/>
              <inner xmlns=""><none/></inner>
              <cap:info xmlns:cap="urn:other"/>
            </cap:alert>
            """)
        #expect(root.name == "alert" && root.namespace == "urn:oasis:names:tc:emergency:cap:1.2")
        #expect(root.qualifiedName == "cap:alert")
        #expect(root.attributes.isEmpty, "namespace declarations are not attributes")
        #expect(root.children.map(\.namespace) == ["urn:oasis:names:tc:emergency:cap:1.2", "urn:default", "", "urn:other"])
        #expect(root.children[1].attribute("attr", namespace: "urn:oasis:names:tc:emergency:cap:1.2") == "v")
        #expect(root.children[1].attribute("attr") == "w")
        #expect(root.children[2].children[0].namespace == "")
        #expect(root.children(named: "identifier", namespace: "urn:oasis:names:tc:emergency:cap:1.2").count == 1)
    }

    @Test(arguments: [
        ("<p:a/>", "prefix \"p\" of p:a is not declared"),
        ("<a p:x='1'/>", "prefix \"p\" of p:x is not declared"),
        ("<a xmlns:p='u' xmlns:q='u' p:x='1' q:x='2'/>", "names the same attribute"),
        ("<a x='1' x='2'/>", "the attribute x appears twice"),
        ("<a xmlns:p=''/>", "cannot be bound to an empty namespace"),
        ("<a:b:c xmlns:a='u'/>", "one ':'"),
    ])
    func refusesBadNamespaces(text: String, expected: String) {
        let error = refusal(text)
        #expect(error?.reason.contains(expected) == true, "\(String(describing: error))")
    }

    @Test func refusesADoctypeSoNoEntityIsEverDeclared() {
        let declared = refusal(
            """
            <?xml version="1.0"?>
            <!DOCTYPE alert [<!ENTITY warning "Bão">]>
            <alert>&warning;</alert>
            """)
        #expect(
            declared == XMLSyntaxError(line: 2, column: 1, reason: "DOCTYPE not allowed: external entities are never resolved"))
        let external = refusal(#"<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><a>&xxe;</a>"#)
        #expect(external?.reason.hasPrefix("DOCTYPE not allowed") == true)
        let inside = refusal(#"<a><!doctype a></a>"#)
        #expect(inside?.reason.hasPrefix("DOCTYPE not allowed") == true)
    }

    @Test func refusesTheBillionLaughs() {
        var entities = #"<!ENTITY lol "lol">"#
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            entities += "\n<!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">"
        }
        let error = refusal("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\(entities)\n]>\n<lolz>&lol9;</lolz>")
        #expect(error?.line == 2)
        #expect(error?.reason.hasPrefix("DOCTYPE not allowed") == true)
        // Without the DOCTYPE the reference is simply unknown: no name is ever looked up.
        let bare = refusal("<lolz>\n  &lol9;</lolz>")
        #expect(bare?.line == 2 && bare?.column == 3)
        #expect(bare?.reason.hasPrefix("unknown entity &lol9;") == true)
    }

    @Test func refusesADepthBomb() {
        let bomb = String(repeating: "<a>", count: 100_000) + String(repeating: "</a>", count: 100_000)
        #expect(refusal(bomb)?.reason == "elements nested more than 32 deep")
        let deepest = String(repeating: "<a>", count: 32) + String(repeating: "</a>", count: 32)
        #expect(refusal(deepest) == nil)
        #expect(
            refusal("<a>" + deepest + "</a>") == XMLSyntaxError(line: 1, column: 97, reason: "elements nested more than 32 deep"))
    }

    @Test func refusesAnOversizeDocument() {
        let big = Array("<a>".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: Limits.alertBytes) + Array("</a>".utf8)
        #expect(refusal(big)?.reason == "the document is \(big.count) bytes, over the limit of \(Limits.alertBytes)")
    }

    @Test func boundsElementsAttributesAndText() {
        let small = XMLBounds(documentBytes: 10_000, depth: 4, elements: 3, attributesPerElement: 2, textBytes: 8)
        #expect(refusal("<a><b/><c/><d/></a>", bounds: small)?.reason == "more than 3 elements")
        #expect(refusal("<a x='1' y='2' z='3'/>", bounds: small)?.reason == "more than 2 attributes on <a>")
        #expect(refusal("<a>123456789</a>", bounds: small)?.reason == "the text inside <a> is over 8 bytes")
        #expect(refusal("<a>1234&amp;5678</a>", bounds: small)?.reason == "the text inside <a> is over 8 bytes")
        #expect(refusal("<a><![CDATA[123456789]]></a>", bounds: small)?.reason.contains("over 8 bytes") == true)
        #expect(refusal("<a x='123456789'/>", bounds: small)?.reason == "an attribute value over 8 bytes")
        #expect(refusal("<a><b/><c>12345678</c></a>", bounds: small) == nil)
        let name = String(repeating: "n", count: 2_000)
        #expect(refusal("<\(name)/>")?.reason == "a name longer than 1000 bytes")
    }

    @Test func readsManyElementsOnOneLineWithinBounds() throws {
        let count = Limits.xmlElements - 1
        let text = "<a>" + String(repeating: "<b x='1'>y</b>", count: count) + "</a>"
        let root = try parse(text)
        #expect(root.children.count == count)
        #expect(root.children.last?.column == 4 + (count - 1) * 14)
        #expect(refusal("<a>" + String(repeating: "<b/>", count: count + 1) + "</a>")?.reason == "more than 50000 elements")
    }

    @Test(arguments: [
        ("<a>", 1, 1, "<a> is never closed"),
        ("<a>\n<b></a>", 2, 4, "the end tag </a> does not match <b> (line 2, column 1)"),
        ("<a>x</a><b/>", 1, 9, "unexpected content after the root element </a>"),
        ("text", 1, 1, "expected the root element, found 't'"),
        ("", 1, 1, "the document has no root element"),
        ("<a>\n  & b</a>", 2, 3, "'&' starts no reference (write &amp; for an ampersand)"),
        ("<a>&#0;</a>", 1, 4, "&#0; is not a character XML allows"),
        ("<a>&#xD800;</a>", 1, 4, "&#xD800; is not a character XML allows"),
        ("<a>\u{1}</a>", 1, 4, "control character U+0001 is not allowed in XML"),
        ("<a x='<'/>", 1, 7, "'<' is not allowed in an attribute value (write &lt;)"),
        ("<a x=1/>", 1, 6, "expected a quoted attribute value, found '1'"),
        ("<a><!-- never ends</a>", 1, 4, "the comment does not end"),
        ("<a><![CDATA[x</a>", 1, 4, "the CDATA section does not end"),
        ("<a/>\n<?xml version='1.0'?>", 2, 1, "the XML declaration must come first in the document"),
        ("<a><!ENTITY x 'y'></a>", 1, 4, "unexpected '<!' markup: only comments and CDATA sections may stand inside an element"),
    ])
    func refusesMalformedDocumentsWithTheirPosition(text: String, line: Int, column: Int, reason: String) {
        #expect(refusal(text) == XMLSyntaxError(line: line, column: column, reason: reason))
    }
}
