import BangtinNet
import BangtinTestSupport
import Foundation
import Testing

/// Transfers over a bad link: nginx behind the fault proxy.
@Suite struct LinkFaultTests {
    @Test func aStalledLinkTimesOutOnTheLowSpeedLimit() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port, faults: .init(stallAfterBytes: 2_000))
        defer { proxy.stop() }
        var options = LinkOptions()
        options.lowSpeedLimit = 1_000
        options.lowSpeedSeconds = 1
        let transfer = try Transfer(options: options)
        var error: TransferError?
        let elapsed = seconds { error = transfer.fetchError(Request(url: proxy.baseURL + "big.bin")) }
        print("stalled after 2000 bytes: timed out in \(elapsed) s")
        #expect(error?.kind == .timedOut)
        #expect(elapsed < 8)
    }

    @Test func aCutConnectionIsANetworkErrorAndTheNextRequestReconnects() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port, faults: .init(cutAfterBytes: 10_000))
        defer { proxy.stop() }
        let transfer = try Transfer()
        var received = 0
        let error = transfer.fetchError(Request(url: proxy.baseURL + "big.bin")) { piece in
            received += piece.count
            return true
        }
        #expect(error?.kind == .network)
        #expect(received > 0 && received < 10_000)
        proxy.faults = .none
        #expect(
            try transfer.collect(Request(url: proxy.baseURL + "big.bin", rangeFrom: Int64(received))).body
                == Array(Served.big[received...]))
        #expect(proxy.connections == 2)
    }

    @Test func oneTransferKeepsOneConnectionForManyFiles() throws {
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port)
        defer { proxy.stop() }
        let transfer = try Transfer()
        for name in ["small.txt", "big.bin", "small.txt"] {
            #expect(try transfer.collect(Request(url: proxy.baseURL + name)).response.head.status == 200)
        }
        #expect(proxy.connections == 1)
    }

    @Test func theBandwidthCapHoldsBackAFastLink() throws {
        // libcurl 7.88 keeps to the cap by waiting between reads, and each read takes all that
        // has arrived: on loopback a whole body arrives before the first wait. Behind a link of
        // 1 MB/s (50 KB every 50 ms), the first 50 KB must wait a second at 50 KB/s.
        let served = try Served()
        defer { served.stop() }
        let proxy = try FaultProxy(to: served.nginx.port, faults: .init(bytesPerSecond: 1_000_000))
        defer { proxy.stop() }
        var options = LinkOptions()
        options.maxBytesPerSecond = 50_000
        let capped = try Transfer(options: options)
        let uncapped = try Transfer()
        let request = Request(url: proxy.baseURL + "big.bin")
        var bodies = [[UInt8]]()
        let fast = try seconds { bodies.append(try uncapped.collect(request).body) }
        let slow = try seconds { bodies.append(try capped.collect(request).body) }
        #expect(bodies == [Served.big, Served.big])
        print("300 KB over 1 MB/s: \(fast) s; capped at 50 KB/s: \(slow) s")
        #expect(slow >= 0.8)
    }
}
