import BangtinCore
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

@testable import BangtinPlayer

/// The polled path for warnings against a real nginx: a signed warning served there becomes
/// active, polls after it are conditional (answered 304), and a forged one is never taken.
@Suite struct AlertPathsTests {
    static func warning(_ id: String, now: Instant) -> String {
        let sent = ISO8601.format(now.advanced(byNanoseconds: -60_000_000_000))
        let expires = ISO8601.format(now.advanced(byNanoseconds: 3_600_000_000_000))
        return """
            {"version": 1, "identifier": "\(id)", "sender": "pctt@khanhhoa.gov.vn", "sent": "\(sent)",
             "status": "Actual", "msgType": "Alert",
             "info": [{"event": "Lũ quét", "severity": "Severe", "riskLevel": 4, "expires": "\(expires)",
                       "headline": "Lũ quét tại các xã miền núi", "areas": [{"description": "Tỉnh Khánh Hòa", "codes": ["56"]}]}]}
            """
    }

    @Test func aPolledWarningIsTakenThenAskedForConditionally() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try KeyFiles.generate(
            at: folder.path + "/tinh", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
        let forger = SigningKey(name: "gia-mao", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
        let now = Instant(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        let served = folder.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let forged = try SignedWarnings.sign(Array(Self.warning("GIA-MAO", now: now).utf8), key: forger)
        try Data(forged.encoded()).write(to: served.appendingPathComponent("canh-bao.env"))
        let nginx = try Nginx(serving: served)
        defer { nginx.stop() }
        let receiver = AlertReceiver(
            trust: try WarningTrust(anchors: [key.publicKey]), store: nil, board: BoardArea(province: "56"), clock: { now },
            logger: Fixtures.quietLogger)
        var delivery = AlertDelivery()
        delivery.pollURL = nginx.baseURL + "canh-bao.env"
        delivery.pollEvery = 1
        let paths = AlertPaths(delivery: delivery, receiver: receiver, logger: Fixtures.quietLogger)
        paths.start()
        defer { paths.stop() }
        func active(within seconds: Double) -> [Alert] {
            let deadline = Date().addingTimeInterval(seconds)
            var last: [Alert] = []
            while Date() < deadline {
                if let update = receiver.activeIfChanged(at: now, showTests: false, due: true) {
                    last = update.alerts
                    if !last.isEmpty { return last }
                }
                usleep(100_000)
            }
            return last
        }
        #expect(active(within: 2.5).isEmpty, "a forged warning is never taken")
        let signed = try SignedWarnings.sign(Array(Self.warning("KH-LU-07", now: now).utf8), key: key)
        try Data(signed.encoded()).write(to: served.appendingPathComponent("canh-bao.env"))
        let shown = active(within: 5)
        #expect(shown.map(\.id) == ["KH-LU-07"])
        #expect(shown.first?.headline == "Lũ quét tại các xã miền núi")
        // The polls after it send the ETag and are answered 304 (a few hundred bytes).
        let log = nginx.accessLog(waitingUpTo: 5) { $0.contains(" 304 ") }
        #expect(log.contains(" 304 "), "\(log)")
    }

    /// The poll and the folder have their own threads: a poll URL answering only after 25 s
    /// (12.5 s to connect, 12.5 s more for the request, through a `FaultProxy`) delays only
    /// itself; a warning dropped in the folder meanwhile is taken within a second. (With one
    /// thread for both, it waited for the poll.)
    @Test func aSlowPollDoesNotDelayTheFolder() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = try KeyFiles.generate(
            at: folder.path + "/tinh", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
        let now = Instant(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9))
        let served = folder.appendingPathComponent("served")
        let dropped = folder.appendingPathComponent("usb")
        for made in [served, dropped] { try FileManager.default.createDirectory(at: made, withIntermediateDirectories: true) }
        let polled = try SignedWarnings.sign(Array(Self.warning("KH-POLL-01", now: now).utf8), key: key)
        try Data(polled.encoded()).write(to: served.appendingPathComponent("canh-bao.env"))
        let nginx = try Nginx(serving: served)
        defer { nginx.stop() }
        let slow = try FaultProxy(to: nginx.port, faults: .init(latency: .milliseconds(12_500)))
        defer { slow.stop() }
        let receiver = AlertReceiver(
            trust: try WarningTrust(anchors: [key.publicKey]), store: nil, board: BoardArea(province: "56"), clock: { now },
            logger: Fixtures.quietLogger)
        var delivery = AlertDelivery()
        delivery.folder = dropped.path
        delivery.pollURL = slow.baseURL + "canh-bao.env"
        delivery.pollEvery = 1
        let paths = AlertPaths(delivery: delivery, receiver: receiver, logger: Fixtures.quietLogger)
        paths.start()
        var stopped = false
        defer { if !stopped { paths.stop() } }
        // The first poll is under way (and will be for 25 s).
        let deadline = Date().addingTimeInterval(5)
        while slow.connections == 0 && Date() < deadline { usleep(20_000) }
        try #require(slow.connections == 1)
        usleep(500_000)
        let signed = try SignedWarnings.sign(Array(Self.warning("KH-FOLDER-02", now: now).utf8), key: key)
        try Data(signed.encoded()).write(to: dropped.appendingPathComponent(".canh-bao.env.part"))
        let clock = ContinuousClock()
        let droppedAt = clock.now
        try FileManager.default.moveItem(
            at: dropped.appendingPathComponent(".canh-bao.env.part"), to: dropped.appendingPathComponent("canh-bao.env"))
        var shown: [String] = []
        while clock.now - droppedAt < .seconds(3) {
            if let update = receiver.activeIfChanged(at: now, showTests: false, due: true) {
                shown = update.alerts.map(\.id)
                if !shown.isEmpty { break }
            }
            usleep(20_000)
        }
        let took = clock.now - droppedAt
        #expect(shown == ["KH-FOLDER-02"], "the folder's warning alone, the poll still waiting")
        #expect(took < .milliseconds(1_000), "taken \(took) after it was dropped")
        // Stopping does not wait for the poll in flight.
        let stopping = clock.now
        paths.stop()
        stopped = true
        #expect(clock.now - stopping < .milliseconds(100))
    }
}
