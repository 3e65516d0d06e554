import BangtinNet
import BangtinTestSupport
import Foundation
import Testing

/// Transfers against a real nginx on loopback: what a content server does with ranges, ETags,
/// redirects and tokens.
@Suite struct HTTPTransferTests {
    @Test func aFullGetStreamsTheFileAfterItsHead() throws {
        let served = try Served()
        defer { served.stop() }
        let fetched = try Transfer().collect(Request(url: served.url("big.bin")))
        #expect(fetched.body == Served.big)
        #expect(fetched.calls.first == "head" && fetched.calls.filter { $0 == "head" }.count == 1)
        #expect(fetched.calls.count > 2, "streamed in pieces, not whole")
        #expect(fetched.response.head.status == 200)
        #expect(fetched.response.head["Content-Length"] == "300000")
        #expect(fetched.response.head["etag"]?.hasPrefix("\"") == true)
        #expect(fetched.response.bodyBytes == 300_000)
        #expect(fetched.response.wireBytes > 300_000 && fetched.response.wireBytes < 301_000)
    }

    @Test func aRangeResumesWith206() throws {
        let served = try Served()
        defer { served.stop() }
        let fetched = try Transfer().collect(Request(url: served.url("big.bin"), rangeFrom: 100_000))
        #expect(fetched.response.head.status == 206)
        #expect(fetched.response.head["content-range"] == "bytes 100000-299999/300000")
        #expect(fetched.body == Array(Served.big[100_000...]))
        #expect(fetched.response.bodyBytes == 200_000)
    }

    @Test func aRangePastTheEndIs416() throws {
        let served = try Served()
        defer { served.stop() }
        let fetched = try Transfer().collect(Request(url: served.url("big.bin"), rangeFrom: 400_000))
        #expect(fetched.response.head.status == 416)
        #expect(fetched.response.head["content-range"] == "bytes */300000")
    }

    @Test func anUnchangedFileIs304WithNoBody() throws {
        let served = try Served()
        defer { served.stop() }
        let transfer = try Transfer()
        let first = try transfer.collect(Request(url: served.url("big.bin")))
        let tag = try #require(first.response.head["etag"])
        let again = try transfer.collect(Request(url: served.url("big.bin"), ifNoneMatch: tag))
        print("304 for big.bin: \(again.response.wireBytes) bytes on the wire")
        #expect(again.response.head.status == 304)
        #expect(again.calls == ["head"])
        #expect(again.response.bodyBytes == 0 && again.body.isEmpty)
        #expect(again.response.wireBytes > 0 && again.response.wireBytes < 1_000)
        let changed = try transfer.collect(Request(url: served.url("big.bin"), ifNoneMatch: "\"other\""))
        #expect(changed.response.head.status == 200 && changed.body == Served.big)
    }

    @Test func aReceiverStopsTheTransferAndTheHandleGoesOn() throws {
        let served = try Served()
        defer { served.stop() }
        let transfer = try Transfer()
        let request = Request(url: served.url("big.bin"))
        let tag = try #require(try transfer.collect(request).response.head["etag"])
        let error = #expect(throws: TransferError.self) { try transfer.collect(request, stopAfter: 1) }
        #expect(error?.kind == .stoppedByReceiver)
        var bodies = 0
        let refused = #expect(throws: TransferError.self) {
            try transfer.fetch(request, onHead: { $0.status != 200 }) { _ in
                bodies += 1
                return true
            }
        }
        #expect(refused?.kind == .stoppedByReceiver)
        #expect(bodies == 0)
        let noBody = #expect(throws: TransferError.self) {
            try transfer.fetch(Request(url: request.url, ifNoneMatch: tag), onHead: { _ in false }) { _ in true }
        }
        #expect(noBody?.kind == .stoppedByReceiver)
        #expect(try transfer.collect(request).body == Served.big)
    }

    @Test func aClosedPortCannotBeConnectedTo() throws {
        let port = try Loopback.freePort()
        let error = try Transfer().fetchError(Request(url: "http://127.0.0.1:\(port)/big.bin"))
        #expect(error?.kind == .couldNotConnect)
        #expect(error?.description.hasPrefix("http://127.0.0.1:\(port)/big.bin: ") == true)
    }

    @Test func theBearerTokenIsSent() throws {
        let served = try Served()
        defer { served.stop() }
        let request = Request(url: served.url("private/secret.txt"))
        #expect(try Transfer().collect(request).response.head.status == 401)
        var options = LinkOptions()
        options.bearerToken = "wrong"
        #expect(try Transfer(options: options).collect(request).response.head.status == 401)
        options.bearerToken = "xyz"
        let fetched = try Transfer(options: options).collect(request)
        #expect(fetched.response.head.status == 200)
        #expect(fetched.body == Array("mật".utf8))
    }

    @Test func redirectsAreFollowedAndOnlyTheFinalHeadIsShown() throws {
        let served = try Served()
        defer { served.stop() }
        let fetched = try Transfer().collect(Request(url: served.url("moved")))
        #expect(fetched.heads.map(\.status) == [200])
        #expect(fetched.response.head["location"] == nil)
        #expect(fetched.response.head["content-length"] == String(Served.small.count))
        #expect(fetched.body == Served.small)
    }

    @Test func extraHeadersAndIdentityEncodingAreSent() throws {
        let served = try Served()
        defer { served.stop() }
        let transfer = try Transfer()
        #expect(
            try transfer.collect(Request(url: served.url("echo/board"), headers: ["X-Board: hn-042"])).body
                == Array("hn-042".utf8))
        #expect(try transfer.collect(Request(url: served.url("echo/encoding"))).body == Array("identity".utf8))
    }

    @Test func aProxyCarriesTheRequest() throws {
        // nginx answers absolute-form requests as a proxy receives them: pointed at it, curl
        // never resolves the (unresolvable) host of the URL.
        let served = try Served()
        defer { served.stop() }
        var options = LinkOptions()
        options.proxy = "http://127.0.0.1:\(served.nginx.port)"
        let fetched = try Transfer(options: options).collect(Request(url: "http://content.bangtin.invalid/small.txt"))
        #expect(fetched.response.head.status == 200)
        #expect(fetched.body == Served.small)
    }
}
