import BangtinTestSupport
import Foundation
import Testing

/// `render --frames`: each frame byte for byte what `render --at` writes for its instant.
struct RenderSequenceTests {
    @Test func sequenceFramesEqualSingleFrames() throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let layout = "layouts/district-lcd-1920x1080/layout.json"
        let frames = folder.appendingPathComponent("frames").path
        let sequence = try Program.run(
            ["render", layout, "--at", "2026-11-23T08:05:00+07:00", "--frames", "12", "--fps", "4", "--out", frames])
        #expect(sequence.status == 0, "\(sequence.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: frames).sorted()
        #expect(names == (0..<12).map { String(format: "frame-%05d.png", $0) })
        // Frames 0, 5 and 11: 08:05:00, 08:05:01.25 and 08:05:02.75.
        for (index, at) in [
            (0, "2026-11-23T08:05:00+07:00"), (5, "2026-11-23T08:05:01.25+07:00"), (11, "2026-11-23T08:05:02.75+07:00"),
        ] {
            let single = folder.appendingPathComponent("single-\(index).png").path
            let result = try Program.run(["render", layout, "--at", at, "--out", single])
            #expect(result.status == 0, "\(result.stderr)")
            let fromSequence = try Data(contentsOf: URL(fileURLWithPath: frames).appendingPathComponent(names[index]))
            #expect(try Data(contentsOf: URL(fileURLWithPath: single)) == fromSequence, "frame \(index) at \(at)")
            #expect(fromSequence[25] == 2, "a board's frame is RGB: a board shows no transparency")
        }
    }
}
