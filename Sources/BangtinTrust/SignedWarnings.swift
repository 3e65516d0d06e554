import BangtinCore

/// Warnings travel as signed envelopes (the same DSSE envelope as bundle manifests): the CAP or
/// JSON document byte for byte, and an Ed25519 signature by a key the board trusts. The MQTT
/// payload, the polled document and the files of an alerts folder are all this envelope.
public enum SignedWarnings {
    /// The payload type of a CAP 1.2 document (its registered media type).
    public static let capType = "application/common-alerting-protocol+xml"
    /// The payload type of a native JSON alert (docs/alerts.md).
    public static let jsonType = "application/vnd.bangtin.alert+json"

    /// Signs a CAP or JSON warning document with a warning key, after checking it decodes and
    /// lies inside the key's scope; or a key list (`WarningKeyList`) with a key that certifies.
    /// - Throws: `WarningRefusal` naming what is wrong with the document or the key.
    public static func sign(_ document: [UInt8], key: SigningKey) throws(WarningRefusal) -> SignedEnvelope {
        guard let scope = key.scope else {
            throw .untrusted(
                "key \(key.publicKey.id) (\(key.name)) has no warning scope, so no board would take what it signs: make a warning key with `bangtin keygen --out NAME --sender … --area …`"
            )
        }
        let payloadType: String
        if isKeyList(document) {
            let (list, problems) = WarningKeyList.decode(document)
            guard let list else { throw .invalid(problems) }
            guard scope.certifies else {
                throw .untrusted("key \(key.publicKey.id) (\(key.name)) may not certify keys (its scope has no \"certifies\")")
            }
            for entry in list.keys where !scope.encloses(entry.scope) {
                throw .untrusted(
                    "the list grants \(entry.name) (\(entry.scope.text)), outside the scope of the signing key (\(scope.text))")
            }
            payloadType = WarningKeyList.payloadType
        } else {
            let (decoded, problems) = WarningDecoder.decode(document)
            guard let message = decoded else { throw .invalid(problems) }
            let signer = WarningAuthority.Signer(keyID: key.publicKey.id, name: key.name, scope: scope)
            // Scope only: where a board stands and the time are the board's to judge.
            if case .failure(let refusal) = WarningAuthority.judge(message, signer: signer, board: BoardArea(), now: message.sent)
            {
                throw .outOfScope(refusal)
            }
            payloadType = type(of: document)
        }
        do {
            return try key.sign(document, payloadType: payloadType)
        } catch {
            throw .unreadable(error.description)
        }
    }

    /// The envelope `bytes` hold.
    /// - Throws: `WarningRefusal.unreadable` when they are not one.
    public static func envelope(_ bytes: [UInt8]) throws(WarningRefusal) -> SignedEnvelope {
        do {
            return try SignedEnvelope.decode(bytes)
        } catch {
            throw .unreadable(error.description)
        }
    }

    /// What a board accepts: the warning inside an envelope with a valid signature by a key in
    /// `trust` (the key that made it is returned, whatever key id the envelope claims). With
    /// no trust (a preview), a bare document or an envelope is read without checking a
    /// signature.
    /// - Throws: `WarningRefusal`: not an envelope, not signed by a trusted key, not a warning.
    public static func open(_ bytes: [UInt8], trust: WarningTrust?) throws(WarningRefusal) -> Opened {
        guard looksLikeEnvelope(bytes) else {
            guard trust == nil else {
                throw .untrusted("not signed: a board takes warnings only in an envelope signed by a trusted key")
            }
            return try decoded(bytes, signedBy: nil)
        }
        let envelope = try envelope(bytes)
        guard [capType, jsonType].contains(envelope.payloadType) else {
            throw .wrongType(PrintableText.escaped(envelope.payloadType))
        }
        guard let trust else { return try decoded(envelope.payload, signedBy: nil) }
        guard let key = trust.signer(of: envelope) else {
            let claimed = envelope.signatures.map { PrintableText.escaped($0.keyID, limit: 40) }
            throw .untrusted(
                "no valid signature by a trusted key for warnings (the envelope claims key id \(claimed.isEmpty ? "none" : claimed.joined(separator: ", ")); trusted: \(trust.keys.map(\.id).joined(separator: ", "))): unsigned, signed by another or a revoked key, or altered"
            )
        }
        return try decoded(envelope.payload, signedBy: key)
    }

    /// Whether a JSON document is a key list rather than a warning.
    public static func isKeyList(_ document: [UInt8]) -> Bool {
        guard let keys = topLevelKeys(document) else { return false }
        return keys.contains("keys") && !keys.contains("identifier")
    }

    /// An opened warning and who signed it.
    public struct Opened: Sendable {
        public var message: WarningMessage
        /// The key whose signature verified (nil when not checked).
        public var signedBy: TrustedKey?

        /// The signer as `WarningAuthority` judges it; nil when not checked.
        public var signer: WarningAuthority.Signer? {
            signedBy.flatMap { key in key.scope.map { WarningAuthority.Signer(keyID: key.id, name: key.name, scope: $0) } }
        }
    }

    private static func decoded(_ document: [UInt8], signedBy: TrustedKey?) throws(WarningRefusal) -> Opened {
        let (message, problems) = WarningDecoder.decode(document)
        guard let message else { throw .invalid(problems) }
        return Opened(message: message, signedBy: signedBy)
    }

    private static func type(of document: [UInt8]) -> String {
        document.first(where: { $0 > 0x20 }) == UInt8(ascii: "{") ? jsonType : capType
    }

    /// A JSON object naming a `payloadType` (a JSON alert never does).
    private static func looksLikeEnvelope(_ bytes: [UInt8]) -> Bool {
        topLevelKeys(bytes)?.contains("payloadType") ?? false
    }

    /// The member names of a JSON object document; nil for anything else (CAP XML).
    private static func topLevelKeys(_ bytes: [UInt8]) -> Set<String>? {
        guard bytes.first(where: { $0 > 0x20 }) == UInt8(ascii: "{"),
            case .object(let members)? = (try? JSONParser.parse(bytes))?.value
        else { return nil }
        return Set(members.map(\.key))
    }
}

/// Why a warning was not accepted; the board logs it and shows nothing of it.
public enum WarningRefusal: Error, Sendable, CustomStringConvertible, Equatable {
    case unreadable(String)
    case untrusted(String)
    case wrongType(String)
    case invalid([Problem])
    case outOfScope(WarningAuthority.Refusal)

    public var description: String {
        switch self {
        case .unreadable(let reason): return "warning refused: \(PrintableText.escaped(reason, limit: 400))"
        case .untrusted(let reason): return "warning refused: \(reason)"
        case .wrongType(let type): return "warning refused: the envelope holds \"\(type)\", not a CAP or JSON warning"
        case .invalid(let problems):
            return "warning refused: "
                + problems.prefix(5).map { PrintableText.escaped($0.description, limit: 400) }.joined(separator: "; ")
        case .outOfScope(let refusal): return refusal.description
        }
    }
}
