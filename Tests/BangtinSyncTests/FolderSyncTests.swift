import BangtinContent
import BangtinCore
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

/// Sync from a folder (a USB stick): the same format and checks as a URL, no network needed.
@Suite struct FolderSyncTests {
    @Test func firstSyncActivatesAVerifiedBundleFolder() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1)
        let syncer = try publisher.syncer(source: publisher.out)
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        let current = publisher.cache() + "/current"
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: current) == "versions/1")
        #expect(try CacheCheck.verify(current, trust: publisher.trust) == manifest)
        let bundle = try BundleFolder.load(current, fonts: Fixtures.catalog)
        #expect(bundle.layouts.count == 8)
        // Nothing new: up to date, nothing fetched again.
        #expect(syncer.run() == .upToDate(version: 1, stale: false))
    }

    @Test func updatesThenRefusesARollback() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let syncer = try publisher.syncer(source: publisher.out)
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        try publisher.publish(version: 2)
        #expect(syncer.run() == .activated(version: 2, previous: 1))
        let old = publisher.folder.appendingPathComponent("old").path
        try publisher.publish(version: 1, into: old)
        let outcome = try publisher.syncer(source: old).run()
        #expect(outcome == .refused(.rollback(offered: 1, accepted: 2), keeping: 2))
        #expect(
            "\(outcome)" == "manifest refused: version 1 is older than version 2 already accepted (rollback); keeping version 2")
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust).version == 2)
    }

    @Test func anAlteredFileIsRefusedAndTheOldVersionPlays() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let syncer = try publisher.syncer(source: publisher.out)
        #expect(syncer.run().isSuccess)
        let manifest = try publisher.publish(version: 2)
        let schedule = try #require(manifest.files.first { $0.path == "schedule.json" })
        let path = publisher.out + "/files/" + schedule.sha256
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        bytes[10] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let outcome = syncer.run()
        guard case .refused(.fileMismatch(let file, let reason), keeping: 1) = outcome else {
            Issue.record("expected a hash mismatch, got \(outcome)")
            return
        }
        #expect(file == "schedule.json")
        #expect(reason.contains("SHA-256") && reason.contains("altered or corrupted"))
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust).version == 1)
    }

    @Test func anAlteredUnsignedOrForeignManifestIsRefused() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let manifestPath = publisher.out + "/manifest.json"
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: manifestPath)))
        var envelope = try SignedEnvelope.decode(good)

        // Altered: version 1 → 9 in the signed payload.
        var altered = envelope
        altered.payload = Array(
            String(decoding: envelope.payload, as: UTF8.self)
                .replacingOccurrences(of: "\"version\": 1", with: "\"version\": 9").utf8)
        try Data(altered.encoded()).write(to: URL(fileURLWithPath: manifestPath))
        var outcome = try publisher.syncer(source: publisher.out).run()
        #expect("\(outcome)".contains("no valid signature by a trusted key"), "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: publisher.cache() + "/current"))

        // Unsigned.
        envelope.signatures = []
        try Data(envelope.encoded()).write(to: URL(fileURLWithPath: manifestPath))
        outcome = try publisher.syncer(source: publisher.out).run()
        #expect("\(outcome)".contains("is not signed"), "\(outcome)")

        // Signed by a key the board does not trust.
        let stranger = SigningKey(name: "stranger")
        try publisher.publish(version: 1, key: stranger)
        outcome = try publisher.syncer(source: publisher.out).run()
        #expect("\(outcome)".contains("signed with key id \(stranger.publicKey.id)"), "\(outcome)")
        #expect("\(outcome)".contains("trusted: \(publisher.key.publicKey.id)"), "\(outcome)")
    }

    @Test func aSymlinkOnTheStickLeadingOutsideIsRefused() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1)
        let schedule = try #require(manifest.files.first { $0.path == "schedule.json" })
        let outside = publisher.folder.appendingPathComponent("secret.json").path
        let inside = publisher.out + "/files/" + schedule.sha256
        try FileManager.default.moveItem(atPath: inside, toPath: outside)
        try FileManager.default.createSymbolicLink(atPath: inside, withDestinationPath: outside)
        let outcome = try publisher.syncer(source: publisher.out).run()
        #expect("\(outcome)".contains("leads outside the source folder"), "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: publisher.cache() + "/current"))
    }

    @Test func aFileLongerThanItsManifestEntryIsRefused() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1)
        let schedule = try #require(manifest.files.first { $0.path == "schedule.json" })
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: publisher.out + "/files/" + schedule.sha256))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(repeating: 0x20, count: 1_000_000))
        try handle.close()
        let outcome = try publisher.syncer(source: publisher.out).run()
        #expect("\(outcome)".contains("the manifest says \(schedule.size)"), "\(outcome)")
    }

    @Test func aVersionOverTheBudgetIsRefusedBeforeAByteIsFetched() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1, padding: 300_000)
        let syncer = try publisher.syncer(source: publisher.out, budget: 200_000)
        let outcome = syncer.run()
        guard case .refused(.noRoom(let reason), keeping: nil) = outcome else {
            Issue.record("expected no room, got \(outcome)")
            return
        }
        #expect(reason.contains("over its budget of 195.3 KB"), "\(reason)")
        #expect(syncer.wireBytes < 10_000, "read \(syncer.wireBytes) bytes of a \(manifest.totalBytes)-byte bundle")
    }

    @Test func anExpiredManifestIsStaleWhenActiveAndRefusedWhenNew() throws {
        let publisher = try Publisher()
        let signed = Fixtures.instant("2026-11-01T08:00:00+07:00")
        try publisher.publish(version: 1, signedAt: signed, days: 30)
        var clock = Fixtures.instant("2026-11-10T08:00:00+07:00")
        let syncer = try publisher.syncer(source: publisher.out, now: { clock })
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        clock = Fixtures.instant("2026-12-05T08:00:00+07:00")
        let stale = syncer.run()
        #expect(stale == .upToDate(version: 1, stale: true))
        #expect(!stale.isSuccess)
        #expect("\(stale)".contains("STALE"))
        try publisher.publish(version: 2, signedAt: signed, days: 30)
        let outcome = syncer.run()
        #expect("\(outcome)".contains("version 2 expired at 2026-12-01T01:00:00Z"), "\(outcome)")
        #expect("\(outcome)".hasSuffix("keeping version 1"))
    }

    @Test func packRefusesAFileOutsideTheBundle() throws {
        let publisher = try Publisher()
        let root = try publisher.bundle(version: 1)
        let outside = publisher.folder.appendingPathComponent("elsewhere.png").path
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: outside))
        let now = SystemNow.now()
        #expect {
            try Packer.pack(
                root: root, bundle: "xa-tan-phu-tuan", files: [root + "/schedule.json", root + "/../elsewhere.png"],
                key: publisher.key, version: 1,
                signedAt: now, expires: now.advanced(byNanoseconds: 1_000_000_000_000), out: publisher.out)
        } throws: { error in
            "\(error)".contains("lies outside the bundle folder")
        }
    }

    /// Three versions, each with 150 KB of its own, through a 420 KB budget: the first
    /// version's file is evicted to make room for the third (oldest unreferenced first), and the
    /// cache stays within its budget.
    @Test func filesNoVersionNeedsAreEvictedOldestFirstWithinTheBudget() throws {
        let publisher = try Publisher()
        let syncer = try publisher.syncer(source: publisher.out, budget: 420_000)
        var pads: [String] = []
        for version in 1...3 {
            let manifest = try publisher.publish(version: version, padding: 150_000)
            pads.append(try #require(manifest.files.first { $0.path.hasSuffix("extra-\(version).bin") }).sha256)
            #expect(syncer.run() == .activated(version: version, previous: version == 1 ? nil : version - 1))
        }
        let objects = publisher.cache() + "/objects"
        let held = Set(try FileManager.default.contentsOfDirectory(atPath: objects))
        #expect(!held.contains(pads[0]), "version 1's own file was evicted")
        #expect(held.contains(pads[1]) && held.contains(pads[2]), "the active and previous versions' files stay")
        let used = try held.reduce(0) {
            $0 + (try FileManager.default.attributesOfItem(atPath: objects + "/" + $1)[.size] as! Int)
        }
        #expect(used <= 420_000)
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust).version == 3)
        let versions = try FileManager.default.contentsOfDirectory(atPath: publisher.cache() + "/versions").sorted()
        #expect(versions == ["2", "3"], "the previous version's folder is kept until the next sync")
    }

    /// One province key signs every commune's bundle: a neighbour's manifest, however new, is
    /// refused and does not raise this board's rollback floor.
    @Test func anotherCommunesBundleIsRefusedWithoutTouchingTheFloor() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let syncer = try publisher.syncer(source: publisher.out)
        #expect(syncer.run().isSuccess)
        let neighbour = publisher.folder.appendingPathComponent("xa-ben").path
        let root = try publisher.bundle(version: 2)
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).map { root + "/" + $0 }
            .filter { !FileManager.default.isDirectory($0) }
        let now = SystemNow.now()
        _ = try Packer.pack(
            root: root, bundle: "xa-cam-hai-dong", files: files, key: publisher.key, version: 900, signedAt: now,
            expires: now.advanced(byNanoseconds: 86_400_000_000_000), out: neighbour)
        let outcome = try publisher.syncer(source: neighbour).run()
        #expect(outcome == .refused(.wrongBundle(offered: "xa-cam-hai-dong", expected: "xa-tan-phu-tuan"), keeping: 1))
        try publisher.publish(version: 2)
        #expect(syncer.run() == .activated(version: 2, previous: 1), "version 2 is still above the floor")
    }

    /// The player's sync thread and `bangtin sync` from a stick on the same cache: the second
    /// is told another holds the lock, and changes nothing.
    @Test func aSecondSyncOfTheSameCacheWaitsItsTurn() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let syncer = try publisher.syncer(source: publisher.out)
        let lock = open(publisher.cache() + "/lock", O_RDWR | O_CREAT, 0o644)
        defer { close(lock) }
        #expect(flock(lock, LOCK_EX) == 0)
        let outcome = syncer.run()
        #expect("\(outcome)".contains("another sync holds"), "\(outcome)")
        #expect(!FileManager.default.fileExists(atPath: publisher.cache() + "/current"))
        flock(lock, LOCK_UN)
        #expect(syncer.run() == .activated(version: 1, previous: nil))
    }

    /// A file in the store that no longer hashes right (bit rot, an edit through a hard link)
    /// is caught when the version folder is checked before activation, removed, and fetched
    /// again on the next run.
    @Test func aCorruptedStoredFileIsCaughtBeforeActivation() throws {
        let publisher = try Publisher()
        let manifest = try publisher.publish(version: 1)
        let schedule = try #require(manifest.files.first { $0.path == "schedule.json" })
        let objects = publisher.cache() + "/objects"
        try FileManager.default.createDirectory(atPath: objects, withIntermediateDirectories: true)
        try Data(repeating: 0x20, count: Int(schedule.size)).write(to: URL(fileURLWithPath: objects + "/" + schedule.sha256))
        let syncer = try publisher.syncer(source: publisher.out)
        let first = syncer.run()
        #expect("\(first)".contains("not activated"), "\(first)")
        #expect(!FileManager.default.fileExists(atPath: publisher.cache() + "/current"))
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust) == manifest)
    }

    /// A file that is a link inside the bundle is published under the link's own name, which is
    /// the name the layout uses.
    @Test func packPublishesALinkUnderTheNameTheBundleUses() throws {
        let publisher = try Publisher()
        let root = try publisher.bundle(version: 1)
        try FileManager.default.createDirectory(atPath: root + "/chung", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: root + "/toi/layout.json", toPath: root + "/chung/toi.json")
        try FileManager.default.createSymbolicLink(atPath: root + "/toi/layout.json", withDestinationPath: "../chung/toi.json")
        let manifest = try publisher.publish(version: 1)
        #expect(manifest.files.contains { $0.path == "toi/layout.json" })
        let syncer = try publisher.syncer(source: publisher.out)
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        #expect(try BundleFolder.load(publisher.cache() + "/current", fonts: Fixtures.catalog).layouts.count == 8)
    }

    @Test func packRefusesAnOlderOrReusedVersionOverWhatItPublished() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 3)
        #expect {
            try publisher.publish(version: 2)
        } throws: { error in
            "\(error)".contains("already publishes version 3") && "\(error)".contains("--version 4")
        }
        try publisher.publish(version: 3)  // the same files again: a refresh
    }

    /// A signed version whose layouts do not load on this board (made by a tool that skipped
    /// `pack`'s checks) is not activated: the board keeps playing what it had, and says why.
    @Test func aVersionThatDoesNotLoadOnThisBoardIsNotActivated() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let check: @Sendable (String) -> String? = { BundleFolder.problem(loading: $0, fonts: Fixtures.catalog) }
        let syncer = try publisher.syncer(source: publisher.out, link: { $0.checkBundle = check })
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        let root = try publisher.bundle(version: 2)
        try "{ \"version\": 1,".write(toFile: root + "/sang/layout.json", atomically: true, encoding: .utf8)
        try publisher.publish(version: 2)
        let outcome = syncer.run()
        #expect("\(outcome)".contains("version 2 does not load on this board"), "\(outcome)")
        #expect("\(outcome)".contains("sang/layout.json"), "\(outcome)")
        #expect(try CacheCheck.verify(publisher.cache() + "/current", trust: publisher.trust).version == 1)
    }

    /// The key that signed version 2 is rotated out: its manifests no longer verify, but the
    /// floor is a plain number, so version 1 signed by the new key is still a rollback.
    @Test func theRollbackFloorSurvivesAKeyRotation() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 2)
        #expect(try publisher.syncer(source: publisher.out).run().isSuccess)
        let newKey = SigningKey(name: "tinh-2027")
        let old = publisher.folder.appendingPathComponent("old").path
        try publisher.publish(version: 1, into: old, key: newKey)
        var settings = SyncSettings(
            source: old, bundle: publisher.bundleName, cache: publisher.cache(), trust: TrustStore(keys: [newKey.publicKey]))
        settings.minimumFreeBytes = 0
        let rotated = try Syncer(settings: settings, logger: Fixtures.quietLogger, now: SystemNow.now, sleep: { _ in })
        #expect(rotated.run() == .refused(.rollback(offered: 1, accepted: 2), keeping: 2))
    }
}
