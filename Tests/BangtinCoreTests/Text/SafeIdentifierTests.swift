import BangtinCore
import Testing

/// Board ids, bundle names and key ids: one character set, refused where they are configured.
@Suite struct SafeIdentifierTests {
    @Test(arguments: ["cho-tan-phu-01", "hn-001", "xa-tan-phu_2026.v2", "a", "A9", String(repeating: "z", count: 64)])
    func acceptsLettersDigitsDotsUnderscoresAndDashes(id: String) {
        #expect(SafeIdentifier.isSafe(id))
        #expect(SafeIdentifier.problem(with: id, at: "board") == nil)
    }

    @Test(arguments: [
        "x/../board-a", "..", ".hidden", "-rf", "", String(repeating: "z", count: 65), "a b", "a%2Fb", "a\\b",
        "Hà-Nội", "a\u{1B}[2J", "a\nheadline: x", "bangtin/+/#", "a\u{202E}b", "a:b",
    ])
    func refusesAnythingElse(id: String) {
        #expect(!SafeIdentifier.isSafe(id))
        #expect(SafeIdentifier.problem(with: id, at: "board") != nil)
    }

    /// The attack on a live board: refused when the configuration is read, naming the key,
    /// the value, the rule and why it matters.
    @Test func aTraversalBoardIdIsRefusedByTheConfigurationNamingTheKey() {
        let (_, problems) = PlayerConfig.decode(Array(#"{"board": "x/../board-a"}"#.utf8))
        #expect(
            problems.map(\.description) == [
                "board: \"x/../board-a\" may hold only letters A–Z a–z, digits, '.', '_' and '-' (1–64, not starting with '.' or '-'): it names files on the source system"
            ])
        let (config, none) = PlayerConfig.decode(Array(#"{"board": "cho-tan-phu-01"}"#.utf8))
        #expect(none.isEmpty && config?.board == "cho-tan-phu-01")
    }

    @Test func aBundleNameOutsideTheSetIsRefusedByTheConfiguration() {
        let json = #"{"bundle": "../xa-tan-phu"}"#
        let problems = PlayerConfig.decode(Array(json.utf8)).problems
        #expect(problems.map(\.path) == ["bundle"])
        #expect(problems.first?.message.hasPrefix("\"../xa-tan-phu\" may hold only letters") == true, "\(problems)")
    }

    /// What is quoted back is escaped: the message cannot repaint the terminal it is read on.
    @Test func theRefusedValueIsQuotedEscaped() throws {
        let problem = try #require(SafeIdentifier.problem(with: "a\u{1B}[2J\u{202E}", at: "board"))
        #expect(problem.message.hasPrefix(#""a\u{1B}[2J\u{202E}" may hold only"#), "\(problem.message)")
    }
}
