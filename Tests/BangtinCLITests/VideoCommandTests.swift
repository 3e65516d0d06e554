import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// Moving previews through Debian's ffmpeg: `render --out x.mp4|webm|gif` and `preview --video`
/// make playable videos of the right duration and size, showing what `render --at` shows; with
/// ffmpeg missing or failing the error is clear and nothing is left behind.
@Suite struct VideoCommandTests {
    static let market = "layouts/market-p10-384x192/layout.json"

    /// ffprobe's answers about `path`: `key=value` lines of the first video stream and the format.
    static func probe(_ path: String) throws -> [String: String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "ffprobe", "-v", "error", "-select_streams", "v:0", "-count_frames", "-show_entries",
            "stream=codec_name,width,height,nb_read_frames:format=duration", "-of", "default=nw=1", path,
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "ffprobe reads \(path) (.ci/run installs ffmpeg)")
        var fields: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        return fields
    }

    /// Files in `folder` (temporary parts included).
    static func listing(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func anMP4OfTheMarketBoardHasItsDurationSizeAndPictures() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let video = folder.appendingPathComponent("cho.mp4").path
        let result = try Program.run([
            "render", Self.market, "--at", "2026-11-23T08:05:00+07:00", "--frames", "90", "--fps", "30", "--out", video,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let fields = try Self.probe(video)
        #expect(fields["codec_name"] == "h264" && fields["width"] == "384" && fields["height"] == "192", "\(fields)")
        #expect(fields["nb_read_frames"] == "90" && fields["duration"].flatMap(Double.init) == 3.0, "\(fields)")
        #expect(Self.listing(folder) == ["cho.mp4"], "no temporary file left")
        // The first frame is the board at --at (H.264 is lossy: close, not equal).
        let first = folder.appendingPathComponent("first.png").path
        let extract = try Program.run(["render", Self.market, "--at", "2026-11-23T08:05:00+07:00", "--out", first])
        #expect(extract.status == 0)
        let decoded = folder.appendingPathComponent("decoded.png").path
        let ffmpeg = Process()
        ffmpeg.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ffmpeg.arguments = ["ffmpeg", "-v", "error", "-i", video, "-frames:v", "1", "-y", decoded]
        try ffmpeg.run()
        ffmpeg.waitUntilExit()
        let rendered = try Surface.loadARGB(path: first)
        let frame = try Surface.loadARGB(path: decoded)
        #expect(frame.size == rendered.size)
        var error = 0
        for y in stride(from: 0, to: 192, by: 3) {
            for x in stride(from: 0, to: 384, by: 3) {
                let (a, b) = (rendered.pixel(x: x, y: y), frame.pixel(x: x, y: y))
                error += abs(Int(a.red) - Int(b.red)) + abs(Int(a.green) - Int(b.green)) + abs(Int(a.blue) - Int(b.blue))
            }
        }
        let mean = Double(error) / Double(128 * 64 * 3)
        #expect(mean < 12, "mean colour error \(mean) per channel between the video's first frame and render --at")
    }

    @Test func webmAndGIFToo() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, codec) in [("bang.webm", "vp9"), ("bang.gif", "gif")] {
            let video = folder.appendingPathComponent(name).path
            let result = try Program.run([
                "render", "layouts/ticker-192x64/layout.json", "--at", "2026-11-23T08:05:00+07:00", "--frames", "20", "--fps",
                "10", "--out", video,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let fields = try Self.probe(video)
            #expect(fields["codec_name"] == codec && fields["width"] == "192" && fields["height"] == "64", "\(fields)")
            #expect(fields["nb_read_frames"] == "20", "\(fields)")
        }
    }

    @Test func previewMakesATimeLapseOfOneSecondPerChange() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let video = folder.appendingPathComponent("sang.mp4").path
        let result = try Program.run([
            "preview", "layouts/xa-tan-phu-tuan", "--from", "2026-11-28T05:00", "--to", "2026-11-28T06:00", "--video", video,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let said = result.stdout.components(separatedBy: ": ").last?.split(separator: " ").first.flatMap { Int($0) }
        let changes = try #require(said, "\(result.stdout)")
        #expect(changes > 3)
        #expect(try Self.probe(video)["duration"].flatMap(Double.init) == Double(changes))
        #expect(Self.listing(folder) == ["sang.mp4"], "no contact sheet without --out, no temporary file")
    }

    /// Without ffmpeg the error says so and nothing is written; an ffmpeg that fails leaves
    /// nothing either, and what it said is passed on.
    @Test func withoutAWorkingFFmpegNothingIsLeftBehind() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let video = folder.appendingPathComponent("cho.mp4").path
        let arguments = ["render", Self.market, "--at", "2026-11-23T08:05:00+07:00", "--frames", "30", "--out", video]
        let missing = try Program.run(arguments, environment: ["PATH": "/nonexistent"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("needs the ffmpeg command") && missing.stderr.contains("apt-get install ffmpeg"))
        #expect(Self.listing(folder).isEmpty)
        // An ffmpeg that writes half a file and fails.
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appendingPathComponent("ffmpeg").path
        try "#!/bin/sh\nfor last; do :; done\necho half > \"$last\"\necho 'Unknown encoder libx264' >&2\nexit 1\n".write(
            toFile: fake, atomically: true, encoding: .utf8)
        chmod(fake, 0o755)
        let failing = try Program.run(arguments, environment: ["PATH": bin.path + ":/usr/bin:/bin"])
        #expect(failing.status == 1)
        #expect(failing.stderr.contains("Unknown encoder libx264"), "\(failing.stderr)")
        #expect(Self.listing(folder) == ["bin"], "\(Self.listing(folder))")
        let noFrames = try Program.run(["render", Self.market, "--out", video])
        #expect(noFrames.status != 0 && noFrames.stderr.contains("--frames"))
    }

    /// Ctrl-C reaches ffmpeg too, which then finishes the file it has: the command stops it and
    /// removes its part file and log, and ends as interrupted. SIGTERM to the command alone
    /// does the same.
    @Test func anInterruptedVideoLeavesNothingBehind() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let temporary = folder.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        for (number, group) in [(SIGINT, true), (SIGTERM, false)] {
            let video = folder.appendingPathComponent("cho.mp4").path
            let run = try RunningProgram(
                ["render", Self.market, "--at", "2026-11-23T08:05:00+07:00", "--frames", "36000", "--out", video],
                environment: ["TMPDIR": temporary.path], ownGroup: true)
            // ffmpeg has started writing the part file beside the video.
            let writing = run.wait(seconds: 60) {
                Self.listing(folder).contains { name in
                    name.hasSuffix(".part")
                        && ((try? FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(name).path))?[.size]
                            as? Int ?? 0) > 0
                }
            }
            #expect(writing, "\(Self.listing(folder)) \(run.stderr)")
            #expect(Self.listing(temporary).count == 1, "ffmpeg's log is in TMPDIR while it runs: \(Self.listing(temporary))")
            if group { run.process.signalGroup(number) } else { run.signal(number) }
            #expect(run.waitForExit(seconds: 20) == 128 + number, "ended by the signal: \(run.stderr)")
            // ffmpeg is dead: nothing appears later either.
            usleep(300_000)
            #expect(Self.listing(folder) == ["tmp"], "\(Self.listing(folder))")
            #expect(Self.listing(temporary).isEmpty, "\(Self.listing(temporary))")
        }
    }

    /// Under `nohup` (SIGHUP ignored when the command starts) a hang-up neither stops the video
    /// nor removes anything; SIGTERM still does.
    @Test func aHangUpIgnoredAtStartStaysIgnored() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let video = folder.appendingPathComponent("cho.mp4").path
        let errors = folder.path + "/../cho-nohup.err"
        defer { unlink(errors) }
        let child = try CleanChild(
            "/bin/sh",
            [
                "-c", "trap '' HUP; exec \"$0\" \"$@\"", Program.executable.path, "render", Self.market, "--at",
                "2026-11-23T08:05:00+07:00", "--frames", "36000", "--out", video,
            ], directory: Fixtures.root.path, errors: errors)
        func writing() -> Bool { Self.listing(folder).contains { $0.hasSuffix(".part") } }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, !writing() { usleep(20_000) }
        #expect(writing())
        child.signal(SIGHUP)
        usleep(500_000)
        #expect(child.isRunning, "a hang-up under nohup does not stop it")
        #expect(writing(), "nor removes its part file")
        child.signal(SIGTERM)
        let stopped = Date().addingTimeInterval(20)
        while Date() < stopped, child.isRunning { usleep(20_000) }
        #expect(child.exitStatus == 128 + SIGTERM)
        usleep(300_000)
        #expect(Self.listing(folder).isEmpty, "\(Self.listing(folder))")
    }
}
