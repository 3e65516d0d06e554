import BangtinNet
import BangtinTestSupport
import Foundation
import Testing

/// The fault proxy itself: it must relay exactly what it does not break.
@Suite struct FaultProxyTests {
    @Test func relaysExactly() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port)
        defer { proxy.stop() }
        let fetched = try Transfer().collect(Request(url: proxy.baseURL + "big.bin"))
        #expect(fetched.body == Served.big)
        // The proxy counts after each send: the client may be done a moment before.
        let deadline = ContinuousClock.now + .seconds(2)
        while proxy.bytesToClient + proxy.bytesFromClient < fetched.response.wireBytes && ContinuousClock.now < deadline {
            usleep(2_000)
        }
        #expect(Int64(proxy.bytesToClient + proxy.bytesFromClient) == fetched.response.wireBytes)
        #expect(proxy.connections == 1)
    }

    @Test func cutsAfterTheGivenBytes() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port, faults: .init(cutAfterBytes: 5_000))
        defer { proxy.stop() }
        var received = 0
        let error = try Transfer().fetchError(Request(url: proxy.baseURL + "big.bin")) { piece in
            received += piece.count
            return true
        }
        #expect(error != nil)
        #expect(proxy.bytesToClient == 5_000)
        #expect(received < 5_000)
    }

    @Test func throttles() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port, faults: .init(bytesPerSecond: 200_000))
        defer { proxy.stop() }
        let transfer = try Transfer()
        var bytes: Int64 = 0
        let elapsed = try seconds {
            bytes = try transfer.collect(Request(url: proxy.baseURL + "big.bin", rangeFrom: 200_000)).response.bodyBytes
        }
        #expect(bytes == 100_000)
        print("100 KB throttled to 200 KB/s: \(elapsed) s")
        #expect(elapsed >= 0.4)
    }

    @Test func delaysConnectionsAndRequests() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port, faults: .init(latency: .milliseconds(200)))
        defer { proxy.stop() }
        let transfer = try Transfer()
        let elapsed = try seconds { _ = try transfer.collect(Request(url: proxy.baseURL + "small.txt")) }
        #expect(elapsed >= 0.35)
    }

    @Test func faultsChangeWhileRunning() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port, faults: .init(stallAfterBytes: 1_000))
        defer { proxy.stop() }
        // The head arrives within the first 1 000 bytes; lifting the stall then lets the rest through.
        let fetched = try Transfer().fetch(
            Request(url: proxy.baseURL + "big.bin"),
            onHead: { _ in
                proxy.faults = .none
                return true
            },
            onBody: { _ in true })
        #expect(fetched.bodyBytes == 300_000)
    }

    @Test func stopsPromptlyAndClosesItsPort() throws {
        let proxy = try FaultProxy(to: try Loopback.freePort())
        #expect(Loopback.accepts(proxy.port))
        let elapsed = seconds { proxy.stop() }
        #expect(elapsed < 1)
        #expect(!Loopback.accepts(proxy.port))
    }
}
