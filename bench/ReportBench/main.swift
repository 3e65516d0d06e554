// Proof of play on the board, measured:
//  1. what recording costs the frame loop: the time of `record`/`playing` calls as the loop
//     makes them (the disk write runs on the recorder's own thread), and the player's frame
//     times on the LED board with and without a record store;
//  2. a 7-day backlog of a board changing items every 10 s (a week offline): the time to write
//     it into the store, and the time and bytes to upload it to nginx (WebDAV) on loopback, with
//     what that takes on a 3G link at 1 Mbit/s.
// Prints; asserts nothing.
//
//   swift run -c release ReportBench                 # both parts, 2 minutes of player per run
//   swift run -c release ReportBench --minutes 5
import BangtinCore
import BangtinNet
import BangtinPlayer
import BangtinRender
import BangtinReport
import BangtinTestSupport
import Foundation
import Logging

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let arguments = Array(CommandLine.arguments.dropFirst())
let minutes = arguments.firstIndex(of: "--minutes").flatMap { Double(arguments[$0 + 1]) } ?? 2
if ProcessInfo.processInfo.environment["DISPLAY"] == nil { setenv("SDL_VIDEODRIVER", "offscreen", 1) }
var logger = Logger(label: "bench")
logger.logLevel = .warning
let zone = TimeZone(identifier: "Asia/Ho_Chi_Minh")!
let work = try Fixtures.temporaryDirectory()
defer { try? FileManager.default.removeItem(at: work) }

func milliseconds(_ nanoseconds: Int64) -> String { String(format: "%.3f ms", Double(nanoseconds) / 1e6) }
func percentile(_ sorted: [Int64], _ p: Double) -> Int64 { sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] }
func now() -> Int64 { Int64(DispatchTime.now().uptimeNanoseconds) }

// MARK: 1a. The calls the frame loop makes

let start = try Instant.parse("2026-11-28T18:55:00", localZone: zone)
let store = try PlayStore(folder: work.path + "/calls", board: "bench", budgetBytes: 64 << 20, logger: logger)
let recorder = DiskRecorder(store: store, logger: logger)
var calls: [Int64] = []
for index in 0..<20_000 {
    let at = start.advanced(byNanoseconds: Int64(index) * 10_000_000_000)
    let play = PlayRecord(
        board: "bench", contentVersion: "12", entry: "tin-toi",
        subject: .item(layout: "toi", region: "thong-bao", index: index % 5),
        start: at, end: at.advanced(byNanoseconds: 10_000_000_000), outcome: .completed, brightness: 100, lit: true)
    var next = play
    next.start = play.end
    next.outcome = .interrupted(.powerLost)
    let before = now()
    recorder.record(play)
    recorder.playing([next])
    calls.append(now() - before)
    if index % 100 == 0 { usleep(1_000) }  // the loop does not record back to back
}
_ = recorder.flush(timeout: .seconds(60))
recorder.stop()
calls.sort()
print(
    "recording on the frame loop (record + playing, 20,000 item changes): p50 \(milliseconds(percentile(calls, 0.5))), p99 \(milliseconds(percentile(calls, 0.99))), max \(milliseconds(calls.last!))"
)

// MARK: 1b. The player's frames with and without a record store

let fonts = try FontLibrary(directory: root.appendingPathComponent("fonts").path)
for withStore in [false, true] {
    var config = PlayerConfig()
    config.board = "bench-led"
    config.content = root.appendingPathComponent("layouts/xa-tan-phu-tuan").path
    config.window = .borderless
    config.renderer = .software
    config.statsEvery = Int(minutes * 60) + 60
    if withStore {
        config.report.isConfigured = true
        config.report.store = work.path + "/player-\(withStore)"
        config.report.every = 3_600
        config.report.screenshotEvery = 0
    }
    let memory = InMemoryRecorder()
    let player = BoardPlayer(
        options: PlayerOptions(
            config: config, configPath: nil, clock: .startingAt(start), seconds: minutes * 60, recorder: memory),
        fonts: fonts, logger: logger)
    try player.run()
    guard let figures = memory.statuses.last?.frames else { continue }
    let lines = withStore ? (try PlayStore.readBacklog(folder: work.path + "/player-\(withStore)")).lines : 0
    print(
        "player on the LED board, \(minutes) min, \(withStore ? "records to the store (\(lines) lines written)" : "no record store"): frame work p50 \(figures.p50Milliseconds) ms, p99 \(figures.p99Milliseconds) ms, max \(figures.maxMilliseconds) ms (CPU \(figures.maxCPUMilliseconds) ms), \(figures.lateByPlayer) late by the player"
    )
}

// MARK: 2. A week offline

let week = 7 * 86_400 / 10
let backlogStore = try PlayStore(
    folder: work.path + "/week", board: "cho-tan-phu-01", budgetBytes: 256 << 20, batchLines: 2_000, logger: logger)
let writeStart = now()
var pending: [PlayRecord] = []
for index in 0..<week {
    let at = start.advanced(byNanoseconds: Int64(index) * 10_000_000_000)
    pending.append(
        PlayRecord(
            board: "cho-tan-phu-01", contentVersion: "12", entry: "tin-sang",
            subject: .item(layout: "sang", region: "thong-bao", index: index % 6), start: at,
            end: at.advanced(byNanoseconds: 10_000_000_000), outcome: .completed, brightness: 80, lit: true))
    if index % 6 == 5 {
        pending.append(
            PlayRecord(
                board: "cho-tan-phu-01", contentVersion: "12", entry: "tin-sang", subject: .layout("sang"),
                start: at.advanced(byNanoseconds: -50_000_000_000), end: at.advanced(byNanoseconds: 10_000_000_000),
                outcome: .completed, brightness: 80, lit: true))
    }
    // One write per change, as the recorder's thread does when the loop hands it one.
    try backlogStore.write(closed: pending, playing: [])
    pending.removeAll(keepingCapacity: true)
}
let writeTime = now() - writeStart
let backlog = try backlogStore.backlog()
print(
    "a week of a board changing items every 10 s: \(backlog.lines) lines, \(backlog.bytes) bytes (\(backlog.bytes / Int64(backlog.lines)) a line); written one change at a time in \(milliseconds(writeTime)) (\(milliseconds(writeTime / Int64(week))) a change)"
)

let served = work.appendingPathComponent("served")
try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
let nginx = try Nginx.webDAV(root: served)
defer { nginx.stop() }
let uploader = try ReportUploader(
    baseURL: nginx.baseURL, board: "cho-tan-phu-01", link: LinkOptions(), source: backlogStore, logger: logger)
let uploadStart = now()
uploader.start()
while (try backlogStore.backlog()).lines > 0 { usleep(5_000) }
let uploadTime = now() - uploadStart
uploader.stop()
let snapshot = uploader.snapshot
let seconds3G = Double(snapshot.wireBytes) * 8 / 1_000_000
print(
    "uploaded to nginx on loopback: \(snapshot.batchesSent) batches, \(snapshot.bodyBytesSent) body bytes, \(snapshot.wireBytes) bytes on the wire, in \(milliseconds(uploadTime)); at 1 Mbit/s (3G) that is about \(Int(seconds3G)) s of link time"
)
// The same batches as report.gzip sends them.
var gzipBytes = 0
var gzipTime: Int64 = 0
let batchFolder = served.appendingPathComponent("cho-tan-phu-01/plays").path
for name in try FileManager.default.contentsOfDirectory(atPath: batchFolder) {
    let body = Array(try Data(contentsOf: URL(fileURLWithPath: batchFolder + "/" + name)))
    let t0 = now()
    gzipBytes += Gzip.compress(body).count
    gzipTime += now() - t0
}
print(
    "with report.gzip: \(gzipBytes) body bytes (\(String(format: "%.1f", Double(snapshot.bodyBytesSent) / Double(max(1, gzipBytes))))× fewer), compressed in \(milliseconds(gzipTime)) on the uploader's thread; about \(Int(Double(gzipBytes) * 8 / 1_000_000)) s at 1 Mbit/s"
)
