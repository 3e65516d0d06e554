import BangtinCore
import BangtinNet
import BangtinSync
import BangtinTestSupport
import Foundation
import Testing

/// Sync against a real nginx on loopback serving a packed bundle, directly and through a link
/// that drops, stalls and crawls.
@Suite struct HTTPSyncTests {
    @Test func firstSyncUnchangedPollUpdateRollbackAndStale() throws {
        let publisher = try Publisher()
        let signed = SystemNow.now()
        try publisher.publish(version: 1, signedAt: signed)
        let nginx = try Nginx(serving: URL(fileURLWithPath: publisher.out))
        defer { nginx.stop() }
        var clock = signed
        let syncer = try publisher.syncer(source: nginx.baseURL, now: { clock })
        #expect(syncer.run() == .activated(version: 1, previous: nil))

        // Nothing new: nginx answers 304 to the ETag, a few hundred bytes on the wire.
        let before = syncer.wireBytes
        #expect(syncer.run() == .upToDate(version: 1, stale: false))
        let poll = syncer.wireBytes - before
        #expect(poll > 0 && poll < 1_024, "an unchanged poll took \(poll) bytes")

        try publisher.publish(version: 2, signedAt: signed)
        #expect(syncer.run() == .activated(version: 2, previous: 1))
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust).version == 2)

        let old = publisher.folder.appendingPathComponent("old").path
        try publisher.publish(version: 1, into: old, signedAt: signed)
        try FileManager.default.removeItem(atPath: publisher.out + "/manifest.json")
        try FileManager.default.copyItem(atPath: old + "/manifest.json", toPath: publisher.out + "/manifest.json")
        // A replay: another file on the server (its ETag differs from version 2's).
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 3_600)], ofItemAtPath: publisher.out + "/manifest.json")
        #expect(syncer.run() == .refused(.rollback(offered: 1, accepted: 2), keeping: 2))

        // Back to version 2 on the server, but a month later: stale, and said so.
        try publisher.publish(version: 2, signedAt: signed)
        clock = signed.advanced(byNanoseconds: 31 * 86_400 * 1_000_000_000)
        let stale = syncer.run()
        #expect(stale == .upToDate(version: 2, stale: true), "\(stale)")
    }

    @Test func completesThroughALinkThatDropsEveryConnection() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1, padding: 1_500_000)
        let nginx = try Nginx(serving: URL(fileURLWithPath: publisher.out))
        defer { nginx.stop() }
        var faults = FaultProxy.Faults()
        faults.cutAfterBytes = 200_000
        let proxy = try FaultProxy(to: nginx.port, faults: faults)
        defer { proxy.stop() }
        let syncer = try publisher.syncer(source: proxy.baseURL, link: { $0.attemptsPerFile = 20 })
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust) == manifest)
        // Resumed with ranges: the bytes through the link stay close to the bundle's size
        // (a restart from zero would cost 1.5 MB per cut and never finish).
        let ratio = Double(proxy.bytesToClient) / Double(manifest.totalBytes)
        #expect(ratio < 1.05, "\(proxy.bytesToClient) bytes on the wire for \(manifest.totalBytes)")
        #expect(proxy.connections >= 8)
    }

    @Test func aStalledLinkTimesOutAndResumesLater() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1, padding: 400_000)
        let nginx = try Nginx(serving: URL(fileURLWithPath: publisher.out))
        defer { nginx.stop() }
        var faults = FaultProxy.Faults()
        faults.stallAfterBytes = 150_000
        let proxy = try FaultProxy(to: nginx.port, faults: faults)
        defer { proxy.stop() }
        let syncer = try publisher.syncer(
            source: proxy.baseURL,
            link: {
                $0.attemptsPerFile = 1
                $0.link.lowSpeedSeconds = 2
            })
        let first = syncer.run()
        guard case .failed(let reason, keeping: nil) = first else {
            Issue.record("expected a failed sync, got \(first)")
            return
        }
        #expect(reason.lowercased().contains("timeout") || reason.lowercased().contains("timed out"), "\(reason)")
        // The link comes back (a fresh proxy: the stalled connection may still drain into the
        // old one's counters): the next sync resumes, fetching only what was missing.
        proxy.stop()
        let healed = try FaultProxy(to: nginx.port)
        defer { healed.stop() }
        let again = try publisher.syncer(source: healed.baseURL)
        #expect(again.run() == .activated(version: 1, previous: nil))
        #expect(healed.bytesToClient < Int(manifest.totalBytes) - 100_000, "\(healed.bytesToClient) of \(manifest.totalBytes)")
    }

    /// A kiosk PC whose clock battery died thinks it is 2001: the signed time and nginx's Date
    /// header show it behind, and the corrected time is the server's, within the signed bounds;
    /// it runs on with the board's clock through the 304s that follow and after a restart.
    @Test func aClockLeftIn2001IsFoundBehindAndCorrected() throws {
        let publisher = try Publisher()
        let signed = SystemNow.now()
        try publisher.publish(version: 1, signedAt: signed)
        let nginx = try Nginx(serving: URL(fileURLWithPath: publisher.out))
        defer { nginx.stop() }
        // The board's clock: 2001, but ticking.
        let start = SystemNow.now()
        let base = Fixtures.instant("2001-01-01T07:00:00+07:00")
        let board = { base.advanced(byNanoseconds: SystemNow.now().nanoseconds(since: start)) }
        let syncer = try publisher.syncer(source: nginx.baseURL, now: board)
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        let time = syncer.trustedTime
        #expect(time.warning(board: board())?.contains("behind the time its source vouches for") == true)
        let corrected = time.corrected(board())
        #expect(corrected >= signed.advanced(byNanoseconds: -2_000_000_000))
        #expect(corrected <= SystemNow.now().advanced(byNanoseconds: 2_000_000_000))
        // A second later the next poll is answered 304: the corrected time has moved on with
        // the board's clock, not fallen back to 2001 nor frozen at the last manifest's time.
        usleep(1_100_000)
        #expect(syncer.run() == .upToDate(version: 1, stale: false))
        let again = syncer.trustedTime.corrected(board())
        #expect(again.nanoseconds(since: corrected) >= 1_000_000_000, "\(again) after \(corrected)")
        #expect(again <= SystemNow.now().advanced(byNanoseconds: 2_000_000_000))
        let restarted = try publisher.syncer(source: nginx.baseURL, now: board).trustedTime.corrected(board())
        #expect(restarted >= again)
    }

    /// The same version re-signed with a later expiry keeps a quiet board fresh, also through
    /// the 304s that follow.
    @Test func aResignedVersionKeepsTheBoardFreshThroughLater304s() throws {
        let publisher = try Publisher()
        let first = Fixtures.instant("2026-11-01T08:00:00+07:00")
        try publisher.publish(version: 1, signedAt: first, days: 30)
        let nginx = try Nginx(serving: URL(fileURLWithPath: publisher.out))
        defer { nginx.stop() }
        var clock = Fixtures.instant("2026-11-20T08:00:00+07:00")
        let syncer = try publisher.syncer(source: nginx.baseURL, now: { clock })
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        try publisher.publish(version: 1, signedAt: Fixtures.instant("2026-11-25T08:00:00+07:00"), days: 30)
        #expect(syncer.run() == .upToDate(version: 1, stale: false))
        clock = Fixtures.instant("2026-12-10T08:00:00+07:00")
        #expect(syncer.run() == .upToDate(version: 1, stale: false), "past the first expiry, within the second")
        #expect(try publisher.syncer(source: nginx.baseURL, now: { clock }).run() == .upToDate(version: 1, stale: false))
    }
}
