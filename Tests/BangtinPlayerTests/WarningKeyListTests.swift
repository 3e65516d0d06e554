import BangtinCore
import BangtinTestSupport
import BangtinTrust
import Foundation
import Logging
import Testing

@testable import BangtinPlayer

/// Key rotation and revocation (docs/alerts.md, "Key lists"): a province's certifying key
/// grants commune keys by a signed list that arrives like a warning; a newer list replaces the
/// older, a key left out or revoked stops verifying and what it signed is withdrawn, an older
/// list is a rollback, and the list in force survives a restart.
@Suite struct WarningKeyListTests {
    static let now = Fixtures.instant("2026-12-08T09:00:00+07:00")
    static let root = SigningKey(
        name: "pctt-khanh-hoa", scope: WarningScope(senders: ["*@khanhhoa.gov.vn"], areas: ["56"], certifies: true))
    static let commune = SigningKey(
        name: "xa-tan-phu", scope: WarningScope(senders: ["ubnd.xatanphu@khanhhoa.gov.vn"], areas: ["22333"]))

    static func list(_ version: Int, keys: [SigningKey], revoked: [String] = []) -> [UInt8] {
        let entries = keys.map { key in
            let scope = key.scope!
            return """
                {"publicKey": "\(Data(key.publicKey.raw).base64EncodedString())", "name": "\(key.name)",
                 "senders": [\(scope.senders.map { "\"\($0)\"" }.joined(separator: ", "))],
                 "areas": [\(scope.areas.map { "\"\($0)\"" }.joined(separator: ", "))]}
                """
        }
        return Array(
            """
            {"version": \(version), "signedAt": "\(ISO8601.format(now))", "keys": [\(entries.joined(separator: ", "))],
             "revoked": [\(revoked.map { "\"\($0)\"" }.joined(separator: ", "))]}
            """.utf8)
    }

    static func warning(_ id: String) -> [UInt8] {
        Array(
            """
            {"version": 1, "identifier": "\(id)", "sender": "ubnd.xatanphu@khanhhoa.gov.vn", "sent": "\(ISO8601.format(now))",
             "status": "Actual", "msgType": "Alert",
             "info": [{"event": "Sạt lở đất", "severity": "Severe", "riskLevel": 3, "headline": "Sạt lở đất thôn 3",
                       "areas": [{"description": "Xã Tân Phú", "codes": ["22333"]}]}]}
            """.utf8)
    }

    @Test func aProvinceGrantsRotatesAndRevokesCommuneKeys() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.path + "/alerts"
        let lines = LogLines()
        let logger = Logger(label: "test") { _ in lines }
        let trust = try WarningTrust(anchors: [Self.root.publicKey])
        let board = BoardArea(province: "56", commune: "22333")
        func receiver() -> AlertReceiver {
            AlertReceiver(trust: trust, store: store, board: board, clock: { Self.now }, logger: logger)
        }
        var alerts = receiver()
        func shown() -> [String] { alerts.activeIfChanged(at: Self.now, showTests: false, due: true)?.alerts.map(\.id) ?? [] }
        let landslide = try SignedWarnings.sign(Self.warning("XA-SAT-LO"), key: Self.commune).encoded()
        // Not granted yet: refused.
        alerts.accept(landslide, via: "test")
        #expect(shown().isEmpty)
        #expect(lines.has("no valid signature by a trusted key"))
        // Granted by the province's list: taken.
        alerts.accept(try SignedWarnings.sign(Self.list(1, keys: [Self.commune]), key: Self.root).encoded(), via: "test")
        #expect(lines.has("key list version 1 from key \(Self.root.publicKey.id) taken"))
        alerts.accept(landslide, via: "test")
        #expect(shown() == ["XA-SAT-LO"])
        // A list granting a key outside the province is refused whole; so is one from a key that
        // does not certify (the commune's own).
        let outside = SigningKey(name: "lam-dong", scope: WarningScope(senders: ["pctt@lamdong.gov.vn"], areas: ["68"]))
        alerts.accept(
            try Self.root.sign(Self.list(2, keys: [outside]), payloadType: WarningKeyList.payloadType).encoded(), via: "test")
        #expect(lines.has("outside the scope of its signer"))
        alerts.accept(
            try Self.commune.sign(Self.list(5, keys: [Self.commune]), payloadType: WarningKeyList.payloadType).encoded(),
            via: "test")
        #expect(lines.has("no valid signature by a trusted key that certifies"))
        // Version 2 revokes the commune key (stolen with a laptop): its warning is withdrawn.
        let revoking = try SignedWarnings.sign(Self.list(2, keys: [], revoked: [Self.commune.publicKey.id]), key: Self.root)
        alerts.accept(revoking.encoded(), via: "test")
        #expect(lines.has("warnings of keys no longer trusted withdrawn: XA-SAT-LO"))
        #expect(shown().isEmpty)
        // Replaying version 1 is a rollback.
        alerts.accept(try SignedWarnings.sign(Self.list(1, keys: [Self.commune]), key: Self.root).encoded(), via: "test")
        #expect(lines.has("older than version 2 already taken (rollback)"))
        alerts.accept(landslide, via: "test")
        #expect(shown().isEmpty)
        // After a restart the list in force is version 2.
        alerts = receiver()
        alerts.accept(landslide, via: "test")
        #expect(shown().isEmpty)
        alerts.accept(try SignedWarnings.sign(Self.list(1, keys: [Self.commune]), key: Self.root).encoded(), via: "test")
        alerts.accept(landslide, via: "test")
        #expect(shown().isEmpty, "version 1 is still a rollback after a restart")
    }
}

extension LogLines {
    fileprivate func has(_ text: String) -> Bool { firstLine(containing: text) != nil }
}
