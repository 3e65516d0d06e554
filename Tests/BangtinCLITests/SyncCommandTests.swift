import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

/// `bangtin keygen`, `pack` and `sync` end to end, and crash safety: the sync process killed
/// with SIGKILL at every step of a download and an activation.
@Suite struct SyncCommandTests {
    /// A key and packed versions of the demo bundle (with a file of padding when asked).
    struct Published {
        let folder: URL
        var key: String { folder.appendingPathComponent("tinh.key").path }
        var pub: String { folder.appendingPathComponent("pub").path }
        var cache: String { folder.appendingPathComponent("cache").path }

        init() throws {
            folder = try Fixtures.temporaryDirectory()
            let keygen = try Program.run(["keygen", "--out", key])
            #expect(keygen.status == 0, "\(keygen.stderr)")
            #expect(keygen.stdout.contains("key id"))
        }

        func bundle(_ version: Int, padding: Int = 0) throws -> String {
            let path = folder.appendingPathComponent("bundle-\(version)").path
            try FileManager.default.copyItem(atPath: Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", toPath: path)
            if padding > 0 {
                let bytes = (0..<padding).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
                try Data(bytes).write(to: URL(fileURLWithPath: path + "/sang/ban-do.bin"))
            }
            return path
        }

        func pack(_ version: Int, padding: Int = 0) throws {
            let result = try Program.run([
                "pack", try bundle(version, padding: padding), "--key", key, "--version", "\(version)", "--bundle",
                "xa-tan-phu-tuan",
                "--out", pub,
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }

        func sync(crashAt: Int? = nil) throws -> Program.Result {
            try Program.run(
                [
                    "sync", "--source", pub, "--bundle", "xa-tan-phu-tuan", "--cache", cache, "--trust", key + ".pub",
                    "--min-free-mb", "0",
                ],
                environment: crashAt.map { ["BANGTIN_CRASH_AT": "\($0)"] } ?? [:], timeout: 60)
        }

        /// The active version after verifying it whole (signature, every size and hash).
        func verify() throws -> Int {
            try CacheCheck.verify(cache + "/current", trust: TrustStore(files: [key + ".pub"])).version
        }
    }

    @Test func keygenWritesAPrivateKeyOnlyItsOwnerReadsAndNeverReplacesIt() throws {
        let published = try Published()
        defer { try? FileManager.default.removeItem(at: published.folder) }
        let attributes = try FileManager.default.attributesOfItem(atPath: published.key)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let again = try Program.run(["keygen", "--out", published.key])
        #expect(again.status == 1)
        #expect(again.stderr.contains("exists already; keygen never replaces a key"))
    }

    @Test func packRefusesABundleThatDoesNotValidate() throws {
        let published = try Published()
        defer { try? FileManager.default.removeItem(at: published.folder) }
        let bundle = try published.bundle(1)
        try "{ broken".write(toFile: bundle + "/sang/layout.json", atomically: true, encoding: .utf8)
        let result = try Program.run([
            "pack", bundle, "--key", published.key, "--version", "1", "--bundle", "xa-tan-phu-tuan", "--out", published.pub,
        ])
        #expect(result.status == 1)
        #expect(result.stderr.contains("sang/layout.json"))
        #expect(result.stderr.contains("pack refused: the bundle does not validate"))
        #expect(!FileManager.default.fileExists(atPath: published.pub + "/manifest.json"))
    }

    @Test func syncPrintsPlainProgressAndExitsByOutcome() throws {
        let published = try Published()
        defer { try? FileManager.default.removeItem(at: published.folder) }
        try published.pack(1, padding: 600_000)
        let first = try published.sync()
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("activated version 1"))
        #expect(first.stderr.contains("progress: 100 %"), "\(first.stderr)")
        let again = try published.sync()
        #expect(again.status == 0)
        #expect(again.stdout.contains("up to date: version 1 is active"))
        let verified = try Program.run(
            [
                "sync", "--verify", "--source", published.pub, "--bundle", "xa-tan-phu-tuan", "--cache", published.cache,
                "--trust", published.key + ".pub",
            ])
        #expect(verified.status == 0)
        #expect(verified.stdout.contains("is version 1,") && verified.stdout.contains("files verified"))
        let untrusted = try Program.run(
            [
                "sync", "--source", published.pub, "--bundle", "xa-tan-phu-tuan", "--cache", published.cache, "--trust",
                published.folder.path + "/none.pub",
            ])
        #expect(untrusted.status != 0)
        #expect(untrusted.stderr.contains("none.pub"))
    }

    /// SIGKILL at every crash point of installing version 2 over version 1 (each 32 KB written
    /// to a download, each rename, sync and link of the activation): after every kill the
    /// active version verifies whole and is 1 or 2, and the next run finishes the job.
    @Test func killedAtEveryStepTheCacheHoldsTheOldOrTheNewVersion() throws {
        let published = try Published()
        defer { try? FileManager.default.removeItem(at: published.folder) }
        try published.pack(1)
        #expect(try published.sync().status == 0)
        let snapshot = published.folder.appendingPathComponent("after-v1").path
        try FileManager.default.copyItem(atPath: published.cache, toPath: snapshot)
        try published.pack(2, padding: 2_000_000)

        var kills = 0
        var sawOld = 0
        var sawNew = 0
        for point in 1...400 {
            try FileManager.default.removeItem(atPath: published.cache)
            try FileManager.default.copyItem(atPath: snapshot, toPath: published.cache)
            let run = try published.sync(crashAt: point)
            if !run.signalled {
                #expect(run.status == 0, "\(run.stderr)")
                break
            }
            kills += 1
            let version = try published.verify()
            #expect(version == 1 || version == 2, "after a kill at point \(point)")
            if version == 1 { sawOld += 1 } else { sawNew += 1 }
            // The restart finishes the job from what the killed run left.
            let restart = try published.sync()
            #expect(restart.status == 0, "restart after a kill at point \(point): \(restart.stderr)")
            #expect(try published.verify() == 2)
        }
        #expect(kills >= 50, "only \(kills) crash points")
        #expect(sawOld > 40 && sawNew >= 1, "old \(sawOld), new \(sawNew)")
    }
}
