import BangtinCore
import Testing

/// The envelope around signed documents (DSSE).
@Suite struct SignedEnvelopeTests {
    /// Lengths count UTF-8 bytes: "Bão số 3" is 11 (ã two bytes, ố three).
    @Test func preAuthenticationEncodingBindsTypeAndPayload() {
        let envelope = SignedEnvelope(payloadType: "t/x", payload: Array("Bão số 3".utf8), signatures: [])
        #expect(String(decoding: envelope.preAuthenticationEncoding, as: UTF8.self) == "DSSEv1 3 t/x 11 Bão số 3")
    }

    @Test func roundTripsThroughJSON() throws {
        let envelope = SignedEnvelope(
            payloadType: Manifest.payloadType, payload: Array("{}".utf8),
            signatures: [.init(keyID: "0123456789abcdef", bytes: Array(repeating: 7, count: 64))])
        #expect(try SignedEnvelope.decode(envelope.encoded()) == envelope)
    }

    @Test(arguments: [
        ("[]", "is not a JSON object"),
        ("{\"payload\": \"e30=\", \"signatures\": []}", "has no payloadType"),
        ("{\"payloadType\": \"x\", \"payload\": \"e30=\", \"signatures\": []}", "is not signed"),
        ("{\"payloadType\": \"x\", \"payload\": \"e30=\"}", "is not signed"),
        ("{\"payloadType\": \"x\", \"payload\": \"%%%\", \"signatures\": [{\"sig\": \"AA==\"}]}", "no base64 payload"),
        ("not json", "is not JSON"),
    ])
    func refusesWhatIsNotAnEnvelope(text: String, expected: String) {
        #expect {
            try SignedEnvelope.decode(Array(text.utf8))
        } throws: { error in
            "\(error)".contains(expected)
        }
    }
}
