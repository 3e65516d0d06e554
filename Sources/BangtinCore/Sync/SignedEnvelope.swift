import Foundation

/// A signed document: the payload's exact bytes, what kind of document it is, and signatures
/// over both (DSSE, the Dead Simple Signing Envelope of in-toto and Sigstore). The payload
/// travels as base64, so nothing has to be re-encoded the same way to check a signature.
///
/// ```json
/// {"payloadType": "application/vnd.bangtin.manifest+json",
///  "payload": "<base64>",
///  "signatures": [{"keyid": "<16 hex digits>", "sig": "<base64 Ed25519 signature>"}]}
/// ```
public struct SignedEnvelope: Hashable, Sendable {
    /// One signature and the key it claims to be from.
    public struct Signature: Hashable, Sendable {
        /// The signing key's id (`KeyID`); a hint only, the signature decides.
        public var keyID: String
        /// The raw signature.
        public var bytes: [UInt8]

        /// Creates the signature entry.
        public init(keyID: String, bytes: [UInt8]) {
            self.keyID = keyID
            self.bytes = bytes
        }
    }

    /// The media type of the payload (`Manifest.payloadType`, later alerts').
    public var payloadType: String
    /// The signed document, byte for byte.
    public var payload: [UInt8]
    /// Signatures over `preAuthenticationEncoding`.
    public var signatures: [Signature]

    /// Creates an envelope.
    public init(payloadType: String, payload: [UInt8], signatures: [Signature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// The bytes a signature covers: DSSE's PAE, which binds the type to the payload so a
    /// signed manifest cannot be replayed as another kind of document.
    public var preAuthenticationEncoding: [UInt8] {
        let type = Array(payloadType.utf8)
        return Array("DSSEv1 \(type.count) ".utf8) + type + Array(" \(payload.count) ".utf8) + payload
    }

    /// Reads an envelope, or says what is wrong with it.
    public static func decode(_ bytes: [UInt8]) throws(EnvelopeError) -> SignedEnvelope {
        guard bytes.count <= Limits.manifestBytes else {
            throw EnvelopeError("is \(bytes.count) bytes, over the \(Limits.manifestBytes)-byte limit")
        }
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw EnvelopeError("is not JSON (\(error.description))")
        }
        guard case .object(let members) = root.value else { throw EnvelopeError("is not a JSON object") }
        func string(_ key: String) -> String? {
            guard case .string(let value)? = members.first(where: { $0.key == key })?.value.value else { return nil }
            return value
        }
        guard let type = string("payloadType") else { throw EnvelopeError("has no payloadType") }
        guard let encoded = string("payload"), let payload = Data(base64Encoded: encoded) else {
            throw EnvelopeError("has no base64 payload")
        }
        guard case .array(let nodes)? = members.first(where: { $0.key == "signatures" })?.value.value, !nodes.isEmpty
        else { throw EnvelopeError("is not signed (no signatures)") }
        guard nodes.count <= Limits.signaturesPerEnvelope else {
            throw EnvelopeError("has \(nodes.count) signatures, over \(Limits.signaturesPerEnvelope)")
        }
        var signatures: [Signature] = []
        for node in nodes {
            guard case .object(let fields) = node.value,
                case .string(let sig)? = fields.first(where: { $0.key == "sig" })?.value.value,
                let raw = Data(base64Encoded: sig)
            else { throw EnvelopeError("has a signature without a base64 \"sig\"") }
            var keyID = ""
            if case .string(let id)? = fields.first(where: { $0.key == "keyid" })?.value.value { keyID = id }
            signatures.append(Signature(keyID: keyID, bytes: Array(raw)))
        }
        return SignedEnvelope(payloadType: type, payload: Array(payload), signatures: signatures)
    }

    /// The envelope as JSON text.
    public func encoded() -> [UInt8] {
        let sigs = signatures.map {
            "{\"keyid\": \(JSONText.quoted($0.keyID)), \"sig\": \"\(Data($0.bytes).base64EncodedString())\"}"
        }
        let text = """
            {"payloadType": \(JSONText.quoted(payloadType)),
             "payload": "\(Data(payload).base64EncodedString())",
             "signatures": [\(sigs.joined(separator: ", "))]}

            """
        return Array(text.utf8)
    }
}

/// Why an envelope could not be read.
public struct EnvelopeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What is wrong, to follow "the envelope …".
    public var reason: String
    /// Creates the error.
    public init(_ reason: String) { self.reason = reason }
    public var description: String { "the signed envelope \(reason)" }
}
