import BangtinCore
import BangtinNet
import BangtinTestSupport
import BangtinTrust
import Foundation
import Synchronization
import Testing

/// `bangtin alert publish` against a real mosquitto on loopback: the current warnings of an area
/// are retained per warning with an MQTT 5 expiry, so a board that connects late gets them, the
/// broker forgets them when they expire, and a Cancel replaces them.
@Suite struct AlertPublishTests {
    /// A folder with a signing key, and envelopes written there.
    struct Desk {
        let folder: URL
        let key: SigningKey

        init() throws {
            folder = try Fixtures.temporaryDirectory()
            key = SigningKey(name: "tinh", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
        }

        /// A signed JSON warning sent a second ago, expiring `expiresIn` seconds from now
        /// (none when nil), for `codes`; its envelope's path.
        func envelope(
            _ id: String, kind: String = "Alert", references: String? = nil, expiresIn: Int64? = 3_600,
            codes: [String]? = ["56", "22333"]
        ) throws -> String {
            let now = Instant(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
            let sent = ISO8601.format(now.advanced(byNanoseconds: -1_000_000_000))
            let refs =
                references.map {
                    #", "references": [{"sender": "pctt@khanhhoa.gov.vn", "identifier": "\#($0)", "sent": "\#(sent)"}]"#
                } ?? ""
            let expires = expiresIn.map { #", "expires": "\#(ISO8601.format(now.advanced(byNanoseconds: $0 * 1_000_000_000)))""# }
            let info = codes.map { codes in
                #", "info": [{"event": "Bão", "severity": "Extreme"\#(expires ?? ""), "headline": "Bão số 13", "areas": [{"description": "Khánh Hòa", "codes": [\#(codes.map { "\"\($0)\"" }.joined(separator: ", "))]}]}]"#
            }
            let json = """
                {"version": 1, "identifier": "\(id)", "sender": "pctt@khanhhoa.gov.vn", "sent": "\(sent)",
                 "status": "Actual", "msgType": "\(kind)"\(refs)\(info ?? "")}
                """
            let path = folder.path + "/\(id).env"
            try Data(try SignedWarnings.sign(Array(json.utf8), key: key).encoded()).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    /// A board of commune 22333 in province 56 connecting now with its default subscriptions;
    /// what it got once `seconds` passed with nothing new.
    static func lateBoard(_ broker: Mosquitto, seconds: Double = 1) throws -> [MQTTMessage] {
        var config = PlayerConfig()
        config.alerts.mqttURL = broker.url
        let filters = config.alerts.subscriptions(board: "late", area: BoardArea(province: "56", commune: "22333"))
        let options = try MQTTOptions(url: broker.url, clientID: "bangtin-late-\(UUID().uuidString.prefix(6))", topics: filters)
        let received = Mutex<(connected: Bool, messages: [MQTTMessage])>((false, []))
        let subscriber = try MQTTSubscriber(
            options: options, onMessage: { message in received.withLock { $0.messages.append(message) } },
            onState: { state in if case .connected = state { received.withLock { $0.connected = true } } })
        try subscriber.start()
        defer { subscriber.stop() }
        let deadline = Date().addingTimeInterval(5)
        while !received.withLock({ $0.connected }) && Date() < deadline { usleep(5_000) }
        #expect(received.withLock { $0.connected })
        var count = -1
        while count != received.withLock({ $0.messages.count }) {
            count = received.withLock { $0.messages.count }
            usleep(UInt32(seconds * 1_000_000))
        }
        return received.withLock { $0.messages }
    }

    @Test func aBoardConnectingLateGetsTheRetainedWarningOfItsProvinceAndCommune() throws {
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        let broker = try Mosquitto()
        defer { broker.stop() }
        let path = try desk.envelope("KH-BAO-13")
        let published = try Program.run(["alert", "publish", path, "--mqtt", broker.url])
        #expect(published.status == 0, "\(published.stderr)")
        let id = WarningPublication.subtopic(sender: "pctt@khanhhoa.gov.vn", identifier: "KH-BAO-13")
        #expect(id.count == 16)
        for topic in ["bangtin/56/alerts/\(id)", "bangtin/22333/alerts/\(id)"] {
            #expect(
                published.stdout.contains("published Alert KH-BAO-13 to \(topic) (retained, expires in 360"),
                "\(published.stdout)")
        }

        let got = try Self.lateBoard(broker)
        #expect(Set(got.map(\.topic)) == ["bangtin/56/alerts/\(id)", "bangtin/22333/alerts/\(id)"], "\(got)")
        let envelope = try Array(Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(got.allSatisfy { $0.payload == envelope && $0.retained })
    }

    @Test func theBrokerForgetsAWarningWhenItExpires() throws {
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        let broker = try Mosquitto()
        defer { broker.stop() }
        let published = try Program.run(["alert", "publish", try desk.envelope("KH-NGAN", expiresIn: 2), "--mqtt", broker.url])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout.contains("expires in 2 s") || published.stdout.contains("expires in 1 s"), "\(published.stdout)")
        #expect(try Self.lateBoard(broker, seconds: 0.2).count == 2)
        // The broker's own timer: a short real wait past the expiry.
        usleep(2_600_000)
        #expect(try Self.lateBoard(broker).isEmpty)
    }

    @Test func aCancelReplacesTheWarningWhereverItIsRetainedForWhatItHadLeft() throws {
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        let broker = try Mosquitto()
        defer { broker.stop() }
        #expect(try Program.run(["alert", "publish", try desk.envelope("KH-LU-1"), "--mqtt", broker.url]).status == 0)
        // A CAP-style Cancel: no info block, so no area or expiry of its own.
        let cancel = try desk.envelope("KH-LU-1-HUY", kind: "Cancel", references: "KH-LU-1", codes: nil)
        let cancelled = try Program.run(["alert", "publish", cancel, "--mqtt", broker.url])
        #expect(cancelled.status == 0, "\(cancelled.stderr)")
        let id = WarningPublication.subtopic(sender: "pctt@khanhhoa.gov.vn", identifier: "KH-LU-1")
        #expect(cancelled.stdout.contains("published Cancel KH-LU-1-HUY to bangtin/56/alerts/\(id)"), "\(cancelled.stdout)")
        #expect(cancelled.stdout.contains("published Cancel KH-LU-1-HUY to bangtin/22333/alerts/\(id)"))
        // What the warning had left (an hour, counted down by the broker in whole seconds).
        #expect(
            cancelled.stdout.contains("expires in 3600 s") || cancelled.stdout.contains("expires in 3599 s"),
            "\(cancelled.stdout)")

        let got = try Self.lateBoard(broker)
        #expect(got.count == 2)
        let expected = try Array(Data(contentsOf: URL(fileURLWithPath: cancel)))
        #expect(got.allSatisfy { $0.payload == expected }, "the Cancel did not replace the warning")
    }

    @Test func aBareDocumentOrAWarningWithNoTopicIsRefused() throws {
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        let broker = try Mosquitto()
        defer { broker.stop() }
        let bare = desk.folder.path + "/bare.json"
        try Data(#"{"version": 1}"#.utf8).write(to: URL(fileURLWithPath: bare))
        let refused = try Program.run(["alert", "publish", bare, "--mqtt", broker.url])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("not a signed envelope"), "\(refused.stderr)")

        let nowhere = try desk.envelope("KH-KHONG-MA", codes: [])
        let noTopic = try Program.run(["alert", "publish", nowhere, "--mqtt", broker.url])
        #expect(noTopic.status == 1)
        #expect(noTopic.stderr.contains("--topic"), "\(noTopic.stderr)")
        let given = try Program.run(["alert", "publish", nowhere, "--mqtt", broker.url, "--topic", "bangtin/board/late/alerts"])
        #expect(given.status == 0, "\(given.stderr)")
        #expect(try Self.lateBoard(broker).map(\.topic).first?.hasPrefix("bangtin/board/late/alerts/") == true)
    }

    /// A key list goes retained to the topic of every area its keys name, where a board
    /// subscribed to its commune's alerts gets it when it connects.
    @Test func aKeyListIsRetainedWhereTheBoardsOfItsAreasListen() throws {
        let desk = try Desk()
        defer { try? FileManager.default.removeItem(at: desk.folder) }
        let broker = try Mosquitto()
        defer { broker.stop() }
        let root = SigningKey(
            name: "pctt-goc", scope: WarningScope(senders: ["*@khanhhoa.gov.vn"], areas: ["56"], certifies: true))
        let commune = SigningKey(
            name: "xa-tan-phu", scope: WarningScope(senders: ["ubnd.xatanphu@khanhhoa.gov.vn"], areas: ["22333"]))
        let list = """
            {"version": 1, "signedAt": "2026-12-08T09:00:00+07:00",
             "keys": [{"publicKey": "\(Data(commune.publicKey.raw).base64EncodedString())", "name": "xa-tan-phu",
                       "senders": ["ubnd.xatanphu@khanhhoa.gov.vn"], "areas": ["22333"]}]}
            """
        let path = desk.folder.path + "/keys.env"
        try Data(try SignedWarnings.sign(Array(list.utf8), key: root).encoded()).write(to: URL(fileURLWithPath: path))
        let published = try Program.run(["alert", "publish", path, "--mqtt", broker.url])
        #expect(published.status == 0, "\(published.stderr)")
        #expect(
            published.stdout.contains("published key list version 1 to bangtin/22333/alerts/keys (retained"),
            "\(published.stdout)")
        let got = try Self.lateBoard(broker)
        #expect(got.map(\.topic) == ["bangtin/22333/alerts/keys"])
        #expect(got.first?.payload == (try Array(Data(contentsOf: URL(fileURLWithPath: path)))))
    }
}
