import BangtinCore
import BangtinNet
import BangtinRender
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

/// The attacks of issue 18 against a live `bangtin play` under Xvfb, with the real mosquitto
/// and nginx: only keys entitled to a warning can issue or cancel it, old warnings are not
/// replayed, where a warning applies is in its signed content, and an unsigned `Date` cannot
/// move the clock to expire what the board shows.
@Suite(.serialized) struct WarningAuthorityPlayTests {
    static let province = "pctt@khanhhoa.gov.vn"
    static let commune = "ubnd@xatanphu.khanhhoa.gov.vn"

    /// A warning document: sent `sentOffset` seconds from `now`, expiring an hour after now
    /// unless `expires` is false; `areas` nil gives no area at all.
    static func cap(
        _ id: String, sender: String, level: Int, kind: String = "Alert", references: String? = nil,
        areas: [String]? = ["56"], sent: Date, expires: Date? = nil
    ) -> String {
        func time(_ date: Date) -> String {
            ISO8601.format(Instant(secondsSinceEpoch: Int64(date.timeIntervalSince1970)))
        }
        let area =
            areas.map { codes in
                "<area><areaDesc>Khánh Hòa</areaDesc>"
                    + codes.map { "<geocode><valueName>VN-DVHC</valueName><value>\($0)</value></geocode>" }.joined()
                    + "</area>"
            } ?? ""
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(id)</identifier><sender>\(sender)</sender><sent>\(time(sent))</sent>
              <status>Actual</status><msgType>\(kind)</msgType><scope>Public</scope>
              \(references.map { "<references>\($0)</references>" } ?? "")
              <info><language>vi-VN</language><category>Met</category><event>Bão</event><urgency>Immediate</urgency>
                <severity>Extreme</severity><certainty>Likely</certainty>
                \(expires.map { "<expires>\(time($0))</expires>" } ?? "")
                <headline>Bão số 13 đổ bộ</headline>
                <parameter><valueName>capDoRuiRo</valueName><value>\(level)</value></parameter>
                \(area)
              </info>
            </alert>
            """
    }

    struct Desk {
        let folder: URL
        init() throws { folder = try Fixtures.temporaryDirectory() }
        func path(_ name: String) -> String { folder.path + "/" + name }

        func keygen(_ name: String, sender: String, area: [String]) throws {
            let made = try Program.run(
                ["keygen", "--out", path(name), "--sender", sender] + area.flatMap { ["--area", $0] })
            #expect(made.status == 0, "\(made.stderr)")
        }

        /// Signs `document` with the key `key`; the envelope's bytes.
        func sign(_ document: String, _ name: String, key: String) throws -> [UInt8] {
            try document.write(toFile: path(name + ".xml"), atomically: true, encoding: .utf8)
            let signed = try Program.run(["alert", "sign", path(name + ".xml"), "--key", path(key), "--out", path(name + ".env")])
            #expect(signed.status == 0, "\(signed.stderr)")
            return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path(name + ".env"))))
        }

        /// Signs `document` with a key's private half directly: what `alert sign` refuses to
        /// sign outside the key's scope, a thief with the key file can still make.
        func forge(_ document: String, key: String) throws -> [UInt8] {
            let text = try String(contentsOfFile: path(key), encoding: .utf8)
            return try SigningKey.parse(text, source: key).sign(Array(document.utf8), payloadType: SignedWarnings.capType)
                .encoded()
        }
    }

    @Test func aCommuneKeyCannotIssueOrCancelTheProvincesWarningAndOldOrForeignOnesNeverShow() throws {
        let x = try XServer()
        let broker = try Mosquitto()
        defer { broker.stop() }
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        try desk.keygen("tinh", sender: Self.province, area: ["56"])
        try desk.keygen("xa", sender: Self.commune, area: ["22333"])
        try desk.keygen("lam-dong", sender: "pctt@lamdong.gov.vn", area: ["68"])
        let config = desk.path("config.json")
        try """
        {"board": "cho-tan-phu", "content": "\(Fixtures.layoutsDirectory)/market-p10-384x192/layout.json",
         "cache": "cache", "area": {"province": "56", "commune": "22333"},
         "alerts": {"mqtt": {"url": "\(broker.url)"}, "trust": ["tinh.pub", "xa.pub", "lam-dong.pub"]},
         "window": {"mode": "borderless"}, "renderer": "software"}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let program = try RunningProgram(["play", "--config", config], environment: ["DISPLAY": x.display])
        defer { program.signal(SIGTERM) }
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        #expect(program.wait(seconds: 10) { program.stderr.contains("connected") }, "\(program.stderr)")
        let publisher = try MQTTPublisher(options: MQTTOptions(url: broker.url, clientID: "tinh-khanh-hoa"))
        defer { publisher.disconnect() }
        let red = RiskLevel(4)!.color
        let purple = RiskLevel(5)!.color
        func side(_ matches: (Set<Color>) -> Bool, seconds: Double) throws -> Bool {
            try x.column(ofBoard: 384, 192, through: desk.path("shot.png"), within: seconds, until: matches)
        }
        func logged(_ text: String) -> Bool { program.wait(seconds: 5) { program.stderr.contains(text) } }
        let now = Date()
        let sent = now.addingTimeInterval(-60)
        let topic = "bangtin/56/alerts"

        // The province's warning shows.
        let storm = try desk.sign(
            Self.cap("KH-BAO-13", sender: Self.province, level: 4, sent: sent, expires: now.addingTimeInterval(3_600)), "bao",
            key: "tinh")
        try publisher.publish(topic: topic, payload: storm)
        #expect(try side({ $0.contains(red) }, seconds: 5), "\(program.stderr)")

        // The commune key signs a level-5 warning in the province's name: refused, both named.
        let forged = try desk.forge(
            Self.cap("KH-GIA-MAO", sender: Self.province, level: 5, sent: sent, expires: now.addingTimeInterval(3_600)), key: "xa"
        )
        try publisher.publish(topic: topic, payload: forged)
        #expect(logged("which may not sign for sender \"pctt@khanhhoa.gov.vn\""), "\(program.stderr)")
        #expect(program.stderr.contains("senders=\(Self.commune) areas=22333"), "the log names the key's scope")
        // …and a Cancel of the province's warning, in its own name: refused.
        let references =
            "\(Self.province),KH-BAO-13,\(ISO8601.format(Instant(secondsSinceEpoch: Int64(sent.timeIntervalSince1970))))"
        let cancel = try desk.forge(
            Self.cap(
                "XA-HUY", sender: Self.commune, level: 1, kind: "Cancel", references: references, areas: ["22333"],
                sent: now, expires: now.addingTimeInterval(3_600)), key: "xa")
        try publisher.publish(topic: topic, payload: cancel)
        #expect(logged("updates or cancels KH-BAO-13 of sender \"pctt@khanhhoa.gov.vn\""), "\(program.stderr)")
        // …and a warning of its own over the whole province: refused.
        let wide = try desk.forge(
            Self.cap("XA-TOAN-TINH", sender: Self.commune, level: 5, sent: sent, expires: now.addingTimeInterval(3_600)),
            key: "xa")
        try publisher.publish(topic: topic, payload: wide)
        #expect(logged("area code 56 is outside the scope of key"), "\(program.stderr)")
        // A genuine province warning of 2020 with no expiry, replayed: stale.
        let old = try desk.sign(
            Self.cap("KH-2020-BAO-5", sender: Self.province, level: 5, sent: Date(timeIntervalSince1970: 1_603_000_000)),
            "cu", key: "tinh")
        try publisher.publish(topic: topic, payload: old)
        #expect(logged("refused as stale: sent 2020-10-18"), "\(program.stderr)")
        // A neighbouring province's warning with no area, dropped on this province's topic: it
        // means its key's one area (68), which does not cover this board.
        let foreign = try desk.sign(
            Self.cap("LD-LU-QUET", sender: "pctt@lamdong.gov.vn", level: 5, areas: nil, sent: sent), "lam-dong-lu",
            key: "lam-dong")
        try publisher.publish(topic: topic, payload: foreign)
        #expect(logged("LD-LU-QUET from pctt@lamdong.gov.vn signed by key"), "\(program.stderr)")
        #expect(try !side({ $0.contains(purple) || !$0.contains(red) }, seconds: 2), "the province's warning stays alone")

        // The province's own Cancel is obeyed.
        let obeyed = try desk.sign(
            Self.cap(
                "KH-BAO-13-HUY", sender: Self.province, level: 1, kind: "Cancel", references: references, sent: now,
                expires: now.addingTimeInterval(3_600)), "huy", key: "tinh")
        try publisher.publish(topic: topic, payload: obeyed)
        #expect(try side({ !$0.contains(red) && !$0.contains(purple) }, seconds: 5), "\(program.stderr)")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }

    /// The attack of issue 18 on the clock: anything on the path of an http source answers
    /// with a `Date` 29 days ahead. With `correctClock`, the board's clock moved there and the
    /// warning it showed expired. Now the clock stays, and the warning with it.
    @Test func aForgedDateDoesNotExpireTheWarningOnScreen() throws {
        let x = try XServer()
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        try desk.keygen("tinh", sender: Self.province, area: ["56"])
        #expect(try Program.run(["keygen", "--out", desk.path("noi-dung")]).status == 0)
        let pub = desk.path("pub")
        try FileManager.default.createDirectory(atPath: pub, withIntermediateDirectories: true)
        try PlaySyncTests.bundle(at: desk.path("bundle"), background: "#00a000", label: "v1")
        let packed = try Program.run([
            "pack", desk.path("bundle"), "--key", desk.path("noi-dung"), "--version", "1", "--bundle", "cho-tan-phu",
            "--out", pub,
        ])
        #expect(packed.status == 0, "\(packed.stderr)")
        let nginx = try Nginx(serving: URL(fileURLWithPath: pub))
        defer { nginx.stop() }
        let ahead = Date().addingTimeInterval(29 * 86_400)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let proxy = try FaultProxy(to: nginx.port, faults: .init(forgedDate: formatter.string(from: ahead)))
        defer { proxy.stop() }
        let drop = desk.path("canh-bao")
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        let now = Date()
        let storm = try desk.sign(
            Self.cap(
                "KH-BAO-13", sender: Self.province, level: 4, sent: now.addingTimeInterval(-60),
                expires: now.addingTimeInterval(2 * 3_600)), "bao", key: "tinh")
        try Data(storm).write(to: URL(fileURLWithPath: drop + "/bao.env"))
        let config = desk.path("config.json")
        try """
        {"board": "cho-tan-phu", "source": "\(proxy.baseURL)", "bundle": "cho-tan-phu", "cache": "cache",
         "trust": ["noi-dung.pub"], "correctClock": true, "pollEvery": 10, "area": {"province": "56"},
         "alerts": {"folder": "canh-bao", "trust": ["tinh.pub"]},
         "window": {"mode": "borderless"}, "renderer": "software", "logLevel": "info"}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let program = try RunningProgram(["play", "--config", config], environment: ["DISPLAY": x.display])
        defer { program.signal(SIGTERM) }
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        let red = RiskLevel(4)!.color
        func showsRed() throws -> Bool {
            let shot = desk.path("shot.png")
            try x.screenshot(width: 192, height: 64, to: shot)
            let surface = try Surface.loadARGB(path: shot)
            var count = 0
            for y in 0..<64 { for x in 0..<192 where surface.pixel(x: x, y: y) == red { count += 1 } }
            return count > 1_000
        }
        #expect(program.wait(seconds: 20) { (try? showsRed()) == true }, "\(program.stderr)")
        // Two polls answered with the forged Date (every 10 s).
        #expect(
            program.wait(seconds: 30) {
                program.stderr.components(separatedBy: "ignored (an unsigned Date never moves the clock further)").count > 2
            },
            "\(program.stderr)")
        #expect(try showsRed(), "the warning still shows: \(program.stderr)")
        #expect(!program.stderr.contains("no active alerts"), "\(program.stderr)")
        #expect(!program.stderr.contains("wall clock stepped"), "the forged Date did not move the clock: \(program.stderr)")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }
}
