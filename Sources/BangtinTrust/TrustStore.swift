import BangtinContent
import BangtinCore
import Crypto
import Foundation

/// The public keys a board trusts, and the one check every signed document passes through.
public struct TrustStore: Sendable {
    /// The trusted keys.
    public let keys: [TrustedKey]

    /// Trusts `keys`.
    public init(keys: [TrustedKey]) { self.keys = keys }

    /// Reads `.pub` files (the configuration's `trust` list, `--trust`).
    /// - Throws: `KeyError` for a missing or malformed file.
    public init(files: [String]) throws(KeyError) {
        var keys: [TrustedKey] = []
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try ContentFile.read(file, kind: .configuration)
            } catch {
                throw KeyError(file: file, reason: error.description)
            }
            keys.append(try TrustedKey.parse(String(decoding: bytes, as: UTF8.self), source: file))
        }
        guard !keys.isEmpty else { throw KeyError(file: "trust", reason: "no public key to trust was given") }
        self.keys = keys
    }

    /// The payload of `envelope` when it is of `payloadType` and carries a valid signature by
    /// a trusted key.
    /// - Throws: `SyncRefusal.untrusted` (unsigned, another key, altered) or `.wrongType`.
    public func verify(_ envelope: SignedEnvelope, payloadType: String) throws(SyncRefusal) -> [UInt8] {
        guard Self.signer(of: envelope, among: keys) != nil else {
            throw .untrusted(keyIDs: envelope.signatures.map(\.keyID), trusted: keys.map(\.id))
        }
        guard envelope.payloadType == payloadType else { throw .wrongType(envelope.payloadType) }
        return envelope.payload
    }

    /// Reads, verifies and decodes a signed manifest.
    /// - Throws: `SyncRefusal` saying why it was refused.
    public func manifest(from bytes: [UInt8]) throws(SyncRefusal) -> Manifest {
        let envelope: SignedEnvelope
        do {
            envelope = try SignedEnvelope.decode(bytes)
        } catch {
            throw .unreadable(error.description)
        }
        let payload = try verify(envelope, payloadType: Manifest.payloadType)
        let (manifest, problems) = Manifest.decode(payload)
        guard let manifest else { throw .badManifest(problems) }
        return manifest
    }
}

extension TrustStore {
    /// The first of `keys` that made a valid signature on `envelope`, whichever signature it
    /// was (the envelope's claimed key ids are not believed).
    public static func signer(of envelope: SignedEnvelope, among keys: [TrustedKey]) -> TrustedKey? {
        let message = envelope.preAuthenticationEncoding
        for signature in envelope.signatures {
            for key in keys {
                guard let publicKey = try? Curve25519.Signing.PublicKey(rawRepresentation: key.raw) else { continue }
                if publicKey.isValidSignature(signature.bytes, for: message) { return key }
            }
        }
        return nil
    }
}
