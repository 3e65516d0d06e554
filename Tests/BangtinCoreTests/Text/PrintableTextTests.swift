import BangtinCore
import Testing

/// What came over the network, escaped before a log or a terminal shows it.
@Suite struct PrintableTextTests {
    @Test func escapeSequencesAreWrittenOut() {
        #expect(PrintableText.escaped("3f9c\u{1B}[2J\u{1B}]0;pwned\u{07}") == #"3f9c\u{1B}[2J\u{1B}]0;pwned\u{7}"#)
        #expect(PrintableText.escaped("a\u{7F}b\u{9B}c\u{0}") == #"a\u{7F}b\u{9B}c\u{0}"#)
    }

    /// A key id with a newline forged a `headline:` line in `alert check`'s output.
    @Test func aNewlineCannotForgeALine() {
        let forged = PrintableText.escaped("3f9c0b1e\nheadline: Sóng thần, sơ tán ngay\r\n")
        #expect(!forged.contains("\n") && !forged.contains("\r"))
        #expect(forged == #"3f9c0b1e\u{A}headline: Sóng thần, sơ tán ngay\u{D}\u{A}"#)
    }

    @Test func bidiControlsAreWrittenOut() {
        #expect(PrintableText.escaped("key\u{202E}cod.exe") == #"key\u{202E}cod.exe"#)
        for scalar: Unicode.Scalar in ["\u{200E}", "\u{200F}", "\u{061C}", "\u{202A}", "\u{2066}", "\u{2069}", "\u{2028}"] {
            #expect(PrintableText.escaped(String(scalar)).hasPrefix("\\u{"), "\(scalar.value)")
        }
    }

    @Test func vietnameseTextIsKeptAsItIs() {
        let precomposed = "Bão số 13: Khánh Hòa, Phú Yên — sơ tán ngay!"
        #expect(PrintableText.escaped(precomposed) == precomposed)
        let decomposed = "Ba\u{0303}o so\u{0302}\u{0301} 13, Thư\u{031B}a Thiên"
        #expect(PrintableText.escaped(decomposed) == decomposed)
        #expect(PrintableText.escaped("tab\tinside") == #"tab\u{9}inside"#)
    }

    @Test func longTextIsCutAtTheLimit() {
        #expect(PrintableText.escaped(String(repeating: "ấ", count: 300)) == String(repeating: "ấ", count: 200) + "…")
        #expect(PrintableText.escaped("abcdef", limit: 3) == "abc…")
        #expect(PrintableText.escaped("abc", limit: 3) == "abc")
        // One letter under a million marks prints a bounded line.
        let heavy = "a" + String(repeating: "\u{0301}", count: 1_000_000)
        #expect(PrintableText.escaped(heavy, limit: 10).unicodeScalars.count <= 81)
    }

    /// An envelope's key ids are the signer's to choose: a refusal prints them escaped, and
    /// no more than eight.
    @Test func keyIDsOfAnUntrustedEnvelopeArePrintedEscaped() {
        let forged = "3f9c\u{1B}[2J\nheadline: Sóng thần"
        let refusal = SyncRefusal.untrusted(keyIDs: [forged] + Array(repeating: "k", count: 9), trusted: ["0a1b"])
        #expect(!refusal.description.contains("\n") && !refusal.description.contains("\u{1B}"))
        #expect(refusal.description.contains(#"key id 3f9c\u{1B}[2J\u{A}headline: Sóng thần, k, "#), "\(refusal)")
        #expect(refusal.description.contains("k, …; trusted: 0a1b"), "\(refusal)")
    }

    /// `Problem` messages (which quote files and manifests) write bidi controls out too.
    @Test func problemsWriteOutBidiControls() {
        #expect(Problem(path: "bundle", message: "x\u{202E}y").message == "x<U+202E>y")
    }
}
