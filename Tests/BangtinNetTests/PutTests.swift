import BangtinNet
import BangtinTestSupport
import Foundation
import Testing

/// PUTs against a real nginx on loopback with its WebDAV module, as reports go to a source system.
@Suite struct PutTests {
    /// A WebDAV nginx storing into a fresh folder, stopped and removed after `body`.
    func withDAV(locations: String = "", _ body: (Nginx, URL) throws -> Void) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let nginx = try Nginx.webDAV(root: folder, locations: locations)
        defer { nginx.stop() }
        try body(nginx, folder)
    }

    @Test func aPutCreatesTheFileWithExactlyTheBytesAndASecondReplacesIt() throws {
        try withDAV { nginx, folder in
            let transfer = try Transfer()
            let first = Served.pattern(100_000)
            let created = try transfer.put(nginx.baseURL + "b1/plays/1.ndjson", body: first, contentType: "application/x-ndjson")
            #expect(created.head.status == 201)
            #expect(created.wireBytes > 100_000 && created.wireBytes < 101_000, "\(created.wireBytes)")
            let file = folder.appendingPathComponent("b1/plays/1.ndjson")
            #expect(Array(try Data(contentsOf: file)) == first)

            let second = Array("shorter\n".utf8)
            let replaced = try transfer.put(nginx.baseURL + "b1/plays/1.ndjson", body: second, contentType: "text/plain")
            #expect(replaced.head.status == 204)
            #expect(Array(try Data(contentsOf: file)) == second)

            let empty = try transfer.put(nginx.baseURL + "b1/empty", body: [], contentType: "text/plain")
            #expect(empty.head.status == 201)
            #expect(try Data(contentsOf: folder.appendingPathComponent("b1/empty")).isEmpty)

            // The handle goes back to GETs: the file comes back as it was stored.
            #expect(try transfer.get(nginx.baseURL + "b1/plays/1.ndjson").body == second)
            let log = nginx.accessLog { $0.components(separatedBy: "\n").count > 4 }
            #expect(log.contains("\"PUT /b1/plays/1.ndjson HTTP/1.1\" 201"))
            #expect(log.contains("\"GET /b1/plays/1.ndjson HTTP/1.1\" 200"))
        }
    }

    @Test func noExpectContinueAndTheContentTypeAndTokenAreSent() throws {
        // nginx echoes what it received in headers of its answer (an empty one is left out).
        let locations = """
            if ($http_authorization != "Bearer abc") { return 401; }
            add_header X-Got-Expect "$http_expect" always;
            add_header X-Got-Type "$content_type" always;
            """
        try withDAV(locations: locations) { nginx, folder in
            var options = LinkOptions()
            options.bearerToken = "abc"
            let transfer = try Transfer(options: options)
            // Larger than 1 MiB: where curl would otherwise ask "Expect: 100-continue".
            let big = Served.pattern(2_000_000)
            let response = try transfer.put(nginx.baseURL + "big.bin", body: big, contentType: "application/octet-stream")
            #expect(response.head.status == 201)
            #expect(response.head["x-got-expect"] == nil)
            #expect(response.head["x-got-type"] == "application/octet-stream")
            #expect(Array(try Data(contentsOf: folder.appendingPathComponent("big.bin"))) == big)

            let stranger = try Transfer()
            let error = #expect(throws: TransferError.self) {
                try stranger.put(nginx.baseURL + "other.bin", body: [1, 2, 3], contentType: "application/octet-stream")
            }
            #expect(error?.message.contains("401") == true, "\(String(describing: error))")
            #expect(error?.description.contains(nginx.baseURL + "other.bin") == true)
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("other.bin").path))
        }
    }

    @Test func aServerThatRefusesPutsIsAnErrorNamingTheStatus() throws {
        let served = try Served()
        defer { served.stop() }
        let transfer = try Transfer()
        let error = #expect(throws: TransferError.self) {
            try transfer.put(served.url("small.txt"), body: [1], contentType: "text/plain")
        }
        #expect(error?.message.contains("405") == true, "\(String(describing: error))")
        #expect(error?.url == served.url("small.txt"))
        #expect(try Data(contentsOf: served.folder.appendingPathComponent("small.txt")) == Data(Served.small))
        // The same handle still GETs.
        #expect(try transfer.get(served.url("small.txt")).body == Served.small)
    }

    @Test func nothingListeningIsCouldNotConnect() throws {
        let port = try Loopback.freePort()
        let error = #expect(throws: TransferError.self) {
            try Transfer().put("http://127.0.0.1:\(port)/a", body: [1], contentType: "text/plain")
        }
        #expect(error?.kind == .couldNotConnect)
    }
}
