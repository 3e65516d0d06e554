import BangtinCore
import BangtinRender
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

/// `bangtin alert sign` and `check` on real CAP files and a Vietnamese warning: what a board
/// would show, and refusals of what it must never show.
@Suite struct AlertCommandTests {
    static let caps = Fixtures.root.appendingPathComponent("Tests/Fixtures/cap")

    static let storm = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
          <identifier>KH-PCTT-2026-0917</identifier>
          <sender>pctt@khanhhoa.gov.vn</sender>
          <sent>2026-11-24T07:30:00+07:00</sent>
          <status>Actual</status>
          <msgType>Alert</msgType>
          <scope>Public</scope>
          <info>
            <language>vi-VN</language>
            <category>Met</category>
            <event>Bão</event>
            <urgency>Immediate</urgency>
            <severity>Extreme</severity>
            <certainty>Likely</certainty>
            <expires>2026-11-25T07:30:00+07:00</expires>
            <senderName>Ban Chỉ huy PCTT và TKCN tỉnh Khánh Hòa</senderName>
            <headline>Bão số 13 đổ bộ Khánh Hòa, cấp độ rủi ro thiên tai cấp 4</headline>
            <instruction>Tàu thuyền không ra khơi. Người dân chằng chống nhà cửa, không ra đường khi có gió mạnh.</instruction>
            <parameter><valueName>capDoRuiRo</valueName><value>4</value></parameter>
            <area><areaDesc>Tỉnh Khánh Hòa</areaDesc><geocode><valueName>VN-DVHC</valueName><value>56</value></geocode></area>
          </info>
        </alert>
        """#

    struct Keys {
        let folder: URL
        init() throws {
            folder = try Fixtures.temporaryDirectory()
            for name in ["tinh", "la"] {
                let made = try Program.run([
                    "keygen", "--out", folder.path + "/" + name, "--sender", "pctt@khanhhoa.gov.vn", "--area", "56",
                ])
                #expect(made.status == 0, "\(made.stderr)")
            }
        }
        func path(_ name: String) -> String { folder.path + "/" + name }
    }

    @Test func aSignedVietnameseWarningIsCheckedAndPrinted() throws {
        let keys = try Keys()
        defer { try? FileManager.default.removeItem(at: keys.folder) }
        try Self.storm.write(toFile: keys.path("bao.xml"), atomically: true, encoding: .utf8)
        let sign = try Program.run([
            "alert", "sign", keys.path("bao.xml"), "--key", keys.path("tinh"), "--out", keys.path("bao.env"),
        ])
        #expect(sign.status == 0, "\(sign.stderr)")
        let check = try Program.run([
            "alert", "check", keys.path("bao.env"), "--trust", keys.path("tinh.pub"), "--at", "2026-11-24T08:00:00+07:00",
        ])
        #expect(check.status == 0, "\(check.stderr)")
        for line in [
            "identifier: KH-PCTT-2026-0917", "status: Actual", "type: Alert", "level: 4 (given)",
            "headline: Bão số 13 đổ bộ Khánh Hòa, cấp độ rủi ro thiên tai cấp 4", "expires: 2026-11-25T00:30:00Z",
            "area: Tỉnh Khánh Hòa [codes 56]", "signature: valid",
        ] {
            #expect(check.stdout.contains(line), "missing \(line) in\n\(check.stdout)")
        }
    }

    @Test func aWrongKeyAnAlteredByteOrNoSignatureIsRefused() throws {
        let keys = try Keys()
        defer { try? FileManager.default.removeItem(at: keys.folder) }
        try Self.storm.write(toFile: keys.path("bao.xml"), atomically: true, encoding: .utf8)
        #expect(
            try Program.run(["alert", "sign", keys.path("bao.xml"), "--key", keys.path("la"), "--out", keys.path("bao.env")])
                .status == 0)
        let foreign = try Program.run(["alert", "check", keys.path("bao.env"), "--trust", keys.path("tinh.pub")])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("no valid signature by a trusted key"), "\(foreign.stderr)")
        // One byte of the signed document changed (the payload is base64 inside the envelope).
        #expect(
            try Program.run(["alert", "sign", keys.path("bao.xml"), "--key", keys.path("tinh"), "--out", keys.path("bao.env")])
                .status == 0)
        var text = try String(contentsOfFile: keys.path("bao.env"), encoding: .utf8)
        let payload = try #require(text.range(of: #""payload": ""#))
        let index = text.index(payload.upperBound, offsetBy: 40)
        text.replaceSubrange(index...index, with: text[index] == "A" ? "B" : "A")
        try text.write(toFile: keys.path("bao.env"), atomically: true, encoding: .utf8)
        let altered = try Program.run(["alert", "check", keys.path("bao.env"), "--trust", keys.path("tinh.pub")])
        #expect(altered.status == 1)
        #expect(altered.stderr.contains("warning refused"), "\(altered.stderr)")
        let bare = try Program.run(["alert", "check", keys.path("bao.xml"), "--trust", keys.path("tinh.pub")])
        #expect(bare.status == 1)
        #expect(bare.stderr.contains("not signed"), "\(bare.stderr)")
    }

    /// Every real CAP fixture: the valid ones check (without a signature, as a preview does),
    /// the invalid ones are refused naming what is wrong.
    @Test func theRealCAPFixturesCheckOrAreRefused() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.caps.path)
            .filter { $0.hasSuffix(".xml") || $0.hasSuffix(".cap") }.sorted()
        #expect(files.count >= 10, "the CAP fixtures are in \(Self.caps.path)")
        for file in files {
            let result = try Program.run(["alert", "check", Self.caps.appendingPathComponent(file).path])
            if file.contains("invalid") {
                #expect(result.status == 1, "\(file) should be refused")
                #expect(result.stderr.contains("warning refused"), "\(file): \(result.stderr)")
            } else {
                #expect(result.status == 0, "\(file): \(result.stderr)")
                #expect(result.stdout.contains("signature: not checked"))
            }
        }
    }

    /// `render --alert` shows how a warning looks on a board, in its level's colour, without its
    /// signature (a preview for the district centre and CI).
    @Test func renderShowsAWarningOverTheContent() throws {
        let keys = try Keys()
        defer { try? FileManager.default.removeItem(at: keys.folder) }
        try Self.storm.write(toFile: keys.path("bao.xml"), atomically: true, encoding: .utf8)
        let png = keys.path("canh-bao.png")
        let result = try Program.run([
            "render", "layouts/market-p10-384x192/layout.json", "--at", "2026-11-24T08:00:00+07:00", "--alert",
            keys.path("bao.xml"), "--out", png,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let shot = try Surface.loadARGB(path: png)
        let red = RiskLevel(4)!.color
        let ground = (0..<shot.size.height).filter { shot.pixel(x: 1, y: $0) == red }.count
        #expect(ground > shot.size.height / 3, "level 4's red fills the board's sides (\(ground) of \(shot.size.height) rows)")
        let plain = try Program.run([
            "render", "layouts/market-p10-384x192/layout.json", "--at", "2026-11-24T08:00:00+07:00", "--out", png,
        ])
        #expect(plain.status == 0)
        #expect((0..<192).filter { try! Surface.loadARGB(path: png).pixel(x: 1, y: $0) == red }.isEmpty)
        let broken = try Program.run([
            "render", "layouts/market-p10-384x192/layout.json", "--alert", keys.path("none.xml"), "--out", png,
        ])
        #expect(broken.status != 0 && broken.stderr.contains("none.xml"))
    }

    /// `preview --alert` draws every thumbnail of the span with the warning as the board shows
    /// it (the example storm warning in docs/examples), and names it in the sheet's title.
    @Test func previewShowsTheWarningOnEveryThumbnail() throws {
        let keys = try Keys()
        defer { try? FileManager.default.removeItem(at: keys.folder) }
        let out = keys.path("sheet.png")
        let arguments = [
            "preview", "layouts/xa-tan-phu-tuan", "--from", "2026-11-28T05:25", "--to", "2026-11-28T05:45", "--out", out,
            "--columns", "4", "--thumbnail-width", "192",
        ]
        let result = try Program.run(arguments + ["--alert", "docs/examples/alerts/bao-so-13-khanh-hoa.json"])
        #expect(result.status == 0, "\(result.stderr)")
        let said = result.stdout.components(separatedBy: " scene changes")[0].components(separatedBy: ": ").last ?? ""
        let count = try #require(Int(said), "\(result.stdout)")
        #expect(count >= 3, "\(result.stdout)")
        let sheet = try Surface.loadARGB(path: out)
        let red = RiskLevel(4)!.color
        for index in 0..<count {
            let x = 16 + index % 4 * (192 + 16) + 4
            let y = 64 + index / 4 * (96 + 44 + 16) + 60
            #expect(sheet.pixel(x: x, y: y) == red, "thumbnail \(index) shows the level 4 warning")
        }
        let plain = try Program.run(arguments)
        #expect(plain.status == 0)
        #expect(try Surface.loadARGB(path: out).pixel(x: 20, y: 124) != red)
        let broken = try Program.run(arguments + ["--alert", keys.path("none.json")])
        #expect(broken.status != 0 && broken.stderr.contains("none.json"), "\(broken.stderr)")
    }
}

/// `alert check` names the key that verified, not the key id an envelope claims, and no text
/// from the network can forge a line of its output.
@Suite struct AlertCheckSignerTests {
    @Test func theVerifyingKeyIsPrintedAndHostileKeyIDsAreEscaped() throws {
        let keys = try AlertCommandTests.Keys()
        defer { try? FileManager.default.removeItem(at: keys.folder) }
        let province = try SigningKey.parse(try String(contentsOfFile: keys.path("tinh"), encoding: .utf8), source: "tinh")
        let other = try SigningKey.parse(try String(contentsOfFile: keys.path("la"), encoding: .utf8), source: "la")
        let document = Array(AlertCommandTests.storm.utf8)
        // A forgery with a fake first signature claiming the province's key id; the one that
        // verifies is the other key's.
        var envelope = try other.sign(document, payloadType: SignedWarnings.capType)
        envelope.signatures.insert(.init(keyID: province.publicKey.id, bytes: [UInt8](repeating: 7, count: 64)), at: 0)
        try Data(envelope.encoded()).write(to: URL(fileURLWithPath: keys.path("hai-chu-ky.env")))
        let check = try Program.run([
            "alert", "check", keys.path("hai-chu-ky.env"), "--trust", keys.path("tinh.pub"), "--trust", keys.path("la.pub"),
            "--at", "2026-11-24T08:00:00+07:00",
        ])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("signature: valid, by key \(other.publicKey.id) (la)"), "\(check.stdout)")
        #expect(!check.stdout.contains(province.publicKey.id), "\(check.stdout)")
        #expect(check.stdout.contains("key scope: senders=pctt@khanhhoa.gov.vn areas=56"), "\(check.stdout)")
        #expect(check.stdout.contains("scope: inside the key's scope"), "\(check.stdout)")

        // A key id with an escape sequence and a newline forging a headline: printed escaped.
        let stranger = SigningKey(name: "la-mat", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
        var hostile = try stranger.sign(document, payloadType: SignedWarnings.capType)
        hostile.signatures[0].keyID = "\u{1B}[2J\nheadline: SƠ TÁN NGAY"
        try Data(hostile.encoded()).write(to: URL(fileURLWithPath: keys.path("hostile.env")))
        let refused = try Program.run(["alert", "check", keys.path("hostile.env"), "--trust", keys.path("tinh.pub")])
        #expect(refused.status == 1)
        #expect(!refused.stderr.contains("\u{1B}"), "\(refused.stderr)")
        #expect(!(refused.stdout + refused.stderr).split(separator: "\n").contains { $0.hasPrefix("headline:") })
        #expect(refused.stderr.contains("\\u{1B}[2J\\u{A}headline: SƠ TÁN NGAY"), "\(refused.stderr)")
    }

    @Test func aWarningOutsideTheKeysScopeIsNamedAndSignRefusesIt() throws {
        let keys = try AlertCommandTests.Keys()
        defer { try? FileManager.default.removeItem(at: keys.folder) }
        let made = try Program.run(["keygen", "--out", keys.path("xa"), "--sender", "ubnd@xa.vn", "--area", "22333"])
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("a warning key: senders=ubnd@xa.vn areas=22333"), "\(made.stdout)")
        try AlertCommandTests.storm.write(toFile: keys.path("bao.xml"), atomically: true, encoding: .utf8)
        let sign = try Program.run(["alert", "sign", keys.path("bao.xml"), "--key", keys.path("xa"), "--out", keys.path("x.env")])
        #expect(sign.status == 1)
        #expect(sign.stderr.contains("may not sign for sender \"pctt@khanhhoa.gov.vn\""), "\(sign.stderr)")
        // Signed anyway with the private key: check names the scope it breaks.
        let xa = try SigningKey.parse(try String(contentsOfFile: keys.path("xa"), encoding: .utf8), source: "xa")
        let forged = try xa.sign(Array(AlertCommandTests.storm.utf8), payloadType: SignedWarnings.capType)
        try Data(forged.encoded()).write(to: URL(fileURLWithPath: keys.path("x.env")))
        let check = try Program.run([
            "alert", "check", keys.path("x.env"), "--trust", keys.path("xa.pub"), "--at", "2026-11-24T08:00:00+07:00",
        ])
        #expect(check.status == 1)
        #expect(check.stdout.contains("scope: OUTSIDE: warning refused: signed by key \(xa.publicKey.id)"), "\(check.stdout)")
        // A content key signs no warning.
        #expect(try Program.run(["keygen", "--out", keys.path("noi-dung")]).status == 0)
        let content = try Program.run([
            "alert", "sign", keys.path("bao.xml"), "--key", keys.path("noi-dung"), "--out", keys.path("y.env"),
        ])
        #expect(content.status == 1)
        #expect(content.stderr.contains("has no warning scope"), "\(content.stderr)")
    }
}
