import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// The kiosk player given hostile content while it runs.
@Suite(.serialized) struct PlayHostileTests {
    /// "until 9999-12-31", the usual "no end", sent by SIGHUP used to kill the player; now it is
    /// activated like any schedule, and SIGTERM still stops the player at once.
    @Test func aScheduleWithNoEndDateIsReloaded() throws {
        let x = try XServer()
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        func schedule(until: String) throws {
            try #"""
            {"version": 1, "size": {"width": 64, "height": 32}, "layouts": {"a": "a/layout.json"}, "default": "a",
             "entries": [{"id": "mai-mai", "layout": "a", "from": "0001-01-01T00:00:00Z", "until": "\#(until)"}]}
            """#.write(to: folder.appendingPathComponent("schedule.json"), atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("a"), withIntermediateDirectories: true)
        try HostileCorpusTests.smallLayout.write(
            to: folder.appendingPathComponent("a/layout.json"), atomically: true, encoding: .utf8)
        try schedule(until: "2030-01-01T00:00:00+07:00")
        let program = try RunningProgram(
            ["play", folder.path, "--window", "borderless", "--renderer", "software"], environment: ["DISPLAY": x.display])
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        try schedule(until: "9999-12-31T00:00:00+07:00")
        program.signal(SIGHUP)
        let reloaded = program.wait(seconds: 15) { program.stderr.components(separatedBy: "content activated").count == 3 }
        #expect(reloaded, "\(program.stderr)")
        #expect(program.process.isRunning, "\(program.stderr)")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0, "\(program.stderr)")
    }
}
