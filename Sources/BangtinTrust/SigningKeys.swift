import BangtinCore
import Crypto
import Foundation

/// An Ed25519 public key a board trusts, with its short id.
public struct TrustedKey: Hashable, Sendable {
    /// The 32 raw bytes.
    public var raw: [UInt8]
    /// A name for people (the key file's comment).
    public var name: String
    /// What the key may sign as a warning key (its file's `scope` line, or the board's
    /// `alerts.trust` entry); nil for a content key, which signs no warning.
    public var scope: WarningScope?

    /// Creates the key from its raw bytes.
    public init(raw: [UInt8], name: String, scope: WarningScope? = nil) {
        self.raw = raw
        self.name = name
        self.scope = scope
    }

    /// The first 8 bytes of the key's SHA-256 in hex: what envelopes name as `keyid`.
    public var id: String { SHA256Hex.text(SHA256.hash(data: raw).prefix(8)) }

    /// The key as a `.pub` file: `ed25519 <base64> <name>`, and for a warning key a second
    /// line `scope senders=… areas=… [certifies]`.
    public var fileText: String {
        "ed25519 \(Data(raw).base64EncodedString()) \(name)\n" + (scope.map { "scope \($0.text)\n" } ?? "")
    }

    /// Reads a `.pub` file's text.
    public static func parse(_ text: String, source: String) throws(KeyError) -> TrustedKey {
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).filter {
            !$0.allSatisfy { $0 == " " || $0 == "\t" }
        }
        let parts = (lines.first ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count >= 2, parts[0] == "ed25519", let raw = Data(base64Encoded: String(parts[1])), raw.count == 32
        else {
            throw KeyError(file: source, reason: "is not a bangtin public key (expected \"ed25519 <base64 of 32 bytes> name\")")
        }
        let name = parts.count > 2 ? parts[2...].joined(separator: " ") : (source as NSString).lastPathComponent
        return TrustedKey(raw: Array(raw), name: name, scope: try scopeLine(lines.dropFirst(), source: source))
    }

    /// The optional `scope …` line after a key line (public and private key files).
    static func scopeLine(_ lines: ArraySlice<Substring>, source: String) throws(KeyError) -> WarningScope? {
        guard let line = lines.first else { return nil }
        guard lines.count == 1, line.hasPrefix("scope ") else {
            throw KeyError(file: source, reason: "has a line after the key that is not \"scope senders=… areas=…\"")
        }
        do {
            return try WarningScope.parse(String(line.dropFirst("scope ".count)))
        } catch {
            throw KeyError(file: source, reason: error.description)
        }
    }
}

/// A private key for signing bundles and alerts. Kept in a file of mode 0600.
public struct SigningKey: Sendable {
    /// The 32-byte seed (swift-crypto's key type is not Sendable; it is made when needed).
    private let seed: [UInt8]
    /// The name written into the public key file.
    public let name: String
    /// What it may sign as a warning key (nil: a content key).
    public let scope: WarningScope?

    /// A new random key.
    public init(name: String, scope: WarningScope? = nil) {
        seed = Array(Curve25519.Signing.PrivateKey().rawRepresentation)
        self.name = name
        self.scope = scope
    }

    private init(key: Curve25519.Signing.PrivateKey, name: String, scope: WarningScope?) {
        seed = Array(key.rawRepresentation)
        self.name = name
        self.scope = scope
    }

    // A seed of 32 bytes always makes a key.
    private var key: Curve25519.Signing.PrivateKey { try! Curve25519.Signing.PrivateKey(rawRepresentation: seed) }

    /// The public half.
    public var publicKey: TrustedKey {
        TrustedKey(raw: Array(key.publicKey.rawRepresentation), name: name, scope: scope)
    }

    /// Signs a document of `payloadType` into an envelope.
    public func sign(_ payload: [UInt8], payloadType: String) throws(KeyError) -> SignedEnvelope {
        var envelope = SignedEnvelope(payloadType: payloadType, payload: payload, signatures: [])
        do {
            let signature = try key.signature(for: envelope.preAuthenticationEncoding)
            envelope.signatures = [.init(keyID: publicKey.id, bytes: Array(signature))]
        } catch {
            throw KeyError(file: name, reason: "could not sign: \(error)")
        }
        return envelope
    }

    /// The private key file's text.
    public var fileText: String {
        "bangtin ed25519 private key \(name)\n\(key.rawRepresentation.base64EncodedString())\n"
            + (scope.map { "scope \($0.text)\n" } ?? "")
    }

    /// Reads a private key file's text.
    public static func parse(_ text: String, source: String) throws(KeyError) -> SigningKey {
        let lines = text.split(separator: "\n")
        guard lines.count >= 2, lines[0].hasPrefix("bangtin ed25519 private key"),
            let raw = Data(base64Encoded: String(lines[1]).trimmingCharacters(in: .whitespaces)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw KeyError(file: source, reason: "is not a bangtin private key (made by `bangtin keygen`)") }
        let name = lines[0].dropFirst("bangtin ed25519 private key".count).trimmingCharacters(in: .whitespaces)
        let scope = try TrustedKey.scopeLine(lines.dropFirst(2), source: source)
        return SigningKey(key: key, name: name.isEmpty ? (source as NSString).lastPathComponent : name, scope: scope)
    }
}

/// A key file that could not be used.
public struct KeyError: Error, Sendable, CustomStringConvertible {
    /// The key file.
    public var file: String
    /// What is wrong with it.
    public var reason: String
    /// Creates the error.
    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }
    public var description: String { "\(file): \(reason)" }
}
