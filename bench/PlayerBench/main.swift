// Long-run benchmark of the kiosk player's frame loop: plays content for minutes of real time
// through the same driver as `bangtin play` (its window on $DISPLAY, or SDL's offscreen video
// driver without one), sends it a SIGHUP half-way, and prints the frame loop's own work per
// frame (p50, p99, max; its sleep excluded) and the late frames by cause: the player's (its
// work over budget) or the machine's (woken late, its thread pre-empted). Prints; asserts nothing.
//
//   swift run -c release PlayerBench                       # both boards, 10 minutes each
//   swift run -c release PlayerBench --minutes 1 --board led
//   swift run -c release PlayerBench --no-prepare          # text set and pictures decoded on the loop
import BangtinCore
import BangtinPlayer
import BangtinRender
import Foundation
import Logging

struct Board {
    var name: String
    var content: String
    var at: String
    /// The issue's ceiling on one frame's work, in milliseconds.
    var target: Double
}

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String] = Array(CommandLine.arguments.dropFirst())) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let minutes = Double(option("--minutes") ?? "10") ?? 10
let only = option("--board")
let prepare = !arguments.contains("--no-prepare")
let boards = [
    // The demo bundle on a P10 LED wall: fades, slides, an interrupt, a ticker overlay; from
    // the evening notices into the province campaign at 19:00.
    Board(name: "led", content: "layouts/xa-tan-phu-tuan", at: "2026-11-28T18:55:00+07:00", target: 1),
    // The district LCD: pictures and notices changing, a clock, a ticker across the bottom.
    Board(
        name: "lcd", content: "layouts/district-lcd-1920x1080/layout.json", at: "2026-11-23T08:05:00+07:00", target: 4),
].filter { only == nil || $0.name == only }

if ProcessInfo.processInfo.environment["DISPLAY"] == nil {
    setenv("SDL_VIDEODRIVER", "offscreen", 1)
}
var logger = Logger(label: "bench")
logger.logLevel = ProcessInfo.processInfo.environment["BENCH_LOG"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
let fonts = try FontLibrary(directory: root.appendingPathComponent("fonts").path)

print(
    "bangtin player long run: \(minutes) min per board, SIGHUP half-way, preparation thread \(prepare ? "on" : "off"), video \(ProcessInfo.processInfo.environment["DISPLAY"].map { "X \($0)" } ?? "offscreen")"
)
for board in boards {
    var config = PlayerConfig()
    config.board = "bench-\(board.name)"
    config.content = root.appendingPathComponent(board.content).path
    config.window = .borderless
    config.renderer = .software
    config.statsEvery = Int(minutes * 60) + 60
    let start = try Instant.parse(board.at, localZone: TimeZone(identifier: "Asia/Ho_Chi_Minh")!)
    let recorder = InMemoryRecorder()
    let player = BoardPlayer(
        options: PlayerOptions(
            config: config, configPath: nil, clock: .startingAt(start), seconds: minutes * 60, recorder: recorder,
            preparesAhead: prepare),
        fonts: fonts, logger: logger)
    let reload = Thread {
        Thread.sleep(forTimeInterval: minutes * 30)
        kill(getpid(), SIGHUP)
    }
    reload.start()
    try player.run()
    guard let figures = recorder.statuses.last?.frames else { continue }
    let plays = recorder.plays
    let work = player.renderWork
    print(
        """
        \(board.name) \(board.content) from \(board.at):
          frame work: p50 \(figures.p50Milliseconds) ms, p99 \(figures.p99Milliseconds) ms, max \(figures.maxMilliseconds) ms over \(figures.frames) frames
          the loop's own work on its longest frame (CPU time of its thread): \(figures.maxCPUMilliseconds) ms; target ≤ \(board.target) ms: \(figures.maxCPUMilliseconds <= board.target ? "met" : "missed") (in wall time, which counts the machine's pauses too: \(figures.maxMilliseconds <= board.target ? "met" : "missed"))
          late frames: \(figures.lateByPlayer + figures.lateByMachine) (\(figures.lateByPlayer) by the player's work, \(figures.lateByMachine) by the machine: woken late or pre-empted)
          prepared off the loop and uploaded: \(work.uploads); set or decoded on the loop: \(work.unprepared)
          play records: \(plays.count) (\(plays.filter { $0.outcome == .completed }.count) completed)
        """)
}

var usage = rusage()
getrusage(RUSAGE_SELF.rawValue, &usage)
print(String(format: "peak resident memory of the whole run: %.0f MB", Double(usage.ru_maxrss) / 1024))
