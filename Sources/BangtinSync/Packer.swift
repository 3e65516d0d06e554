import BangtinContent
import BangtinCore
import BangtinTrust
import Crypto
import Foundation

/// Makes a publishable bundle: every file copied to `files/<sha256>`, then the signed
/// `manifest.json` written last, so a server or stick holding the folder never names a file it
/// does not have. Serve the folder as is, or copy it to a USB stick as is.
public enum Packer {
    /// What `pack` did.
    public struct Summary: Sendable {
        public var manifest: Manifest
        public var copiedFiles: Int
        public var keyID: String
    }

    /// Packs `files` (paths of the bundle's files, as read when it was validated) of the bundle
    /// folder `root` into `out`.
    /// - Throws: `PackError` for a file outside the bundle (after symlinks), not a regular
    ///   file, too large, or a write that failed.
    public static func pack(
        root: String, files: [String], key: SigningKey, version: Int, signedAt: Instant, expires: Instant, out: String
    ) throws(PackError) -> Summary {
        guard (1...Limits.manifestVersion).contains(version) else {
            throw PackError(description: "--version must be 1 to \(Limits.manifestVersion)")
        }
        guard let realRoot = realPath(root) else { throw PackError(description: "\(root): no such bundle folder") }
        var entries: [String: ManifestFile] = [:]
        var copied = 0
        do {
            try FileSystem.makeFolders(out + "/files")
        } catch {
            throw PackError(description: error.description)
        }
        for file in Set(files).sorted() {
            guard let real = realPath(file), real.hasPrefix(realRoot + "/") else {
                throw PackError(description: "\(file) lies outside the bundle folder \(root): copy it into the bundle first")
            }
            let relative = String(real.dropFirst(realRoot.count + 1))
            if let problem = BundlePath.problem(with: relative) { throw PackError(description: "\(file): \(problem)") }
            let bytes: [UInt8]
            do {
                bytes = try ContentFile.read(file, kind: .bundleFile, inside: root, folder: "the bundle folder")
            } catch {
                throw PackError(description: "\(file): \(error)")
            }
            let sha = SHA256Hex.text(SHA256.hash(data: bytes))
            let target = out + "/files/" + sha
            if FileSystem.size(target) != Int64(bytes.count) {
                do {
                    try OutputFile.write(bytes, to: target)
                } catch {
                    throw PackError(description: error.description)
                }
                copied += 1
            }
            entries[relative] = ManifestFile(path: relative, size: Int64(bytes.count), sha256: sha)
        }
        let name = (realRoot as NSString).lastPathComponent
        let manifest = Manifest(
            bundle: name, version: version, signedAt: signedAt, expires: expires, files: Array(entries.values))
        let envelope: SignedEnvelope
        do {
            envelope = try key.sign(manifest.encoded(), payloadType: Manifest.payloadType)
        } catch {
            throw PackError(description: error.description)
        }
        let manifestPath = out + "/manifest.json"
        let previous = modifiedSecond(manifestPath)
        do {
            try OutputFile.write(envelope.encoded(), to: manifestPath)
            // nginx's ETag is the modification time in whole seconds and the size: a manifest
            // replaced within the same second by one of the same size would keep its ETag, and
            // boards would hear "not modified". Written again until its second is new.
            while let previous, modifiedSecond(manifestPath) == previous {
                usleep(200_000)
                try OutputFile.write(envelope.encoded(), to: manifestPath)
            }
        } catch {
            throw PackError(description: error.description)
        }
        return Summary(manifest: manifest, copiedFiles: copied, keyID: key.publicKey.id)
    }

    private static func modifiedSecond(_ path: String) -> Int? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mtim.tv_sec
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why `pack` refused.
public struct PackError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
