import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// Hostile command-line values and output paths: refused with a message, never a crash, a
/// hang, a partial file or an overwritten input.
@Suite struct HostileCommandTests {
    let market = "layouts/market-p10-384x192/layout.json"
    let week = "layouts/xa-tan-phu-tuan"
    let at = "2026-11-28T08:00:00+07:00"

    /// Arguments and a fragment of the refusal they must meet.
    static let refusals: [([String], String)] = [
        // Time: what a person types must lie in the supported span.
        (
            ["render", "layouts/ticker-192x64/layout.json", "--at", "9999-12-31T00:00:00+07:00", "--out", "/tmp/x.png"],
            "outside the supported span 1678-01-01 to 2261-12-31"
        ),
        (["plan", "layouts/xa-tan-phu-tuan", "--day", "9999-12-31"], "outside the supported span 1678-01-01 to 2261-12-31"),
        (
            [
                "preview", "layouts/xa-tan-phu-tuan", "--from", "0001-01-01T00:00", "--to", "2026-01-01T00:00", "--out",
                "/tmp/x.png",
            ],
            "outside the supported span"
        ),
        (
            ["play", "layouts/ticker-192x64/layout.json", "--at", "9999-12-31T00:00:00+07:00", "--freeze"],
            "outside the supported span"
        ),
        // Extreme values.
        (
            ["render", "layouts/ticker-192x64/layout.json", "--frames", "2", "--fps", "1e-10", "--out", "/tmp/x"],
            "--fps must be between 1 and 240"
        ),
        (
            ["render", "layouts/ticker-192x64/layout.json", "--frames", "2", "--fps", "nan", "--out", "/tmp/x"],
            "--fps must be between 1 and 240"
        ),
        (
            ["render", "layouts/ticker-192x64/layout.json", "--frames", "1000000", "--out", "/tmp/x"],
            "--frames must be between 1 and 36000"
        ),
        (
            [
                "preview", "layouts/xa-tan-phu-tuan", "--from", "2026-11-28T05:00", "--to", "2026-11-28T06:00", "--out",
                "/tmp/x.png",
                "--thumbnail-width", "100000",
            ], "--thumbnail-width must be between 32 and 1920"
        ),
        (
            [
                "preview", "layouts/xa-tan-phu-tuan", "--from", "2026-11-28T05:00", "--to", "2026-11-28T06:00", "--out",
                "/tmp/x.png",
                "--columns", "100000",
            ], "--columns must be between 1 and 32"
        ),
        (
            [
                "preview", "layouts/xa-tan-phu-tuan", "--from", "2026-11-28T05:00", "--to", "2026-11-28T06:00", "--out",
                "/tmp/x.png",
                "--limit=-5",
            ], "--limit must be between 1 and 1000"
        ),
        (
            [
                "preview", "layouts/xa-tan-phu-tuan", "--from", "2026-01-01T00:00", "--to", "2026-12-31T00:00", "--out",
                "/tmp/x.png",
            ],
            "--to must be at most 31 days after --from"
        ),
        (["play", "layouts/ticker-192x64/layout.json", "--seconds", "nan"], "--seconds must be a number greater than 0"),
        (["demo", "--seconds", "nan"], "--seconds must be a number greater than 0"),
        (["play", "layouts/ticker-192x64/layout.json", "--x", "99999999999"], "--x must be between -32768 and 32767"),
        (
            ["play", "layouts/ticker-192x64/layout.json", "--stats-every", "9223372036854775807"],
            "--stats-every must be between 1 and 86400"
        ),
        (
            ["play", "layouts/ticker-192x64/layout.json", "--at", "2026-11-28T08:00:00Z", "--step", "9223372036854775807"],
            "--step must be between 1 and 36000"
        ),
        // Writes that could only fail or do harm.
        (
            ["render", "layouts/ticker-192x64/layout.json", "--at", "2026-11-28T08:00:00Z", "--out", "/dev/full"],
            "cannot write /dev/full: it exists and is not a regular file"
        ),
        (
            [
                "render", "layouts/ticker-192x64/layout.json", "--at", "2026-11-28T08:00:00Z", "--out",
                "fonts/NotoSans-Regular.ttf",
            ],
            "it is one of the input files"
        ),
        (
            [
                "render", "layouts/ticker-192x64/layout.json", "--at", "2026-11-28T08:00:00Z", "--frames", "2", "--out",
                "README.md",
            ],
            "cannot write frames into README.md: it is not a folder"
        ),
    ]

    @Test(arguments: refusals)
    func refused(_ arguments: [String], _ fragment: String) throws {
        let result = try HostileCorpusTests.run(arguments)
        #expect(result.status != 0, "\(arguments) succeeded")
        #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
    }

    /// A fonts folder whose catalog or font file is a named pipe is refused, not waited on.
    @Test func fontsAreReadAsContentIs() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try HostileCorpusTests.fifo(folder.appendingPathComponent("fonts.json"))
        let catalog = try HostileCorpusTests.run(["validate", market, "--fonts", folder.path])
        #expect(catalog.status == 1 && catalog.stderr.contains("fonts.json: is a named pipe (FIFO)"), "\(catalog.stderr)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("fonts.json"))
        try FileManager.default.copyItem(
            atPath: Fixtures.fontsDirectory + "/fonts.json", toPath: folder.appendingPathComponent("fonts.json").path)
        for name in try FileManager.default.contentsOfDirectory(atPath: Fixtures.fontsDirectory) where name.hasSuffix(".ttf") {
            if name == "NotoSans-Regular.ttf" {
                try HostileCorpusTests.fifo(folder.appendingPathComponent(name))
            } else {
                try FileManager.default.copyItem(
                    atPath: Fixtures.fontsDirectory + "/" + name, toPath: folder.appendingPathComponent(name).path)
            }
        }
        let font = try HostileCorpusTests.run(["render", market, "--at", at, "--out", "/tmp/x.png", "--fonts", folder.path])
        #expect(font.status == 1 && font.stderr.contains("NotoSans-Regular.ttf: is a named pipe (FIFO)"), "\(font.stderr)")
    }

    /// `--out` naming the input layout used to overwrite it.
    @Test func outputNeverReplacesAnInput() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = folder.appendingPathComponent("layout.json").path
        try FileManager.default.copyItem(atPath: Fixtures.root.appendingPathComponent(market).path, toPath: layout)
        let before = try Data(contentsOf: URL(fileURLWithPath: layout))
        for out in [layout, folder.path + "/./layout.json"] {
            let result = try HostileCorpusTests.run(["render", layout, "--at", at, "--out", out])
            #expect(result.status == 1)
            #expect(result.stderr.contains("it is one of the input files"), "\(result.stderr)")
        }
        let bundleSchedule = Fixtures.root.appendingPathComponent("\(week)/schedule.json").path
        let scheduleBefore = try Data(contentsOf: URL(fileURLWithPath: bundleSchedule))
        let preview = try HostileCorpusTests.run([
            "preview", week, "--from", "2026-11-28T05:00", "--to", "2026-11-28T05:10", "--out", bundleSchedule,
        ])
        #expect(preview.status == 1 && preview.stderr.contains("it is one of the input files"), "\(preview.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: layout)) == before)
        #expect(try Data(contentsOf: URL(fileURLWithPath: bundleSchedule)) == scheduleBefore)
    }

    /// On a full disk (here a file size limit) `render` fails with the reason and leaves neither
    /// a truncated PNG nor its temporary file; it used to exit 0.
    @Test func aFailedWriteFailsAndLeavesNoFile() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("frame.png").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // SIGXFSZ ignored (as it stays across exec), so the write fails with EFBIG instead.
        process.arguments = [
            "-c", #"trap '' XFSZ; ulimit -f 4; exec "$0" "$@""#, Program.executable.path, "render", market, "--at", at, "--out",
            out,
        ]
        process.currentDirectoryURL = Fixtures.root
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 1, "\(message)")
        #expect(message.contains("cannot write \(out): File too large"), "\(message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        // The same with room to write: a whole PNG.
        let written = try HostileCorpusTests.run(["render", market, "--at", at, "--out", out])
        #expect(written.status == 0)
        #expect(try Surface.loadARGB(path: out).size == PixelSize(width: 384, height: 192))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["frame.png"])
    }
}
