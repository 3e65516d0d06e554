import BangtinCore
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Testing

/// A signed manifest naming both `x` and `x/y` was accepted, raised the rollback floor, then
/// failed activation at every poll. Now it is refused before its version is believed.
@Suite struct FolderClashSyncTests {
    /// Version `version` of the publisher's bundle with `paths` added, signed by its key and
    /// written as the published manifest, as a hand-made tool might.
    static func publishByHand(_ publisher: Publisher, version: Int, adding paths: [String]) throws {
        let published = try [UInt8](Data(contentsOf: URL(fileURLWithPath: publisher.out + "/manifest.json")))
        var manifest = try #require(Manifest.decode(try SignedEnvelope.decode(published).payload).manifest)
        let sha = String(repeating: "ab", count: 32)
        manifest.version = version
        manifest.files += paths.map { ManifestFile(path: $0, size: 1, sha256: sha) }
        let envelope = try publisher.key.sign(manifest.encoded(), payloadType: Manifest.payloadType)
        try Data(envelope.encoded()).write(to: URL(fileURLWithPath: publisher.out + "/manifest.json"))
    }

    @Test func signedManifestWithAFileAndItsFolderIsRefusedNamingBoth() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        try Self.publishByHand(publisher, version: 5, adding: ["x", "x/y"])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: publisher.out + "/manifest.json")))
        let payload = try SignedEnvelope.decode(bytes).payload
        let problems = Manifest.decode(payload).problems
        #expect(problems.count == 1)
        #expect(problems.first?.message.contains(#""x" is a file and also a folder of "x/y""#) == true, "\(problems)")
        #expect(throws: SyncRefusal.self) { try publisher.trust.manifest(from: bytes) }
    }

    /// The refusal comes before the policy: the state file's floor stays at the version active,
    /// and a later good version below the refused one's number is still taken.
    @Test func syncRefusesItAndTheRollbackFloorIsUnchanged() throws {
        let publisher = try Publisher()
        try publisher.publish(version: 1)
        let syncer = try publisher.syncer(source: publisher.out)
        #expect(syncer.run() == .activated(version: 1, previous: nil))
        let statePath = publisher.cache() + "/state.json"
        let before = try String(contentsOfFile: statePath, encoding: .utf8)
        #expect(before.contains(#""floor": {"bundle": "xa-tan-phu-tuan", "version": 1}"#), "\(before)")

        try Self.publishByHand(publisher, version: 5, adding: ["x", "x/y"])
        let outcome = syncer.run()
        guard case .refused(.badManifest, keeping: 1) = outcome else {
            Issue.record("expected the manifest refused, got \(outcome)")
            return
        }
        #expect("\(outcome)".contains(#""x" is a file and also a folder of "x/y""#), "\(outcome)")
        #expect(try String(contentsOfFile: statePath, encoding: .utf8) == before, "the floor was raised")
        #expect(syncer.run() == outcome, "refused again at the next poll, nothing learnt from it")

        try publisher.publish(version: 2)
        #expect(syncer.run() == .activated(version: 2, previous: 1))
    }
}
