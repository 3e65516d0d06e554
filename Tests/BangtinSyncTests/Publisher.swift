import BangtinCore
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Logging

/// A province's publishing side for tests: a key, bundle versions made from the demo bundle,
/// packed into a folder that nginx serves or that stands for a USB stick.
final class Publisher {
    let folder: URL
    let key: SigningKey
    let trust: TrustStore
    /// The published folder (`manifest.json`, `files/`).
    var out: String { folder.appendingPathComponent("pub").path }
    var keyPath: String { folder.appendingPathComponent("tinh.key").path }
    /// The bundle's name, as its boards are configured.
    let bundleName = "xa-tan-phu-tuan"

    init() throws {
        folder = try Fixtures.temporaryDirectory()
        key = try KeyFiles.generate(at: folder.appendingPathComponent("tinh.key").path)
        trust = TrustStore(keys: [key.publicKey])
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The demo bundle of Xã Tân Phú with its morning notice saying which version it is.
    func bundle(version: Int, padding: Int = 0) throws -> String {
        let path = folder.appendingPathComponent("bundle-\(version)").path
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.copyItem(atPath: Fixtures.layoutsDirectory + "/xa-tan-phu-tuan", toPath: path)
            let notice = path + "/schedule.json"
            var text = try String(contentsOfFile: notice, encoding: .utf8)
            text = text.replacingOccurrences(of: "../../docs/schedule.schema.json", with: "v\(version)")
            try text.write(toFile: notice, atomically: true, encoding: .utf8)
            if padding > 0 {
                var generator = SystemRandomNumberGenerator()
                let bytes = (0..<padding).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try Data(bytes).write(to: URL(fileURLWithPath: path + "/sang/extra-\(version).bin"))
            }
        }
        return path
    }

    /// Packs version `version` into `out` (or `into`), signed now unless told.
    @discardableResult
    func publish(
        version: Int, padding: Int = 0, into: String? = nil, key signer: SigningKey? = nil,
        signedAt: Instant = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970)),
        days: Int64 = 30
    ) throws -> Manifest {
        let root = try bundle(version: version, padding: padding)
        let files = try FileManager.default.subpathsOfDirectory(atPath: root).map { root + "/" + $0 }
            .filter { !$0.hasSuffix("README.md") && !FileManager.default.isDirectory($0) }
        return try Packer.pack(
            root: root, bundle: bundleName, files: files, key: signer ?? key, version: version, signedAt: signedAt,
            expires: signedAt.advanced(byNanoseconds: days * 86_400 * 1_000_000_000), out: into ?? out
        ).manifest
    }

    /// A cache folder for a board.
    func cache(_ name: String = "cache") -> String { folder.appendingPathComponent(name).path }

    /// A syncer from `source` into `cache`, retrying without waiting.
    func syncer(
        source: String, cache: String? = nil, budget: Int64 = 1 << 30, now: @escaping () -> Instant = SystemNow.now,
        link: LinkOptionsChange = { _ in }
    ) throws -> Syncer {
        var settings = SyncSettings(source: source, bundle: bundleName, cache: cache ?? self.cache(), trust: trust)
        settings.budgetBytes = budget
        settings.minimumFreeBytes = 0
        link(&settings)
        return try Syncer(settings: settings, logger: Fixtures.quietLogger, now: now, sleep: { _ in })
    }
}

typealias LinkOptionsChange = (inout SyncSettings) -> Void

/// The wall clock for tests that do not step it.
enum SystemNow {
    static func now() -> Instant { Instant(nanosecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1e9)) }
}

extension FileManager {
    func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}
