// Content sync over bad links, measured against a real nginx on loopback and the tests' fault
// proxy: bytes on the wire for an unchanged poll, a 20 MB bundle of 5 MB files through a link
// that drops every connection after 2 MB (and a client that restarts files from zero, for
// comparison), and a new version activated while the player plays (its frame loop's figures
// over the run). Prints; asserts nothing.
//
//   swift run -c release SyncBench
//   swift run -c release SyncBench --skip-player
import BangtinCore
import BangtinNet
import BangtinPlayer
import BangtinRender
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Logging
import Synchronization

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let skipPlayer = CommandLine.arguments.contains("--skip-player")
let work = try Fixtures.temporaryDirectory().path
defer { try? FileManager.default.removeItem(atPath: work) }
let quiet: Logger = {
    var logger = Logger(label: "sync-bench")
    logger.logLevel = .critical
    return logger
}()
func now() -> Instant { SystemClock.now() }
func seconds(since start: Int64) -> Double { Double(SystemClock.monotonic() - start) / 1e9 }

let key = try KeyFiles.generate(at: work + "/tinh.key")
let trust = TrustStore(keys: [key.publicKey])

/// Copies the demo bundle to `folder` with `extra` files of `size` random bytes under media/.
func makeBundle(_ folder: String, note: String, extra: Int = 0, size: Int = 0) throws -> [String] {
    if !FileManager.default.fileExists(atPath: folder) {
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("layouts/xa-tan-phu-tuan").path, toPath: folder)
    }
    let schedule = folder + "/schedule.json"
    let text = try String(contentsOfFile: schedule, encoding: .utf8)
    // A new $schema value makes a new schedule.json (the player ignores the key).
    let marked = text.replacingOccurrences(
        of: #""\$schema": "[^"]*""#, with: "\"\\$schema\": \"\(note)\"", options: .regularExpression)
    try marked.write(toFile: schedule, atomically: true, encoding: .utf8)
    if extra > 0 {
        try FileManager.default.createDirectory(atPath: folder + "/media", withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        for index in 0..<extra {
            var bytes = [UInt8](repeating: 0, count: size)
            for offset in stride(from: 0, to: size, by: 8) {
                withUnsafeBytes(of: generator.next()) { word in
                    for byte in 0..<min(8, size - offset) { bytes[offset + byte] = word[byte] }
                }
            }
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/media/video-\(index).bin"))
        }
    }
    return try FileManager.default.subpathsOfDirectory(atPath: folder).map { folder + "/" + $0 }
        .filter { path in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
        }
}

@discardableResult
func publish(_ folder: String, version: Int, files: [String], out: String) throws -> Manifest {
    let signed = now()
    return try Packer.pack(
        root: folder, bundle: "xa-tan-phu-tuan", files: files, key: key, version: version, signedAt: signed,
        expires: signed.advanced(byNanoseconds: 30 * 86_400 * 1_000_000_000), out: out
    ).manifest
}

func syncer(_ source: String, cache: String, attempts: Int = 6) throws -> Syncer {
    var settings = SyncSettings(source: source, bundle: "xa-tan-phu-tuan", cache: cache, trust: trust)
    settings.minimumFreeBytes = 0
    settings.attemptsPerFile = attempts
    return try Syncer(settings: settings, logger: quiet, now: now, sleep: { _ in })
}

print("bangtin content sync: nginx on loopback, \(CurlRuntime.version)")

// 1. An unchanged poll.
do {
    let pub = work + "/pub-demo"
    let manifest = try publish(work + "/demo", version: 1, files: try makeBundle(work + "/demo", note: "v1"), out: pub)
    let nginx = try Nginx(serving: URL(fileURLWithPath: pub))
    defer { nginx.stop() }
    let proxy = try FaultProxy(to: nginx.port, faults: FaultProxy.Faults())
    defer { proxy.stop() }
    let board = try syncer(proxy.baseURL, cache: work + "/cache-demo")
    let first = board.run()
    let before = (proxy.bytesToClient, proxy.bytesFromClient, board.wireBytes)
    let again = board.run()
    let down = proxy.bytesToClient - before.0
    let up = proxy.bytesFromClient - before.1
    print(
        """
        unchanged poll (demo bundle, \(manifest.files.count) files, \(manifest.totalBytes) bytes; first sync: \(first)):
          \(again): \(up + down) bytes on the wire (\(up) up, \(down) down; curl counts \(board.wireBytes - before.2)); target < 1 KB: \(up + down < 1024 ? "met" : "missed")
        """)
}

// 2. A 20 MB bundle of 5 MB files through a link that drops every connection after 2 MB.
do {
    let folder = work + "/big"
    let pub = work + "/pub-big"
    let manifest = try publish(folder, version: 1, files: try makeBundle(folder, note: "big", extra: 4, size: 5 << 20), out: pub)
    let nginx = try Nginx(serving: URL(fileURLWithPath: pub))
    defer { nginx.stop() }
    var faults = FaultProxy.Faults()
    faults.cutAfterBytes = 2 << 20
    let proxy = try FaultProxy(to: nginx.port, faults: faults)
    defer { proxy.stop() }
    let board = try syncer(proxy.baseURL, cache: work + "/cache-big", attempts: 20)
    let start = SystemClock.monotonic()
    let outcome = board.run()
    let elapsed = seconds(since: start)
    let ratio = Double(proxy.bytesToClient) / Double(manifest.totalBytes)
    print(
        """
        \(manifest.totalBytes / 1_000_000) MB bundle (\(manifest.files.count) files, four of 5 MB), every connection dropped after 2 MB:
          \(outcome) in \(String(format: "%.1f", elapsed)) s over \(proxy.connections) connections
          \(proxy.bytesToClient) bytes down for \(manifest.totalBytes): \(String(format: "%.3f", ratio)) × the bundle; target < 1.05: \(ratio < 1.05 ? "met" : "missed")
        """)
    // A client that restarts a file from zero on every cut: 5 tries at each 5 MB file.
    let transfer = try Transfer()
    var finished = 0
    let naiveStart = proxy.bytesToClient
    for file in manifest.files where file.size == 5 << 20 {
        for _ in 0..<5 {
            var received: Int64 = 0
            let response = try? transfer.fetch(
                Request(url: proxy.baseURL + "files/" + file.sha256), onHead: { _ in true },
                onBody: {
                    received += Int64($0.count); return true
                })
            if response != nil && received == file.size {
                finished += 1
                break
            }
        }
    }
    print(
        "  a client restarting files from zero: \(finished) of 4 files after 5 tries each, \(proxy.bytesToClient - naiveStart) bytes down"
    )
}

// 3. A new version activated while the player plays.
if !skipPlayer {
    setenv("SDL_VIDEODRIVER", "offscreen", 1)
    let folder = work + "/live"
    let pub = work + "/pub-live"
    try publish(folder, version: 1, files: try makeBundle(folder, note: "v1"), out: pub)
    let nginx = try Nginx(serving: URL(fileURLWithPath: pub))
    defer { nginx.stop() }
    let cache = work + "/cache-live"
    _ = try syncer(nginx.baseURL, cache: cache).run()
    let lines = LogLines()
    var logger = Logger(label: "bench") { _ in lines }
    logger.logLevel = .info
    var config = PlayerConfig()
    config.board = "bench-sync"
    config.source = nginx.baseURL
    config.bundle = "xa-tan-phu-tuan"
    config.cache = cache
    config.trust = [work + "/tinh.key.pub"]
    config.pollEvery = 10
    config.window = .borderless
    config.renderer = .software
    config.statsEvery = 120
    let recorder = InMemoryRecorder()
    let fonts = try FontLibrary(directory: root.appendingPathComponent("fonts").path)
    let player = BoardPlayer(
        options: PlayerOptions(config: config, configPath: nil, clock: .wall, seconds: 40, recorder: recorder),
        fonts: fonts, logger: logger)
    let publisher = Thread {
        Thread.sleep(forTimeInterval: 5)
        _ = try? publish(folder, version: 2, files: (try? makeBundle(folder, note: "v2")) ?? [], out: pub)
    }
    publisher.start()
    try player.run()
    func between(_ from: String, _ to: String) -> String {
        guard let a = lines.first(after: 0, containing: from), let b = lines.first(after: 0, containing: to) else {
            return "never"
        }
        return String(format: "%.0f ms", Double(b - a) / 1e6)
    }
    if let figures = recorder.statuses.last?.frames {
        print(
            """
            new version while playing (demo bundle on the LED board, 40 s, polls every 10 s, v2 published at 5 s):
              the poll that found it: accepted to active in the cache \(between("version 2 accepted", "version 2 is active at")); active to loaded and prepared (preparation thread) \(between("version 2 is active at", "takes over at")); then shown at the next boundary of the schedule
              \(lines.firstLine(containing: "takes over at") ?? "never held for a boundary")
              frame work over the run: p50 \(figures.p50Milliseconds) ms, p99 \(figures.p99Milliseconds) ms, max \(figures.maxMilliseconds) ms (CPU \(figures.maxCPUMilliseconds) ms) over \(figures.frames) frames; budget 1 ms at 384×192: \(figures.maxCPUMilliseconds <= 1 ? "met" : "missed")
              late frames: \(figures.lateByPlayer) by the player, \(figures.lateByMachine) by the machine
            """)
    }
}
