import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// The kiosk player syncing from a real nginx while it plays in a real window (Xvfb): the
/// first version replaces the waiting screen, a second takes over at a boundary of the
/// schedule, and no screenshot in between is black.
@Suite(.serialized) struct PlaySyncTests {
    static func bundle(at path: String, background: String, label: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/tin", withIntermediateDirectories: true)
        try #"""
        {"version": 1, "size": {"width": 192, "height": 64}, "timezone": "Asia/Ho_Chi_Minh",
         "layouts": {"tin": {"path": "tin/layout.json"}}, "default": "tin", "entries": []}
        """#.write(toFile: path + "/schedule.json", atomically: true, encoding: .utf8)
        try #"""
        {"version": 1, "size": {"width": 192, "height": 64}, "background": "\#(background)", "regions": [
          {"frame": {"x": 40, "y": 0, "width": 152, "height": 64}, "padding": 2, "items": [
            {"kind": "text", "duration": 1.5, "text": "Họp dân \#(label)", "font": {"family": "Noto Sans", "size": 18}},
            {"kind": "text", "duration": 1.5, "text": "Tiêm chủng \#(label)", "font": {"family": "Noto Sans", "size": 18}}]}]}
        """#.write(toFile: path + "/tin/layout.json", atomically: true, encoding: .utf8)
    }

    /// A signing key and nginx serving a folder that versions of the bundle are packed into.
    struct Source {
        let folder: URL
        let key: String
        let pub: String
        let nginx: Nginx

        init() throws {
            folder = try Fixtures.temporaryDirectory()
            key = folder.path + "/tinh.key"
            pub = folder.path + "/pub"
            #expect(try Program.run(["keygen", "--out", key]).status == 0)
            try FileManager.default.createDirectory(atPath: pub, withIntermediateDirectories: true)
            nginx = try Nginx(serving: URL(fileURLWithPath: pub))
        }

        /// Packs version `version` (its layout on `background`) into the served folder, with
        /// `options` for `pack` (`--screenshot ID`).
        func publish(_ version: Int, _ background: String, _ options: [String] = []) throws {
            let bundle = folder.path + "/bundle-\(version)"
            try PlaySyncTests.bundle(at: bundle, background: background, label: "v\(version)")
            let packed = try Program.run(
                ["pack", bundle, "--key", key, "--version", "\(version)", "--bundle", "cho-tan-phu", "--out", pub] + options)
            #expect(packed.status == 0, "\(packed.stderr)")
        }

        func stop() {
            nginx.stop()
            try? FileManager.default.removeItem(at: folder)
        }
    }

    @Test func thePlayerPicksUpANewVersionWhilePlayingWithNoBlackFrame() throws {
        let x = try XServer()
        let source = try Source()
        defer { source.stop() }
        let (folder, nginx) = (source.folder, source.nginx)
        try source.publish(1, "#c00000")
        let config = folder.path + "/config.json"
        try """
        {"board": "xa-tan-phu-cho", "source": "\(nginx.baseURL)", "bundle": "cho-tan-phu", "cache": "cache", "trust": ["tinh.key.pub"],
         "pollEvery": 10, "window": {"mode": "borderless"}, "renderer": "software", "logLevel": "info"}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let program = try RunningProgram(["play", "--config", config], environment: ["DISPLAY": x.display])
        defer { program.signal(SIGTERM) }
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")

        let red = Color(red: 0xC0, green: 0, blue: 0)
        let blue = Color(red: 0, green: 0, blue: 0xC0)
        var shots = try Screenshots(x)
        let first = shots.until(seconds: 20) { $0 == red }
        #expect(first, "never showed version 1; stderr:\n\(program.stderr)")

        shots.seen = []
        try source.publish(2, "#0000c0")
        // The next poll (every 10 s) fetches it. Every screenshot until version 2 shows is
        // version 1 or 2, never black.
        let second = shots.until(seconds: 40) { $0 == blue }
        #expect(second, "never showed version 2; stderr:\n\(program.stderr)")
        #expect(shots.seen.allSatisfy { $0 == red || $0 == blue }, "\(Set(shots.seen.map(\.description)))")
        #expect(shots.seen.count > 3)
        #expect(program.stderr.contains("version 2 is active"))
        #expect(program.stderr.contains("takes over at"), "\(program.stderr)")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)

        // No network at the next start: the last active version plays at once.
        nginx.stop()
        let offline = try RunningProgram(["play", "--config", config], environment: ["DISPLAY": x.display])
        defer { offline.signal(SIGTERM) }
        #expect(offline.wait(seconds: 30) { offline.stdout.contains("ready: first frame shown") }, "\(offline.stderr)")
        var again = try Screenshots(x)
        let offlineShown = again.until(seconds: 5) { $0 == blue }
        #expect(offlineShown, "\(offline.stderr)")
        #expect(again.seen.allSatisfy { $0 == blue }, "version 2 from the first frame, no waiting screen")
        offline.signal(SIGTERM)
        #expect(offline.waitForExit(seconds: 10) == 0)
    }

    /// The source asks for a screenshot in a manifest (`bangtin pack --screenshot ID`): the
    /// board that takes that version takes one screenshot, once.
    @Test func aManifestFlagAsksForOneScreenshot() throws {
        let x = try XServer()
        let source = try Source()
        defer { source.stop() }
        let (folder, nginx) = (source.folder, source.nginx)
        try source.publish(1, "#c00000")
        let config = folder.path + "/config.json"
        try """
        {"board": "xa-tan-phu-cho", "source": "\(nginx.baseURL)", "bundle": "cho-tan-phu", "cache": "cache", "trust": ["tinh.key.pub"],
         "pollEvery": 10, "report": {"screenshotEvery": 0, "screenshotWidth": 96},
         "window": {"mode": "borderless"}, "renderer": "software", "logLevel": "info"}
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let shot = folder.path + "/cache/report/screen.png"
        let program = try RunningProgram(["play", "--config", config], environment: ["DISPLAY": x.display])
        defer { program.signal(SIGTERM) }
        #expect(program.wait(seconds: 30) { program.stderr.contains("version 1 is active") }, "\(program.stderr)")
        #expect(!FileManager.default.fileExists(atPath: shot), "no screenshot without a request")
        try source.publish(2, "#0000c0", ["--screenshot", "phong-vh-0001"])
        #expect(program.wait(seconds: 40) { FileManager.default.fileExists(atPath: shot) }, "\(program.stderr)")
        #expect(program.stderr.contains("version 2 asks for a screenshot (phong-vh-0001)"))
        let picture = try Surface.loadARGB(path: shot)
        #expect(picture.size.width == 96)
        // Asked once: a poll that finds the same version takes none.
        try FileManager.default.removeItem(atPath: shot)
        // SIGHUP polls at once (loopback answers in milliseconds).
        program.signal(SIGHUP)
        usleep(4_000_000)
        #expect(!FileManager.default.fileExists(atPath: shot), "the same request is not taken twice")
        #expect(program.stderr.components(separatedBy: "asks for a screenshot").count == 2)
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }
}

/// Screenshots of a board's corner pixel, kept for checking afterwards.
struct Screenshots {
    let x: XServer
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("bangtin-sync-\(UUID().uuidString).png").path
    var seen: [Color] = []

    init(_ x: XServer) throws { self.x = x }

    /// Takes screenshots until the corner pixel satisfies `done` or `seconds` pass.
    mutating func until(seconds: Double, _ done: (Color) -> Bool) -> Bool {
        defer { try? FileManager.default.removeItem(atPath: path) }
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            guard (try? x.screenshot(width: 192, height: 64, to: path)) != nil,
                let shot = try? Surface.loadARGB(path: path)
            else { continue }
            let corner = shot.pixel(x: 1, y: 1)
            seen.append(corner)
            if done(corner) { return true }
            usleep(50_000)
        }
        return false
    }
}
