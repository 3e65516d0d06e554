import BangtinTestSupport
import Foundation
import Testing

/// bangtin is not linked against libcurl or libmosquitto (CNetShim loads them on first use):
/// commands that never touch the network start without them and the libraries they bring.
@Suite struct NetworkLibrariesTests {
    /// The libraries the dynamic loader opened for a run, as `LD_DEBUG=libs` reports them.
    static func loaded(_ arguments: [String]) throws -> (result: Program.Result, libraries: Set<String>) {
        let result = try Program.run(arguments, environment: ["LD_DEBUG": "libs"])
        var libraries: Set<String> = []
        for line in result.stderr.split(separator: "\n") where line.contains("find library=") {
            guard let name = line.split(separator: "find library=").last?.split(separator: " ").first else { continue }
            libraries.insert(String(name).trimmingCharacters(in: CharacterSet(charactersIn: ";")))
        }
        return (result, libraries)
    }

    @Test func renderLoadsNeitherCurlNorMosquitto() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (result, libraries) = try Self.loaded([
            "render", "layouts/market-p10-384x192/layout.json", "--at", "2026-11-23T08:05:00+07:00", "--out",
            folder.appendingPathComponent("cho.png").path,
        ])
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        #expect(libraries.contains("libSDL2-2.0.so.0"), "LD_DEBUG=libs is read: \(libraries.sorted())")
        #expect(!libraries.contains { $0.hasPrefix("libcurl") || $0.hasPrefix("libmosquitto") }, "\(libraries.sorted())")
    }

    /// A libcurl that cannot be loaded (here a file that is not a library, found first on
    /// LD_LIBRARY_PATH) is a clear error naming the library and the Debian package, not a crash.
    @Test func aLibcurlThatCannotLoadIsNamed() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let libraries = folder.appendingPathComponent("lib")
        try FileManager.default.createDirectory(at: libraries, withIntermediateDirectories: true)
        try Data("not a library".utf8).write(to: libraries.appendingPathComponent("libcurl.so.4"))
        let key = folder.appendingPathComponent("tinh.key").path
        #expect(try Program.run(["keygen", "--out", key]).status == 0)
        let result = try Program.run(
            [
                "sync", "--source", "http://127.0.0.1:9/", "--bundle", "xa-tan-phu-tuan", "--cache",
                folder.appendingPathComponent("cache").path, "--trust", key + ".pub",
            ], environment: ["LD_LIBRARY_PATH": libraries.path])
        #expect(result.status != 0 && !result.signalled, "\(result.stderr)")
        #expect(result.stderr.contains("error: cannot load libcurl.so.4"), "\(result.stderr)")
        #expect(result.stderr.contains("apt-get install libcurl4"), "\(result.stderr)")
    }
}
