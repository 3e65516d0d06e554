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

/// What the parser must refuse or survive when a file is hostile.
@Suite struct JSONParserHostileTests {
    /// Every malformed UTF-8 sequence is refused where it stands, never replaced by U+FFFD.
    @Test(
        arguments: [
            [0xC0, 0x80],  // overlong NUL
            [0xE0, 0x80, 0x80],  // overlong
            [0xED, 0xA0, 0x80],  // a UTF-16 surrogate
            [0xF4, 0x90, 0x80, 0x80],  // past U+10FFFF
            [0xF8, 0x88, 0x80, 0x80, 0x80],  // five-byte form
            [0x80],  // a lone continuation byte
            [0xE1, 0x80],  // cut short
        ] as [[UInt8]])
    func malformedUTF8IsRefusedWithItsPosition(_ sequence: [UInt8]) {
        let text: [UInt8] = Array("{\n  \"text\": \"Bão ".utf8) + sequence + Array("x\"}".utf8)
        #expect {
            try JSONParser.parse(text)
        } throws: { error in
            guard let error = error as? JSONSyntaxError else { return false }
            return error.line == 2 && error.column == 16 && error.reason.hasPrefix("invalid UTF-8")
        }
    }

    /// Columns are counted once per line, so a machine-written file all on one line parses in
    /// time linear in its size (it took over a minute for 1 MB when each value rescanned its line).
    @Test func aLongLineParsesInLinearTime() throws {
        let entry = #"{"id": "e-N", "layout": "a", "priority": "district", "dayparts": [{"from": "05:00", "to": "22:00"}]}"#
        let entries = (0..<10_000).map { entry.replacingOccurrences(of: "N", with: "\($0)") }
        let line = Array(("{\"entries\": [" + entries.joined(separator: ", ") + "], \"x\": tru}").utf8)
        #expect(line.count > 1_000_000)
        let clock = ContinuousClock()
        var error: JSONSyntaxError?
        let elapsed = clock.measure {
            do throws(JSONSyntaxError) { _ = try JSONParser.parse(line) } catch let caught { error = caught }
        }
        // The error at the very end still names its column.
        #expect(error?.column == line.count - 3)
        #expect(elapsed < .seconds(10), "took \(elapsed)")
    }
}
