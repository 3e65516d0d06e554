import BangtinCore
import BangtinReport
import BangtinTestSupport
import Foundation
import Testing

/// The store alone, killed with SIGKILL at random moments while it writes: the test binary
/// runs itself as the child (`crashChild`, with `childVariable` naming the folder).
@Suite struct PlayStoreCrashTests {
    static let childVariable = "BANGTIN_PLAYSTORE_CRASH_CHILD"

    /// The child's body; returns at once in an ordinary run.
    @Test func crashChild() throws {
        guard let folder = ProcessInfo.processInfo.environment[Self.childVariable] else { return }
        try CrashChild(folder: folder).run()
    }

    @Test func everyPlayIsKeptExactlyOnceThroughRepeatedKills() throws {
        guard ProcessInfo.processInfo.environment[Self.childVariable] == nil else { return }
        let root = try Fixtures.temporaryDirectory()
        let journal = root.appendingPathComponent("journal").path
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        var environment = ProcessInfo.processInfo.environment
        environment[Self.childVariable] = root.path
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let before = Self.size(journal)
            let child = try CleanChild(
                executable, ["--testing-library", "swift-testing", "--filter", "PlayStoreCrashTests/crashChild"],
                environment: environment, output: root.appendingPathComponent("out-\(round)").path,
                errors: root.appendingPathComponent("err-\(round)").path)
            // Kill it once it is writing, at a moment nobody chose.
            let started = Date()
            while Self.size(journal) == before, child.isRunning, Date().timeIntervalSince(started) < 60 { usleep(1000) }
            try #require(child.isRunning, "the child ended on its own (round \(round)): see \(root.path)/err-\(round)")
            usleep(UInt32.random(in: 0...150_000, using: &generator))
            child.signal(SIGKILL)
            while child.isRunning { usleep(1000) }
            #expect(child.exitStatus == 128 + SIGKILL)
        }

        let store = try PlayStore(
            folder: root.appendingPathComponent("store").path, board: StorePlays.board, budgetBytes: 1 << 30,
            logger: Fixtures.quietLogger)
        try store.recover()
        // Send what is left as the uploader does: a batch a child wrote to the server but was
        // killed before confirming is pending still, and is sent again under the same name.
        let server = root.appendingPathComponent("server")
        while let batch = try store.nextBatch(maxLines: 5) {
            try Data(batch.body).write(to: server.appendingPathComponent("\(batch.id).ndjson"), options: .atomic)
            try store.confirm(batch.id)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: server.path).filter { $0.hasSuffix(".ndjson") }.sorted()
        var lines: [(sequence: Int64, line: ReportLine)] = []
        for file in files {
            let body = try [UInt8](Data(contentsOf: server.appendingPathComponent(file)))
            let batch = ReportBatch(id: "", body: body, firstSequence: 0, lastSequence: 0, lineCount: 0)
            lines += try StorePlays.lines(batch)
        }
        #expect(try store.backlog().lines == 0)
        #expect(files.count > 3)
        #expect(lines.count > 50)
        // No number lost or repeated, across batches the server holds and what the board still has.
        #expect(lines.map(\.sequence) == Array(1...Int64(lines.count)))
        let plays = lines.compactMap { StorePlays.record($0.line) }
        let names = plays.map { play -> String in
            if case .layout(let name) = play.subject { name } else { "?" }
        }
        #expect(Set(names).count == names.count, "a play was kept twice")
        // Every play the child knew as committed is there.
        let journalLines = try String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n")
        let committed = Set(journalLines.map { String($0.split(separator: " ")[1]) })
        #expect(committed.subtracting(names).isEmpty, "plays lost: \(committed.subtracting(names).sorted())")
        // No moment of board time is claimed by two plays.
        let byStart = plays.sorted { $0.start < $1.start }
        for (a, b) in zip(byStart, byStart.dropFirst()) {
            #expect(a.end <= b.start, "\(a) overlaps \(b)")
        }
        #expect(plays.contains { $0.outcome == .interrupted(.powerLost) })
    }

    static func size(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }
}

/// Writes plays as a player would until killed: a layout on screen saved as in progress, now
/// and then closed together with the next one's start; batches sent to a "server" folder
/// (replaced whole by a rename) and confirmed. Each committed step is appended to a journal.
private struct CrashChild {
    var folder: String

    func run() throws -> Never {
        let store = try PlayStore(
            folder: folder + "/store", board: StorePlays.board, budgetBytes: 1 << 30, logger: Fixtures.quietLogger)
        try store.recover()
        try FileManager.default.createDirectory(atPath: folder + "/server", withIntermediateDirectories: true)
        let journal = open(folder + "/journal", O_WRONLY | O_APPEND | O_CREAT, 0o644)
        precondition(journal >= 0)
        func note(_ text: String) {
            let line = Array((text + "\n").utf8)
            _ = line.withUnsafeBytes { write(journal, $0.baseAddress, $0.count) }
        }
        var current: PlayRecord?
        var step = 0
        while true {
            step += 1
            let now = Self.now()
            if var shown = current, step % 3 != 0 {
                shown.end = now
                try store.write(closed: [], playing: [shown])
                current = shown
                note("saved \(Self.name(shown))")
            } else {
                var closed: [PlayRecord] = []
                if var shown = current {
                    shown.end = now
                    shown.outcome = .completed
                    closed.append(shown)
                }
                let next = PlayRecord(
                    board: StorePlays.board, contentVersion: "v1", entry: nil, subject: .layout("p\(getpid())-\(step)"),
                    start: now, end: now, outcome: .interrupted(.powerLost), brightness: 100, lit: true)
                try store.write(closed: closed, playing: [next])
                current = next
                for play in closed { note("closed \(Self.name(play))") }
                note("saved \(Self.name(next))")
            }
            if step % 7 == 0, let batch = try store.nextBatch(maxLines: 5) {
                let path = folder + "/server/\(batch.id).ndjson"
                try Data(batch.body).write(to: URL(fileURLWithPath: path), options: .atomic)
                try store.confirm(batch.id)
            }
        }
    }

    static func name(_ play: PlayRecord) -> String {
        if case .layout(let name) = play.subject { name } else { "?" }
    }

    static func now() -> Instant {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Instant(secondsSinceEpoch: Int64(time.tv_sec), nanoseconds: Int64(time.tv_nsec))
    }
}
