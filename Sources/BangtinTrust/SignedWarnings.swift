import BangtinCore

/// Warnings travel as signed envelopes (the same DSSE envelope as bundle manifests): the CAP or
/// JSON document byte for byte, and an Ed25519 signature by a key the board trusts. The MQTT
/// payload, the polled document and the files of an alerts folder are all this envelope.
public enum SignedWarnings {
    /// The payload type of a CAP 1.2 document (its registered media type).
    public static let capType = "application/common-alerting-protocol+xml"
    /// The payload type of a native JSON alert (docs/alerts.md).
    public static let jsonType = "application/vnd.bangtin.alert+json"

    /// Signs a CAP or JSON warning document, after checking it decodes.
    /// - Throws: `WarningRefusal` naming what is wrong with the document.
    public static func sign(_ document: [UInt8], key: SigningKey) throws(WarningRefusal) -> SignedEnvelope {
        let (message, problems) = WarningDecoder.decode(document)
        guard message != nil else { throw .invalid(problems) }
        do {
            return try key.sign(document, payloadType: type(of: document))
        } catch {
            throw .unreadable(error.description)
        }
    }

    /// What a board accepts: the warning inside an envelope signed by a key in `trust`. With
    /// no trust store (a preview), a bare document or an envelope is read without checking a
    /// signature.
    /// - Throws: `WarningRefusal`: not an envelope, not signed by a trusted key, not a warning.
    public static func open(_ bytes: [UInt8], trust: TrustStore?) throws(WarningRefusal) -> Opened {
        guard looksLikeEnvelope(bytes) else {
            guard trust == nil else {
                throw .untrusted("not signed: a board takes warnings only in an envelope signed by a trusted key")
            }
            return try decoded(bytes, signedBy: nil)
        }
        let envelope: SignedEnvelope
        do {
            envelope = try SignedEnvelope.decode(bytes)
        } catch {
            throw .unreadable(error.description)
        }
        guard [capType, jsonType].contains(envelope.payloadType) else { throw .wrongType(envelope.payloadType) }
        guard let trust else { return try decoded(envelope.payload, signedBy: nil) }
        let keyID: String
        do {
            _ = try trust.verify(envelope, payloadType: envelope.payloadType)
            keyID = envelope.signatures.first.map(\.keyID) ?? ""
        } catch {
            throw .untrusted(error.description)
        }
        return try decoded(envelope.payload, signedBy: keyID)
    }

    /// An opened warning and who signed it.
    public struct Opened: Sendable {
        public var message: WarningMessage
        /// The key id of the signature that verified (nil when not checked).
        public var signedBy: String?
    }

    private static func decoded(_ document: [UInt8], signedBy: String?) throws(WarningRefusal) -> Opened {
        let (message, problems) = WarningDecoder.decode(document)
        guard let message else { throw .invalid(problems) }
        return Opened(message: message, signedBy: signedBy)
    }

    private static func type(of document: [UInt8]) -> String {
        document.first(where: { $0 > 0x20 }) == UInt8(ascii: "{") ? jsonType : capType
    }

    /// A JSON object naming a `payloadType` (a JSON alert never does).
    private static func looksLikeEnvelope(_ bytes: [UInt8]) -> Bool {
        guard bytes.first(where: { $0 > 0x20 }) == UInt8(ascii: "{"),
            case .object(let members)? = (try? JSONParser.parse(bytes))?.value
        else { return false }
        return members.contains { $0.key == "payloadType" }
    }
}

/// Why a warning was not accepted; the board logs it and shows nothing of it.
public enum WarningRefusal: Error, Sendable, CustomStringConvertible, Equatable {
    case unreadable(String)
    case untrusted(String)
    case wrongType(String)
    case invalid([Problem])

    public var description: String {
        switch self {
        case .unreadable(let reason): return "warning refused: \(reason)"
        case .untrusted(let reason): return "warning refused: \(reason)"
        case .wrongType(let type): return "warning refused: the envelope holds \"\(type)\", not a CAP or JSON warning"
        case .invalid(let problems):
            return "warning refused: " + problems.prefix(5).map(\.description).joined(separator: "; ")
        }
    }
}
