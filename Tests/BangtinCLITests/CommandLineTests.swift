import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCLI

@Suite struct CommandParsingTests {
    @Test func renderTakesLayoutInstantAndOutput() throws {
        let command = try RenderCommand.parse(["l.json", "--at", "2026-11-23T08:05:00+07:00", "--out", "f.png", "--fonts", "/f"])
        #expect(command.content == "l.json")
        #expect(command.at == "2026-11-23T08:05:00+07:00")
        #expect(command.out == "f.png")
        #expect(command.options.fonts == "/f")
        #expect(throws: (any Error).self) { try RenderCommand.parse(["l.json", "--at", "x"]) }  // --out is required
    }

    @Test func validateTakesSeveralLayouts() throws {
        #expect(try ValidateCommand.parse(["a.json", "b.json"]).contents == ["a.json", "b.json"])
    }

    @Test func syncTakesItsLinkOptions() throws {
        let sync = try SyncCommand.parse([
            "--source", "https://tinh.example.vn/bangtin/", "--bundle", "xa-tan-phu", "--cache", "/var/lib/bangtin/cache",
            "--trust", "a.pub",
            "--trust", "b.pub", "--max-rate-kb", "64", "--proxy", "http://10.0.0.1:3128",
        ])
        #expect(sync.link.trust == ["a.pub", "b.pub"])
        #expect(sync.link.maxRateKb == 64)
        #expect(throws: (any Error).self) { try SyncCommand.parse(["--source", "x", "--cache", "y"]) }
        #expect(throws: (any Error).self) {
            try PackCommand.parse(["b", "--key", "k", "--version", "0", "--bundle", "x", "--out", "o"])
        }
    }

    @Test func rootListsTheSubcommands() {
        #expect(
            Bangtin.configuration.subcommands.map { $0.configuration.commandName } == [
                "render", "validate", "plan", "preview", "play", "demo", "keygen", "pack", "sync", "alert", "status", "plays",
            ])
    }
}

@Suite struct CommandLineEndToEndTests {
    let market = "layouts/market-p10-384x192/layout.json"

    @Test func renderIsByteIdenticalAndMatchesTheGolden() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        var outputs: [Data] = []
        for run in 0..<2 {
            let out = folder.appendingPathComponent("frame\(run).png").path
            let result = try Program.run(["render", market, "--at", "2026-11-23T08:05:00+07:00", "--out", out])
            #expect(result.status == 0, "\(result.stderr)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: out)))
        }
        #expect(outputs[0] == outputs[1])
        let golden = try Surface.loadARGB(path: Golden.directory.appendingPathComponent("market-p10-384x192-a.png").path)
        let rendered = try Surface.loadARGB(path: folder.appendingPathComponent("frame0.png").path)
        // The file is the board's frame: the golden's colours, opaque.
        #expect(rendered.argbPixels == golden.argbPixels.map { $0 | 0xFF00_0000 })
        // Without an offset the instant is read in the layout's zone (Asia/Ho_Chi_Minh).
        let local = folder.appendingPathComponent("local.png").path
        #expect(try Program.run(["render", market, "--at", "2026-11-23T08:05:00", "--out", local]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: local)) == outputs[0])
    }

    @Test func validateAcceptsTheDemoLayouts() throws {
        let paths = Fixtures.layoutNames.map { "layouts/\($0)/layout.json" }
        let result = try Program.run(["validate"] + paths)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").filter { $0.hasPrefix("ok: ") }.count == paths.count)
    }

    @Test func badLayoutIsRefusedWithEveryProblemByPath() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = folder.appendingPathComponent("layout.json").path
        try #"""
        {"version": 1, "size": {"width": 384, "height": 192}, "regions": [
          {"frame": {"x": 0, "y": 0, "width": 384, "height": 192}, "items": [
            {"kind": "image", "duration": 5, "path": "assets/khong-co.jpg"}]}]}
        """#.write(toFile: layout, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("f.png").path
        for arguments in [["validate", layout], ["render", layout, "--at", "2026-11-23T08:05:00Z", "--out", out]] {
            let result = try Program.run(arguments)
            #expect(result.status == 1)
            #expect(
                result.stderr.contains("\(layout): regions[0].items[0].path: file not found: assets/khong-co.jpg"),
                "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func validateCatchesATruncatedImage() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = "\(Fixtures.layoutsDirectory)/district-lcd-1920x1080/assets/nha-van-hoa.jpg"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        try bytes.prefix(200).write(to: folder.appendingPathComponent("anh.jpg"))
        let layout = folder.appendingPathComponent("layout.json").path
        try #"""
        {"version": 1, "size": {"width": 100, "height": 100}, "regions": [
          {"frame": {"x": 0, "y": 0, "width": 100, "height": 100}, "items": [
            {"kind": "image", "duration": 5, "path": "anh.jpg"}]}]}
        """#.write(toFile: layout, atomically: true, encoding: .utf8)
        let result = try Program.run(["validate", layout])
        #expect(result.status == 1)
        #expect(result.stderr.contains("regions[0].items[0].path: cannot decode image anh.jpg"), "\(result.stderr)")
        // `render` still draws the frame, with a placeholder for the picture, and says why.
        let out = folder.appendingPathComponent("f.png").path
        let render = try Program.run(["render", layout, "--at", "2026-11-23T08:05:00Z", "--out", out])
        #expect(render.status == 0)
        #expect(render.stderr.contains("cannot show image anh.jpg"))
        #expect(try Surface.loadARGB(path: out).pixel(x: 10, y: 50) == Color(red: 0x30, green: 0x30, blue: 0x30))
    }

    @Test func brokenJSONNamesLineAndColumn() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = folder.appendingPathComponent("layout.json").path
        try "{\n  \"version\": 1\n  \"size\": {}\n}".write(toFile: layout, atomically: true, encoding: .utf8)
        let result = try Program.run(["validate", layout])
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(layout): invalid JSON at line 3, column 3: expected ',' or '}' after an object member"))
    }

    @Test func demoWithoutDisplayWritesFrames() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Program.run(["demo", "--out", folder.path])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".png") }
        #expect(files.count == Fixtures.layoutNames.count * 3)
        let market = try Surface.loadARGB(path: folder.appendingPathComponent("market-p10-384x192-0.png").path)
        #expect(market.size == PixelSize(width: 384, height: 192))
        #expect(result.stdout.contains("No display: demo frames are in"))
    }
}

@Suite struct PlayCommandParsingTests {
    @Test func playTakesContentConfigAndOverrides() throws {
        let command = try PlayCommand.parse([
            "layouts/x", "--config", "/etc/bangtin/config.json", "--window", "borderless", "--x", "0", "--y", "0",
            "--renderer", "software", "--at", "2026-11-23T08:05:00+07:00", "--freeze", "--seconds", "5",
        ])
        #expect(command.content == "layouts/x" && command.config == "/etc/bangtin/config.json")
        #expect(command.window == .borderless && command.renderer == .software && command.freeze)
        #expect(throws: (any Error).self) { try PlayCommand.parse(["x", "--freeze"]) }  // --freeze needs --at
        #expect(throws: (any Error).self) { try PlayCommand.parse(["x", "--window", "huge"]) }
    }
}
