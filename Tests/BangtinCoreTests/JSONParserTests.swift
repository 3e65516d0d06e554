import Testing

@testable import BangtinCore

@Suite struct JSONParserTests {
    @Test func parsesNestedValuesWithPositions() throws {
        let node = try JSONParser.parse("{\n  \"a\": [1, 2.5e1, true, null],\n  \"b\": \"Bão số 9 \\u00e2\\n\"\n}")
        guard case .object(let members) = node.value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["a", "b"])
        #expect(members[0].value.line == 2 && members[0].value.column == 8)
        #expect(
            members[0].value
                == JSONNode(.array([JSONNode(.number(1)), JSONNode(.number(25)), JSONNode(.bool(true)), JSONNode(.null)])))
        #expect(members[1].value.value == .string("Bão số 9 â\n"))
    }

    @Test func surrogatePairsDecode() throws {
        #expect(try JSONParser.parse("\"\\ud83c\\udf0a\"").value == .string("🌊"))
    }

    @Test(arguments: [
        ("{\"a\": 1,,}", 1, 9, "expected a quoted key"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", 3, 3, "expected ',' or '}' after an object member"),
        ("[1, 2", 1, 6, "unexpected end of input, expected ',' or ']'"),
        ("{\"ả\": tru}", 1, 7, "invalid literal, expected 'true'"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate key \"a\""),
        ("\"line\nbreak\"", 1, 6, "line break inside a string (write \\n)"),
        ("01", 1, 2, "unexpected text after the JSON value"),
        ("", 1, 1, "unexpected end of input, expected a value"),
    ])
    func syntaxErrorsNameLineAndColumn(text: String, line: Int, column: Int, reason: String) {
        #expect(throws: JSONSyntaxError(line: line, column: column, reason: reason)) { try JSONParser.parse(text) }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
    }
}
