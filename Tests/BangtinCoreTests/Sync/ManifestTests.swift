import BangtinCore
import BangtinTestSupport
import Testing

/// The manifest's JSON: what a board accepts, what it refuses and says why.
@Suite struct ManifestTests {
    static let hash = String(repeating: "ab", count: 32)

    static func sample(version: Int = 3, files: [ManifestFile]? = nil) -> Manifest {
        Manifest(
            bundle: "xa-tan-phu", version: version, signedAt: Fixtures.instant("2026-11-30T08:00:00+07:00"),
            expires: Fixtures.instant("2026-12-30T08:00:00+07:00"),
            files: files ?? [
                ManifestFile(path: "schedule.json", size: 1_918, sha256: hash),
                ManifestFile(path: "sang/layout.json", size: 4_000, sha256: String(repeating: "cd", count: 32)),
            ])
    }

    @Test func encodesAndDecodesTheSameManifest() {
        let manifest = Self.sample()
        let (decoded, problems) = Manifest.decode(manifest.encoded())
        #expect(problems.isEmpty)
        #expect(decoded == manifest)
        #expect(decoded?.files.map(\.path) == ["sang/layout.json", "schedule.json"])
        #expect(manifest.totalBytes == 5_918)
    }

    /// A screenshot request travels in the manifest and back; an id too long is refused by path.
    @Test func carriesAScreenshotRequest() {
        var manifest = Self.sample()
        manifest.screenshotRequest = "phong-vh-0001"
        #expect(String(decoding: manifest.encoded(), as: UTF8.self).contains(#""screenshot": "phong-vh-0001""#))
        #expect(Manifest.decode(manifest.encoded()).manifest == manifest)
        #expect(!String(decoding: Self.sample().encoded(), as: UTF8.self).contains("screenshot"), "absent when not asked")
        manifest.screenshotRequest = String(repeating: "x", count: 101)
        #expect(Manifest.decode(manifest.encoded()).problems.map(\.path) == ["screenshot"])
    }

    @Test(arguments: [
        ("../etc/passwd", "climbs out of the bundle"),
        ("/etc/passwd", "is absolute"),
        ("sang/../../x", "climbs out"),
        ("a//b", "empty or \".\" part"),
        ("./a", "empty or \".\" part"),
        ("a\\b", "backslash"),
        ("manifest.json", "the name of the signed manifest"),
    ])
    func refusesPathsThatEscape(path: String, expected: String) {
        let manifest = Self.sample(files: [
            ManifestFile(path: "schedule.json", size: 1, sha256: Self.hash),
            ManifestFile(path: path, size: 1, sha256: Self.hash),
        ])
        let (decoded, problems) = Manifest.decode(manifest.encoded())
        #expect(decoded == nil)
        #expect(problems.contains { $0.path.hasSuffix(".path") && $0.message.contains(expected) }, "\(problems)")
    }

    @Test func refusesBadHashesSizesAndDuplicates() {
        let text = """
            {"format": "bangtin-manifest/1", "version": 2, "signedAt": "2026-11-30T01:00:00Z",
             "expires": "2026-12-30T01:00:00Z", "files": [
              {"path": "schedule.json", "size": 10, "sha256": "ABCD"},
              {"path": "schedule.json", "size": -1, "sha256": "\(Self.hash)"},
              {"path": "big.png", "size": 999999999999, "sha256": "\(Self.hash)"}]}
            """
        let (decoded, problems) = Manifest.decode(Array(text.utf8))
        #expect(decoded == nil)
        let lines = problems.map(\.description)
        #expect(lines.contains("files[0].sha256: must be 64 lowercase hexadecimal digits"))
        #expect(lines.contains { $0.hasPrefix("files[1].size:") })
        #expect(lines.contains { $0.hasPrefix("files[2].size:") })
        #expect(lines.contains { $0.hasPrefix("files[1].path:") && $0.contains("listed twice") })
    }

    @Test func needsFormatVersionTimesAndASchedule() {
        let text = """
            {"format": "other/2", "version": 0, "signedAt": "2026-11-30T01:00:00", "expires": "2026-11-29T01:00:00Z",
             "files": [{"path": "a.json", "size": 1, "sha256": "\(Self.hash)"}], "extra": 1}
            """
        let (_, problems) = Manifest.decode(Array(text.utf8))
        let lines = problems.map(\.description)
        #expect(lines.contains { $0.hasPrefix("format: unknown format") })
        #expect(lines.contains { $0.hasPrefix("version:") })
        #expect(lines.contains { $0.hasPrefix("signedAt:") && $0.contains("UTC offset") })
        #expect(lines.contains { $0.hasPrefix("extra:") })
    }
}

/// Rollback, frozen servers and reused versions, decided without a network.
@Suite struct ManifestPolicyTests {
    let now = Fixtures.instant("2026-12-01T08:00:00+07:00")

    @Test func newerVersionInstallsOlderIsARollback() {
        let accepted = ManifestTests.sample(version: 5)
        #expect(
            ManifestPolicy.judge(ManifestTests.sample(version: 6), bundle: "xa-tan-phu", accepted: accepted, now: now) == .install
        )
        #expect(ManifestPolicy.judge(ManifestTests.sample(version: 1), bundle: "xa-tan-phu", accepted: nil, now: now) == .install)
        let verdict = ManifestPolicy.judge(ManifestTests.sample(version: 4), bundle: "xa-tan-phu", accepted: accepted, now: now)
        #expect(verdict == .refused(.rollback(offered: 4, accepted: 5)))
        #expect("\(SyncRefusal.rollback(offered: 4, accepted: 5))".contains("older than version 5 already accepted"))
    }

    @Test func anotherBundleSignedByTheSameKeyIsRefused() {
        var neighbour = ManifestTests.sample(version: 99)
        neighbour.bundle = "xa-cam-hai-dong"
        let verdict = ManifestPolicy.judge(neighbour, bundle: "xa-tan-phu", accepted: ManifestTests.sample(version: 5), now: now)
        #expect(verdict == .refused(.wrongBundle(offered: "xa-cam-hai-dong", expected: "xa-tan-phu")))
        #expect("\(SyncRefusal.wrongBundle(offered: "a", expected: "b"))".contains("this board plays \"b\""))
        // A board moved to another bundle does not measure versions against the old one's.
        #expect(
            ManifestPolicy.judge(neighbour, bundle: "xa-cam-hai-dong", accepted: ManifestTests.sample(version: 100), now: now)
                == .install)
    }

    @Test func sameVersionIsCurrentUnlessItsFilesChanged() {
        let accepted = ManifestTests.sample(version: 5)
        var resigned = accepted
        resigned.expires = accepted.expires.advanced(byNanoseconds: 86_400_000_000_000)
        #expect(ManifestPolicy.judge(resigned, bundle: "xa-tan-phu", accepted: accepted, now: now) == .current(stale: false))
        let other = ManifestTests.sample(
            version: 5, files: [ManifestFile(path: "schedule.json", size: 2, sha256: ManifestTests.hash)])
        #expect(ManifestPolicy.judge(other, bundle: "xa-tan-phu", accepted: accepted, now: now) == .refused(.versionReused(5)))
    }

    @Test func expiredIsStaleWhenActiveAndRefusedWhenNew() {
        let late = Fixtures.instant("2027-01-15T08:00:00+07:00")
        let accepted = ManifestTests.sample(version: 5)
        #expect(ManifestPolicy.judge(accepted, bundle: "xa-tan-phu", accepted: accepted, now: late) == .current(stale: true))
        let verdict = ManifestPolicy.judge(ManifestTests.sample(version: 6), bundle: "xa-tan-phu", accepted: accepted, now: late)
        guard case .refused(.expired(let version, _, _)) = verdict else {
            Issue.record("expected an expiry refusal, got \(verdict)")
            return
        }
        #expect(version == 6)
    }
}

/// Retry waits and the board's idea of the time.
@Suite struct SyncTimingTests {
    @Test func backoffGrowsIsCappedAndJittered() {
        let backoff = Backoff(base: .seconds(2), cap: .seconds(60))
        #expect(backoff.delay(attempt: 0, random: 0) == .seconds(1))
        #expect(backoff.delay(attempt: 0, random: 1) == .seconds(2))
        #expect(backoff.delay(attempt: 3, random: 0.5) == .seconds(12))
        #expect(backoff.delay(attempt: 40, random: 1) == .seconds(60))
        #expect(backoff.delay(attempt: 40, random: 0) == .seconds(30))
    }

    @Test func aClockBehindTheSignedTimeIsCorrectedForwardOnly() {
        let signed = Fixtures.instant("2026-11-30T08:00:00+07:00")
        let board = Fixtures.instant("2001-01-01T00:00:00Z")
        var time = TrustedTime()
        time.observeSigned(signed, board: board)
        #expect(time.corrected(board) == signed)
        #expect(time.warning(board: board)?.contains("behind the time its source vouches for") == true)
        // A clock ahead is never moved back, and an old signature does not undo a correction.
        var ahead = TrustedTime()
        let future = Fixtures.instant("2027-06-01T00:00:00Z")
        ahead.observeSigned(signed, board: future)
        #expect(ahead.corrected(future) == future)
        #expect(ahead.warning(board: future) == nil)
    }

    @Test func anUnsignedDateNeverMovesTheClockPastTheNewestSignedTimeAndTenMinutes() {
        let board = Fixtures.instant("2026-11-30T08:00:00+07:00")
        let signed = board.advanced(byNanoseconds: -600 * 1_000_000_000)
        var time = TrustedTime()
        time.observeSigned(signed, board: board)
        // The attack of issue 18: a Date 29 days ahead (pack's default expiry is 30 days).
        let forged = time.observeDateHeader(board.advanced(byNanoseconds: 29 * 86_400 * 1_000_000_000), board: board)
        #expect(!forged)
        #expect(time.corrected(board) == board, "the newest signed time plus ten minutes is not past the board's own clock")
        // A board clock behind, and a Date within ten minutes of the signed time: believed.
        let behind = board.advanced(byNanoseconds: -1_800 * 1_000_000_000)
        let server = signed.advanced(byNanoseconds: 500 * 1_000_000_000)
        let ok1 = time.observeDateHeader(server, board: behind)
        #expect(ok1)
        #expect(time.corrected(behind) == server)
        // NTP came back: the next Date header ends the correction.
        let ok2 = time.observeDateHeader(server, board: server)
        #expect(ok2)
        #expect(time.corrected(server) == server)
        // With nothing signed yet, a Date moves nothing.
        var unsigned = TrustedTime()
        let ok3 = unsigned.observeDateHeader(board.advanced(byNanoseconds: 86_400 * 1_000_000_000), board: board)
        #expect(!ok3)
        #expect(unsigned.corrected(board) == board)
    }

    @Test func aClockLeftIn2001IsRaisedBySignedTimesAndNotPulledBackByADate() {
        let signed = Fixtures.instant("2026-12-08T09:00:00+07:00")
        let board = Fixtures.instant("2001-01-01T00:00:00Z")
        var time = TrustedTime()
        time.observeSigned(signed, board: board)
        #expect(time.corrected(board) == signed)
        // A Date agreeing with the dead clock cannot pull it back below the signed time…
        let ok4 = time.observeDateHeader(board, board: board)
        #expect(ok4)
        #expect(time.corrected(board) == signed)
        // …and one 29 days ahead is ignored.
        let ok5 = time.observeDateHeader(signed.advanced(byNanoseconds: 29 * 86_400 * 1_000_000_000), board: board)
        #expect(!ok5)
        #expect(time.corrected(board) == signed)
    }
}
