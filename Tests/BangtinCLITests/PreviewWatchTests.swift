import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCLI

/// `bangtin preview --watch`: the sheet written again on each good save, a broken save's
/// problems printed and the last good sheet left as it was.
@Suite struct PreviewWatchTests {
    @Test func watchIsAFlagOfPlayAndPreview() throws {
        #expect(try PlayCommand.parse(["l.json", "--watch"]).watch)
        #expect(try !PlayCommand.parse(["l.json"]).watch)
        let preview = try PreviewCommand.parse([
            "b", "--from", "2026-11-28T05:00", "--to", "2026-11-28T06:00", "--out", "s.png", "--watch",
        ])
        #expect(preview.watch)
    }

    @Test func goodSavesRewriteTheSheetAndABrokenOneKeepsIt() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("layout.json")
        func save(_ background: String, height: String = #", "height": 64"#) throws {
            try #"""
            {"version": 1, "size": {"width": 192, "height": 64}, "background": "\#(background)", "regions": [
              {"frame": {"x": 0, "y": 0, "width": 192\#(height)}, "items": [{"kind": "text", "duration": 10, "text": "Họp dân"}]}]}
            """#.write(to: file, atomically: true, encoding: .utf8)
        }
        try save("#c00000")
        // The sheet is written inside the watched folder: its own writes must not set it off again.
        let sheet = folder.appendingPathComponent("sheet.png")
        let program = try RunningProgram(
            ["preview", file.path, "--from", "2026-11-28T05:00", "--to", "2026-11-28T06:00", "--out", sheet.path, "--watch"],
            environment: [:])
        defer { if program.process.isRunning { program.signal(SIGKILL) } }
        func writes() -> Int { program.stdout.components(separatedBy: "wrote \(sheet.path)").count - 1 }
        #expect(program.wait(seconds: 30) { program.stdout.contains("watching \(folder.path)") }, "\(program.stderr)")
        #expect(writes() == 1)
        let red = try Data(contentsOf: sheet)

        try save("#00c000", height: "")
        #expect(program.wait(seconds: 10) { program.stdout.contains("kept the last good output") }, "\(program.stderr)")
        #expect(program.stderr.contains("layout.json: regions[0].frame.height: is required"))
        #expect(try Data(contentsOf: sheet) == red, "the last good sheet is left as it was")

        try save("#0000c0")
        #expect(program.wait(seconds: 10) { writes() == 2 }, "\(program.stdout)\n\(program.stderr)")
        #expect(try Data(contentsOf: sheet) != red)
        usleep(1_000_000)
        #expect(writes() == 2, "one rewrite per save: \(program.stdout)")
        #expect(program.process.isRunning)
        program.signal(SIGTERM)
        _ = program.waitForExit(seconds: 10)
    }
}
