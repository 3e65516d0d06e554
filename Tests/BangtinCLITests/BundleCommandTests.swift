import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// `plan`, `preview`, `render --frames` and `validate` on the example commune week.
@Suite struct BundleCommandTests {
    let week = "layouts/xa-tan-phu-tuan"

    @Test func validateAcceptsTheExampleWeek() throws {
        let result = try Program.run(["validate", week])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("ok: \(week)"))
    }

    @Test func planCoversTheDayAndSaysWhy() throws {
        let result = try Program.run(["plan", week, "--day", "2026-11-28"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines[1].hasPrefix("start") && lines[1].contains("why it won"))
        #expect(lines[3].hasPrefix("00:00:00"))
        #expect(lines.last!.split(separator: " ", omittingEmptySubsequences: true)[1] == "00:00:00")  // ends at midnight
        #expect(result.stdout.contains("(interrupt)"))
        #expect(result.stdout.contains("nothing eligible: default layout"))
        let summary = try Program.run(["plan", week, "--day", "2026-11-28", "--summary"])
        #expect(summary.status == 0)
        #expect(summary.stdout.contains("×6/h"))
        #expect(try Program.run(["plan", week, "--day", "2026-02-30"]).status != 0)
    }

    @Test func previewDrawsOneThumbnailPerChange() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("sheet.png").path
        let result = try Program.run([
            "preview", week, "--from", "2026-11-28T05:25", "--to", "2026-11-28T05:45", "--out", out, "--columns", "4",
            "--thumbnail-width", "192",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let bundle = try BundleFolder.load(Fixtures.root.appendingPathComponent(week).path, fonts: Fixtures.catalog)
        let changes = Scheduler(bundle: bundle).changes(
            from: Fixtures.instant("2026-11-28T05:25:00+07:00"), to: Fixtures.instant("2026-11-28T05:45:00+07:00"))
        #expect(result.stdout.contains("\(changes.count) scene changes"))
        #expect(changes.count >= 3)
        let sheet = try Surface.loadARGB(path: out)
        #expect(sheet.size.width == 16 + 4 * (192 + 16))
        // Every thumbnail holds a rendered board, not the sheet's paper colour.
        let paper = Color(red: 0xF2, green: 0xF2, blue: 0xEE)
        for index in 0..<changes.count {
            let x = 16 + index % 4 * (192 + 16) + 96
            let y = 64 + index / 4 * (96 + 44 + 16) + 48
            #expect(sheet.pixel(x: x, y: y) != paper, "thumbnail \(index) is empty")
        }
    }

    @Test func renderFramesOfABundleAnimate() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Program.run([
            "render", week, "--at", "2026-11-28T17:00:20", "--frames", "4", "--fps", "10", "--out", folder.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["frame-00000.png", "frame-00001.png", "frame-00002.png", "frame-00003.png"])
        let first = try Surface.loadARGB(path: folder.appendingPathComponent(files[0]).path)
        let last = try Surface.loadARGB(path: folder.appendingPathComponent(files[3]).path)
        #expect(first.size == PixelSize(width: 384, height: 192))
        #expect(first.argbPixels != last.argbPixels, "the ticker overlay moves between frames")
        // A frame from the command line equals the scheduler's scene rendered in-process (its
        // colours: the file is the board's frame, opaque).
        let bundle = try BundleFolder.load(Fixtures.root.appendingPathComponent(week).path, fonts: Fixtures.catalog)
        let renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        let scene = Scheduler(bundle: bundle).scene(at: Fixtures.instant("2026-11-28T17:00:20+07:00"))
        #expect(renderer.render(scene).argbPixels.map { $0 | 0xFF00_0000 } == first.argbPixels)
    }

    @Test func brokenBundleNamesEachFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"""
        {"version": 1, "size": {"width": 192, "height": 64}, "layouts": {"a": "a/layout.json", "b": "b/layout.json"}, "default": "a",
         "entries": [{"id": "x", "layout": "b", "dayparts": [{"from": "07:00", "to": "7:30"}]}]}
        """#.write(to: folder.appendingPathComponent("schedule.json"), atomically: true, encoding: .utf8)
        let result = try Program.run(["validate", folder.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("schedule.json: entries[0].dayparts[0].to: \"7:30\" is not a time of day"), "\(result.stderr)")
        try #"""
        {"version": 1, "size": {"width": 192, "height": 64}, "layouts": {"a": "a/layout.json"}, "default": "a"}
        """#.write(to: folder.appendingPathComponent("schedule.json"), atomically: true, encoding: .utf8)
        let missing = try Program.run([
            "render", folder.path, "--at", "2026-11-28T07:00:00", "--out", folder.appendingPathComponent("f.png").path,
        ])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("a/layout.json: file not found"), "\(missing.stderr)")
    }
}
