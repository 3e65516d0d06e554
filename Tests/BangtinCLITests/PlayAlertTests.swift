import BangtinCore
import BangtinNet
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// Warnings end to end: `bangtin play` under Xvfb with an alerts folder. A forged warning never
/// shows; a signed one pre-empts the schedule; an Update changes it in place; after SIGKILL the
/// warning is back from the first frame; a Cancel returns the board to its schedule.
@Suite(.serialized) struct PlayAlertTests {
    /// A Khánh Hòa storm warning sent a minute before `now` (plus `level` seconds, so each is
    /// distinct), expiring in an hour; `references` name earlier ones by identifier and level.
    static func cap(
        _ id: String, level: Int, headline: String, kind: String = "Alert", references: [(String, Int)] = [], now: Date
    ) -> String {
        func time(_ offset: TimeInterval) -> String {
            ISO8601.format(Instant(secondsSinceEpoch: Int64(now.addingTimeInterval(offset).timeIntervalSince1970)))
        }
        let refs = references.map { "pctt@khanhhoa.gov.vn,\($0.0),\(time(-60 + Double($0.1)))" }.joined(separator: " ")
        return """
            <?xml version="1.0" encoding="UTF-8"?>
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <identifier>\(id)</identifier><sender>pctt@khanhhoa.gov.vn</sender><sent>\(time(-60 + Double(level)))</sent>
              <status>Actual</status><msgType>\(kind)</msgType><scope>Public</scope>
              \(refs.isEmpty ? "" : "<references>\(refs)</references>")
              <info><language>vi-VN</language><category>Met</category><event>Bão</event><urgency>Immediate</urgency>
                <severity>Extreme</severity><certainty>Likely</certainty><expires>\(time(3_600))</expires>
                <headline>\(headline)</headline><instruction>Người dân không ra đường.</instruction>
                <parameter><valueName>capDoRuiRo</valueName><value>\(level)</value></parameter>
                <area><areaDesc>Tỉnh Khánh Hòa</areaDesc><geocode><valueName>VN-DVHC</valueName><value>56</value></geocode></area>
              </info>
            </alert>
            """
    }

    /// A province warning key for Khánh Hòa (56), as `keygen` makes it.
    static func keygen(_ path: String, sender: String = "pctt@khanhhoa.gov.vn", area: String = "56") throws {
        let made = try Program.run(["keygen", "--out", path, "--sender", sender, "--area", area])
        #expect(made.status == 0, "\(made.stderr)")
    }

    @Test func signedWarningsPreemptForgedOnesNeverShowAndTheySurviveAKill() throws {
        let x = try XServer()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.path + "/" + name }
        try Self.keygen(path("tinh"))
        try Self.keygen(path("gia-mao"))
        let drop = path("canh-bao")
        try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
        func sign(_ document: String, _ name: String, key: String = "tinh") throws {
            try document.write(toFile: path(name + ".xml"), atomically: true, encoding: .utf8)
            let signed = try Program.run(["alert", "sign", path(name + ".xml"), "--key", path(key), "--out", path(name + ".env")])
            #expect(signed.status == 0, "\(signed.stderr)")
        }
        func dropIn(_ name: String) throws {
            try FileManager.default.copyItem(atPath: path(name + ".env"), toPath: drop + "/" + name + ".env")
        }
        let now = Date()
        try sign(Self.cap("KH-2026-13", level: 4, headline: "Bão số 13 đổ bộ Khánh Hòa", now: now), "bao")
        try sign(Self.cap("KH-GIA-MAO", level: 5, headline: "Tin giả: sơ tán ngay", now: now), "gia-mao", key: "gia-mao")
        try sign(
            Self.cap(
                "KH-2026-13b", level: 5, headline: "Bão số 13 mạnh lên cấp 15", kind: "Update",
                references: [("KH-2026-13", 4)], now: now), "cap-nhat")
        try sign(
            Self.cap(
                "KH-2026-13c", level: 5, headline: "Hủy cảnh báo", kind: "Cancel",
                references: [("KH-2026-13", 4), ("KH-2026-13b", 5)], now: now), "huy")
        let config = path("config.json")
        try """
        {"board": "cho-tan-phu", "content": "\(Fixtures.layoutsDirectory)/market-p10-384x192/layout.json",
         "cache": "cache", "area": {"province": "56", "commune": "22333"},
         "alerts": {"folder": "canh-bao", "trust": ["tinh.pub"]}, "window": {"mode": "borderless"}, "renderer": "software"}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let red = RiskLevel(4)!.color
        let purple = RiskLevel(5)!.color
        func side(_ shot: Surface) -> Set<Color> { Set((0..<192).map { shot.pixel(x: 1, y: $0) }) }
        func watch(seconds: Double, until done: (Set<Color>) -> Bool) throws -> [Set<Color>] {
            let shotPath = path("shot.png")
            var seen: [Set<Color>] = []
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                try x.screenshot(width: 384, height: 192, to: shotPath)
                let colours = side(try Surface.loadARGB(path: shotPath))
                seen.append(colours)
                if done(colours) { break }
                usleep(100_000)
            }
            return seen
        }

        var program = try RunningProgram(["play", "--config", config], environment: ["DISPLAY": x.display])
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        // A forged warning (a key the board does not trust) never shows.
        try dropIn("gia-mao")
        let forged = try watch(seconds: 2) { _ in false }
        #expect(forged.allSatisfy { !$0.contains(purple) && !$0.contains(red) })
        #expect(program.wait(seconds: 5) { program.stderr.contains("no valid signature by a trusted key") }, "\(program.stderr)")
        // The signed storm warning pre-empts the schedule.
        try dropIn("bao")
        #expect(try watch(seconds: 5) { $0.contains(red) }.last?.contains(red) == true, "\(program.stderr)")
        // The Update changes it in place.
        try dropIn("cap-nhat")
        #expect(try watch(seconds: 5) { $0.contains(purple) }.last?.contains(purple) == true, "\(program.stderr)")
        // A power cut: the warning is back from the first frame of the next run.
        program.signal(SIGKILL)
        _ = program.waitForExit(seconds: 10)
        program = try RunningProgram(["play", "--config", config], environment: ["DISPLAY": x.display])
        defer { program.signal(SIGTERM) }
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        let first = try watch(seconds: 0.1) { _ in true }
        #expect(first.first?.contains(purple) == true, "the kept warning shows first")
        // The Cancel returns the board to its schedule.
        try dropIn("huy")
        let cancelled = try watch(seconds: 5) { !$0.contains(purple) && !$0.contains(red) }
        #expect(cancelled.last.map { !$0.contains(purple) && !$0.contains(red) } == true, "\(program.stderr)")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }

    /// Pushed over MQTT: mosquitto on loopback, the board subscribed to its province's topic. A
    /// signed warning published there pre-empts the schedule; a forged one never shows.
    @Test func aWarningPushedOverMQTTPreemptsTheSchedule() throws {
        let x = try XServer()
        let broker = try Mosquitto()
        defer { broker.stop() }
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.path + "/" + name }
        try Self.keygen(path("tinh"))
        try Self.keygen(path("gia-mao"))
        let now = Date()
        func signed(_ id: String, level: Int, key: String) throws -> [UInt8] {
            try Self.cap(id, level: level, headline: "Lũ quét, sạt lở đất", now: now)
                .write(toFile: path(id + ".xml"), atomically: true, encoding: .utf8)
            let result = try Program.run(["alert", "sign", path(id + ".xml"), "--key", path(key), "--out", path(id + ".env")])
            #expect(result.status == 0, "\(result.stderr)")
            return try [UInt8](Data(contentsOf: URL(fileURLWithPath: path(id + ".env"))))
        }
        let config = path("config.json")
        try """
        {"board": "cho-tan-phu", "content": "\(Fixtures.layoutsDirectory)/market-p10-384x192/layout.json",
         "cache": "cache", "area": {"province": "56", "commune": "22333"},
         "alerts": {"mqtt": {"url": "\(broker.url)"}, "trust": ["tinh.pub"]}, "window": {"mode": "borderless"}, "renderer": "software"}
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
            try x.column(ofBoard: 384, 192, through: path("shot.png"), within: seconds, until: matches)
        }
        try publisher.publish(topic: "bangtin/56/alerts", payload: try signed("KH-GIA", level: 5, key: "gia-mao"))
        #expect(try !side({ $0.contains(purple) }, seconds: 2), "a forged warning never shows")
        #expect(program.wait(seconds: 5) { program.stderr.contains("no valid signature by a trusted key") }, "\(program.stderr)")
        try publisher.publish(topic: "bangtin/56/alerts", payload: try signed("KH-LU", level: 4, key: "tinh"))
        #expect(try side({ $0.contains(red) }, seconds: 5), "\(program.stderr)")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0, "a SIGTERM stops the player at once, MQTT and all")
    }
}
