import BangtinCore
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

@testable import BangtinPlayer

/// The receiver's store (`alerts.store`): what it holds survives a restart, and a file goes
/// once no warning held needs it (a later version replaced it, or it expired long ago), so a
/// board that runs for years does not fill its disk with old warnings.
@Suite struct AlertStoreTests {
    static func warning(_ id: String, sent: Instant, expires: Instant, headline: String) -> [UInt8] {
        Array(
            """
            {"version": 1, "identifier": "\(id)", "sender": "pctt@khanhhoa.gov.vn", "sent": "\(ISO8601.format(sent))",
             "status": "Actual", "msgType": "Alert",
             "info": [{"event": "Bão", "severity": "Extreme", "riskLevel": 4, "expires": "\(ISO8601.format(expires))",
                       "headline": "\(headline)", "areas": [{"description": "Tỉnh Khánh Hòa", "codes": ["56"]}]}]}
            """.utf8)
    }

    static let now = Fixtures.instant("2026-11-24T08:00:00+07:00")
    static func hours(_ count: Int64) -> Instant { now.advanced(byNanoseconds: count * 3_600_000_000_000) }

    static func stored(_ folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".env") }.sorted()
    }

    @Test func replacedAndLongExpiredWarningsLeaveTheStore() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = SigningKey(name: "tinh", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
        let trust = try WarningTrust(anchors: [key.publicKey])
        let store = folder.path + "/alerts"
        let area = BoardArea(province: "56")
        func envelope(_ id: String, sent: Instant, expires: Instant, _ headline: String) throws -> [UInt8] {
            try SignedWarnings.sign(Self.warning(id, sent: sent, expires: expires, headline: headline), key: key).encoded()
        }
        let clock = TestClock(Self.now)
        var receiver = AlertReceiver(trust: trust, store: store, board: area, clock: clock.read, logger: Fixtures.quietLogger)
        receiver.accept(try envelope("BAO-13", sent: Self.now, expires: Self.hours(12), "Bão số 13"), via: "test")
        receiver.accept(try envelope("LU-07", sent: Self.now, expires: Self.hours(2), "Lũ quét"), via: "test")
        let before = Self.stored(store)
        #expect(before.count == 2)
        // An Update of the storm replaces its file.
        clock.set(Self.hours(1))
        let update = try envelope("BAO-13", sent: Self.hours(1), expires: Self.hours(12), "Bão số 13 mạnh thêm")
        receiver.accept(update, via: "test")
        let afterUpdate = Self.stored(store)
        #expect(afterUpdate.count == 2, "\(afterUpdate)")
        let updated = try #require(Set(afterUpdate).subtracting(before).first, "the Update's own file")

        // A restart reads both back: the storm shows as updated.
        receiver = AlertReceiver(trust: trust, store: store, board: area, clock: clock.read, logger: Fixtures.quietLogger)
        let shown = try #require(receiver.activeIfChanged(at: Self.hours(1), showTests: false, due: true))
        #expect(Set(shown.alerts.map(\.headline)) == ["Bão số 13 mạnh thêm", "Lũ quét"])

        // A day after the flash flood expired its file goes (off the frame loop).
        _ = receiver.activeIfChanged(at: Self.hours(27), showTests: false, due: true)
        let deadline = Date().addingTimeInterval(5)
        while Self.stored(store).count > 1, Date() < deadline { usleep(20_000) }
        #expect(Self.stored(store) == [updated])

        // An older version found in the store (copied back by hand) is dropped at start.
        try Data(try envelope("BAO-13", sent: Self.now, expires: Self.hours(12), "Bão số 13")).write(
            to: URL(fileURLWithPath: store + "/0000-old.env"))
        receiver = AlertReceiver(trust: trust, store: store, board: area, clock: clock.read, logger: Fixtures.quietLogger)
        #expect(Self.stored(store) == [updated])
    }
}
