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
    /// - Throws: `PackError` for a bundle name that is not a `SafeIdentifier`, a file outside
    ///   the bundle (after symlinks), not a regular file, too large, a path that is a folder of
    ///   another (`x` and `x/y`), or a write that failed.
    public static func pack(
        root: String, bundle: String, files: [String], key: SigningKey, version: Int, signedAt: Instant,
        expires: Instant, out: String, screenshotRequest: String? = nil
    ) throws(PackError) -> Summary {
        if let problem = BundleName.problem(with: bundle, at: "--bundle") { throw PackError(description: problem.description) }
        if let request = screenshotRequest, let problem = TextRules.problem(with: request, maxCharacters: 100) {
            throw PackError(description: "--screenshot: \(problem)")
        }
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
        let namedRoot = URL(fileURLWithPath: root).standardizedFileURL.path
        for file in Set(files).sorted() {
            // Published under the name the bundle uses (a link's own path), read through links
            // whose target lies inside the bundle.
            let named = URL(fileURLWithPath: file).standardizedFileURL.path
            guard named.hasPrefix(namedRoot + "/"), let real = realPath(file), real.hasPrefix(realRoot + "/") else {
                throw PackError(description: "\(file) lies outside the bundle folder \(root): copy it into the bundle first")
            }
            let relative = String(named.dropFirst(namedRoot.count + 1))
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
        // Boards could never write such a bundle out: refused before it is signed.
        if let clash = BundlePath.folderClashes(in: entries.keys.sorted()).first {
            throw PackError(description: "\(root): \(clash.message)")
        }
        let manifest = Manifest(
            bundle: bundle, version: version, signedAt: signedAt, expires: expires, files: Array(entries.values),
            screenshotRequest: screenshotRequest)
        let envelope: SignedEnvelope
        do {
            envelope = try key.sign(manifest.encoded(), payloadType: Manifest.payloadType)
        } catch {
            throw PackError(description: error.description)
        }
        let manifestPath = out + "/manifest.json"
        try checkAgainstPublished(manifest, at: manifestPath)
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

    /// Boards that saw version V refuse another V with other files, or anything older, for
    /// ever: such a publication would split the fleet, so it is refused here. The same files
    /// again (a later expiry) is a refresh.
    private static func checkAgainstPublished(_ manifest: Manifest, at path: String) throws(PackError) {
        guard let bytes = try? ContentFile.read(path, kind: .manifest),
            let envelope = try? SignedEnvelope.decode(bytes),
            let published = Manifest.decode(envelope.payload).manifest, published.bundle == manifest.bundle
        else { return }
        if manifest.version < published.version
            || (manifest.version == published.version && manifest.files != published.files)
        {
            throw PackError(
                description:
                    "\(path) already publishes version \(published.version) of \(published.bundle); boards that have it would refuse version \(manifest.version) with other files: use --version \(published.version + 1) or more"
            )
        }
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
