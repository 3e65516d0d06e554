import BangtinContent
import BangtinCore
import BangtinTrust
import Foundation

/// Key files on disk: `NAME` (private, mode 0600, never overwritten) and `NAME.pub`.
public enum KeyFiles {
    /// Makes a new key pair at `name` and `name.pub`.
    /// - Throws: `KeyError` when either file exists or cannot be written.
    public static func generate(at name: String, scope: WarningScope? = nil) throws(KeyError) -> SigningKey {
        let key = SigningKey(name: (name as NSString).lastPathComponent, scope: scope)
        for path in [name, name + ".pub"] where FileManager.default.fileExists(atPath: path) {
            throw KeyError(file: path, reason: "exists already; keygen never replaces a key (move it away first)")
        }
        let descriptor = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw KeyError(file: name, reason: String(cString: strerror(errno))) }
        let bytes = Array(key.fileText.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress!, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(name)
            throw KeyError(file: name, reason: "could not be written")
        }
        do {
            try OutputFile.write(Array(key.publicKey.fileText.utf8), to: name + ".pub")
        } catch {
            throw KeyError(file: name + ".pub", reason: error.reason)
        }
        return key
    }

    /// Reads a private key file, refusing one its group or others can open: such a key may
    /// have been copied already, and signing with it would hide that. The error carries
    /// `SecretFiles`' warning (the mode and the chmod that fixes it).
    public static func loadPrivate(_ path: String) throws(KeyError) -> SigningKey {
        var status = stat()
        guard stat(path, &status) == 0 else { throw KeyError(file: path, reason: "no such key file") }
        if let warning = SecretFiles.warning(path: path, holds: "a private key") {
            throw KeyError(file: path, reason: "not used to sign: \(warning)")
        }
        let bytes: [UInt8]
        do {
            bytes = try ContentFile.read(path, kind: .configuration)
        } catch {
            throw KeyError(file: path, reason: error.description)
        }
        return try SigningKey.parse(String(decoding: bytes, as: UTF8.self), source: path)
    }
}
