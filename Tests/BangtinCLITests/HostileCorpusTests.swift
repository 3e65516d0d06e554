import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// Hostile content, as an attacker or a tired operator would write it, through the built
/// program: each case is refused with a message naming the file and the JSON path, or plays
/// within bounded time. Never a crash, never a hang; and whatever `validate` accepts, `render`
/// (at ordinary and extreme instants) and `plan` play too.
///
/// Small cases are files in `Hostile/` (one per case, named by class); big or special ones
/// (a FIFO, symbolic links, a 200 MB file, a picture declaring 20000 × 20000 pixels) are made
/// here in a temporary folder.
@Suite struct HostileCorpusTests {
    static let corpus = Fixtures.root.appendingPathComponent("Tests/BangtinCLITests/Hostile")

    /// What a case must do.
    enum Expectation: Sendable {
        /// `validate` accepts it, and `render` and `plan` play it.
        case plays
        /// Refused with a message containing this (the file, the JSON path, the reason).
        case refused(String)
        /// Rendered, with this warning (a picture drawn as a placeholder).
        case warns(String)
    }

    /// One piece of hostile content.
    struct ContentCase: Sendable, CustomTestStringConvertible {
        let name: String
        /// Makes the content in a fresh folder (or finds it in the corpus); returns its path.
        let make: @Sendable (URL) throws -> String
        let validate: Expectation
        /// What `render` does, when it differs from `validate`.
        var render: Expectation?
        var testDescription: String { name }

        /// A case committed under `Hostile/`.
        static func committed(_ name: String, _ validate: Expectation, render: Expectation? = nil) -> ContentCase {
            ContentCase(
                name: name, make: { _ in HostileCorpusTests.corpus.appendingPathComponent(name).path }, validate: validate,
                render: render)
        }
    }

    static let contentCases: [ContentCase] = [
        // Time overflow: "until 9999-12-31" is the usual "no end".
        .committed("time-until-year-9999", .plays),
        .committed(
            "time-until-before-from-beyond-the-end", .refused(#"schedule.json: entries[0].until: must be later than "from""#)),
        // Rounding to zero.
        .committed(
            "rounding-item-duration.json",
            .refused("rounding-item-duration.json: regions[0].items[0].duration: 0.0004 s rounds to 0")),
        .committed(
            "rounding-transition-duration.json",
            .refused("rounding-transition-duration.json: regions[0].items[1].transition.duration: 0.0004 s rounds to 0")),
        .committed(
            "rounding-ticker-speed.json", .refused("rounding-ticker-speed.json: regions[0].items[0].speed: 0.0004 rounds to 0")),
        .committed(
            "rounding-play-duration", .refused("schedule.json: layouts.a.duration: must be at least 1 s and at most a day")),
        // Quadratic parsing: a machine writes 10,000 entries on one line.
        ContentCase(name: "quadratic-one-line-10000-entries", make: oneLineSchedule, validate: .plays),
        // Blocking reads.
        ContentCase(
            name: "blocking-fifo-picture", make: fifoPicture,
            validate: .refused("layout.json: regions[0].items[0].path: pipe.png is a named pipe (FIFO), not a regular file")),
        ContentCase(
            name: "blocking-fifo-layout", make: { folder in try fifo(folder.appendingPathComponent("layout.json")) },
            validate: .refused("layout.json: is a named pipe (FIFO), not a regular file")),
        ContentCase(
            name: "blocking-fifo-schedule", make: fifoSchedule,
            validate: .refused("schedule.json: is a named pipe (FIFO), not a regular file")),
        ContentCase(
            name: "blocking-folder-picture", make: folderPicture,
            validate: .refused("layout.json: regions[0].items[0].path: anh.png is a folder, not a file")),
        // Symbolic links leading out of the content's folder.
        ContentCase(
            name: "symlink-layout-outside", make: { try symlinkBundle($0, link: "a/layout.json") },
            validate: .refused("a/layout.json: leads outside the bundle folder")),
        ContentCase(
            name: "symlink-schedule-outside", make: { try symlinkBundle($0, link: "schedule.json") },
            validate: .refused("schedule.json: leads outside the bundle folder")),
        ContentCase(
            name: "symlink-picture-outside", make: { try symlinkPicture($0, inside: false) },
            validate: .refused("layout.json: regions[0].items[0].path: anh.png leads outside the layout's folder")),
        ContentCase(name: "symlink-picture-inside", make: { try symlinkPicture($0, inside: true) }, validate: .plays),
        // Unbounded work.
        ContentCase(
            name: "unbounded-picture-pixels", make: oversizedPicture,
            validate: .refused("layout.json: regions[0].items[0].path: cannot decode image big.png: is 20000×20000 pixels"),
            render: .warns("cannot show image big.png: is 20000×20000 pixels")),
        ContentCase(
            name: "unbounded-200-MB-layout", make: hugeLayoutFile,
            validate: .refused("layout.json: is 200.0 MB; a layout file may hold at most 4.0 MB")),
        ContentCase(
            name: "unbounded-1-MB-ticker", make: megabyteTicker,
            validate: .refused("layout.json: regions[0].items[0].text: must be at most 2000 characters")),
        ContentCase(
            name: "unbounded-15000-week-long-items", make: weekLongItems,
            validate: .refused("layout.json: regions[0].items: must hold at most 1000 elements (found 15000)")),
        ContentCase(
            name: "unbounded-campaign-of-110000-plays", make: hugeCampaign,
            validate: .refused("schedule.json: entries[0].campaign: must hold at most 100 elements (found 110000)")),
        ContentCase(name: "unbounded-plan-of-2000-entries", make: crowdedRotation, validate: .plays),
        .committed(
            "unbounded-combining-marks.json",
            .refused("unbounded-combining-marks.json: regions[0].items[0].text: must be at most 2000 characters")),
        .committed(
            "unbounded-huge-font-text.json",
            .refused("unbounded-huge-font-text.json: regions[0].items[0].text: 900 characters are too many to set at 1000 px")),
        .committed(
            "unbounded-too-many-regions.json",
            .refused("unbounded-too-many-regions.json: regions: must hold at most 256 elements (found 257)")),
        .committed(
            "unbounded-board-size.json",
            .refused("unbounded-board-size.json: size: 16384×16384 is 268435456 pixels; a board may have at most 33177600")),
        .committed(
            "unbounded-millisecond-plays", .refused("schedule.json: layouts.a.duration: must be at least 1 s and at most a day")),
        .committed(
            "unbounded-natural-loop-of-weeks", .refused("schedule.json: layouts.a: plays for 1209600 s (its longest region loop)")
        ),
        // Silent damage to text.
        .committed(
            "text-control-character.json",
            .refused("text-control-character.json: regions[0].items[0].text: control character U+0007 at character 4")),
        .committed("text-nul.json", .refused("text-nul.json: regions[0].items[0].text: control character U+0000 at character 9")),
        .committed(
            "text-invalid-utf8.json", .refused("text-invalid-utf8.json: invalid JSON at line 19, column 15: invalid UTF-8")),
        .committed("text-escape-sequence-key.json", .refused("text-escape-sequence-key.json: <U+001B>[2J: unknown key")),
        .committed("plays-ede-marks.json", .plays),
        // Silent acceptance.
        .committed(
            "silent-signed-times-of-day",
            .refused(#"schedule.json: entries[0].dayparts[0].from: "-1:30" is not a time of day"#)),
        .committed(
            "silent-padding-larger-than-region.json",
            .refused("silent-padding-larger-than-region.json: regions[0].padding: 40 leaves no room inside the 64×32 region")),
        .committed(
            "review-entry-named-default", .refused(#"schedule.json: entries[0].id: "(default)" names the default layout"#)),
    ]

    /// Ordinary and extreme instants and days every accepted case must render and plan.
    static let instants = ["2026-11-28T08:00:00+07:00", "1678-01-01T00:00:00Z", "2261-12-31T23:59:59Z"]
    static let days = ["2026-11-28", "1678-01-01", "2261-12-31"]

    /// Runs the program, failing the test on a crash or a hang.
    static func run(_ arguments: [String], seconds: Double = 30) throws -> Program.Result {
        let result = try Program.run(arguments, timeout: seconds)
        #expect(!result.timedOut, "\(arguments) ran over \(seconds) s")
        #expect(!result.signalled, "\(arguments) crashed (status \(result.status)): \(result.stderr)")
        return result
    }

    @Test(arguments: contentCases)
    func content(_ hostile: ContentCase) throws {
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try hostile.make(folder)
        let out = folder.appendingPathComponent("frame.png").path
        let validated = try Self.run(["validate", path])
        switch hostile.validate {
        case .plays, .warns:
            #expect(validated.status == 0, "\(hostile.name): \(validated.stderr)")
        case .refused(let fragment):
            #expect(validated.status == 1, "\(hostile.name) was accepted")
            #expect(validated.stderr.contains(fragment), "\(hostile.name): \(validated.stderr)")
        }
        switch hostile.render ?? hostile.validate {
        case .plays:
            for instant in Self.instants {
                let rendered = try Self.run(["render", path, "--at", instant, "--out", out])
                #expect(rendered.status == 0, "\(hostile.name) at \(instant): \(rendered.stderr)")
                #expect(try Surface.loadARGB(path: out).size.width > 0)
            }
            for day in Self.days {
                let planned = try Self.run(["plan", path, "--day", day])
                #expect(planned.status == 0, "\(hostile.name) on \(day): \(planned.stderr)")
                // Rows stay short however big the rotation.
                #expect(planned.stdout.split(separator: "\n").allSatisfy { $0.count < 400 }, "\(hostile.name): long plan rows")
            }
        case .warns(let fragment):
            let rendered = try Self.run(["render", path, "--at", Self.instants[0], "--out", out])
            #expect(rendered.status == 0, "\(hostile.name): \(rendered.stderr)")
            #expect(rendered.stderr.contains(fragment), "\(hostile.name): \(rendered.stderr)")
        case .refused(let fragment):
            let rendered = try Self.run(["render", path, "--at", Self.instants[0], "--out", out])
            #expect(rendered.status == 1, "\(hostile.name) was rendered")
            #expect(rendered.stderr.contains(fragment), "\(hostile.name): \(rendered.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out))
        }
    }
}

// MARK: - Content made at test time

extension HostileCorpusTests {
    static let smallLayout = #"""
        {"version": 1, "size": {"width": 64, "height": 32}, "regions": [
          {"frame": {"x": 0, "y": 0, "width": 64, "height": 32}, "items": [
            {"kind": "text", "duration": 60, "text": "Thông báo", "font": {"size": 12}}]}]}
        """#

    static func pictureLayout(_ path: String) -> String {
        #"""
        {"version": 1, "size": {"width": 64, "height": 32}, "regions": [
          {"frame": {"x": 0, "y": 0, "width": 64, "height": 32}, "items": [
            {"kind": "image", "duration": 5, "path": "\#(path)"}]}]}
        """#
    }

    static func write(_ text: String, _ url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// A bundle of `entries` and a layout `a` (and `b`) in `folder`.
    static func bundle(_ folder: URL, entries: [String], layouts: String = #""a": "a/layout.json""#) throws -> String {
        try write(
            #"{"version": 1, "size": {"width": 64, "height": 32}, "layouts": {\#(layouts)}, "default": "a", "entries": ["#
                + entries.joined(separator: ", ") + "]}",
            folder.appendingPathComponent("schedule.json"))
        try write(smallLayout, folder.appendingPathComponent("a/layout.json"))
        return folder.path
    }

    @discardableResult
    static func fifo(_ url: URL) throws -> String {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        #expect(mkfifo(url.path, 0o644) == 0)
        return url.path
    }

    @Sendable static func oneLineSchedule(_ folder: URL) throws -> String {
        // A year of content as a machine writes it: each entry valid for a day, all on one line.
        let start = Fixtures.instant("2026-01-01T00:00:00+07:00")
        let entries = (0..<10_000).map { index -> String in
            let from = start.advanced(byNanoseconds: Int64(index % 365) * 86_400_000_000_000)
            let until = from.advanced(byNanoseconds: 86_400_000_000_000)
            return #"{"id": "e\#(index)", "layout": "a", "priority": \#(index % 50), "from": "\#(from)", "until": "\#(until)"}"#
        }
        let path = try bundle(folder, entries: entries)
        let size = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("schedule.json").path)[.size]
        #expect((size as? Int ?? 0) > 1_000_000)
        return path
    }

    @Sendable static func fifoPicture(_ folder: URL) throws -> String {
        try fifo(folder.appendingPathComponent("pipe.png"))
        try write(pictureLayout("pipe.png"), folder.appendingPathComponent("layout.json"))
        return folder.appendingPathComponent("layout.json").path
    }

    @Sendable static func fifoSchedule(_ folder: URL) throws -> String {
        let path = try bundle(folder, entries: [])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("schedule.json"))
        try fifo(folder.appendingPathComponent("schedule.json"))
        return path
    }

    @Sendable static func folderPicture(_ folder: URL) throws -> String {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("anh.png"), withIntermediateDirectories: true)
        try write(pictureLayout("anh.png"), folder.appendingPathComponent("layout.json"))
        return folder.appendingPathComponent("layout.json").path
    }

    /// A bundle in `folder/bundle` whose `link` is a symbolic link to a good copy outside it.
    static func symlinkBundle(_ folder: URL, link: String) throws -> String {
        let inside = folder.appendingPathComponent("bundle")
        let path = try bundle(inside, entries: [])
        let outside = folder.appendingPathComponent("outside-\(link.replacingOccurrences(of: "/", with: "-"))")
        try FileManager.default.moveItem(at: inside.appendingPathComponent(link), to: outside)
        try FileManager.default.createSymbolicLink(at: inside.appendingPathComponent(link), withDestinationURL: outside)
        return path
    }

    static func symlinkPicture(_ folder: URL, inside: Bool) throws -> String {
        let layoutFolder = folder.appendingPathComponent("layout")
        let picture = inside ? layoutFolder.appendingPathComponent("assets/that.png") : folder.appendingPathComponent("that.png")
        try FileManager.default.createDirectory(at: layoutFolder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: picture.deletingLastPathComponent(), withIntermediateDirectories: true)
        try TestImages.writeSplitPNG(to: picture.path)
        try FileManager.default.createSymbolicLink(
            at: layoutFolder.appendingPathComponent("anh.png"), withDestinationURL: picture)
        try write(pictureLayout("anh.png"), layoutFolder.appendingPathComponent("layout.json"))
        return layoutFolder.appendingPathComponent("layout.json").path
    }

    @Sendable static func oversizedPicture(_ folder: URL) throws -> String {
        try Data(HostilePictures.png(width: 20_000, height: 20_000)).write(to: folder.appendingPathComponent("big.png"))
        try write(pictureLayout("big.png"), folder.appendingPathComponent("layout.json"))
        return folder.appendingPathComponent("layout.json").path
    }

    @Sendable static func hugeLayoutFile(_ folder: URL) throws -> String {
        // 200 MB that take no disk: a sparse file.
        let url = folder.appendingPathComponent("layout.json")
        try write(smallLayout, url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: 200 << 20)
        try handle.close()
        return url.path
    }

    @Sendable static func megabyteTicker(_ folder: URL) throws -> String {
        let text = String(repeating: "Bão số 9 đổ bộ. ", count: 65_536)
        try write(
            smallLayout.replacingOccurrences(of: #""kind": "text""#, with: #""kind": "ticker""#)
                .replacingOccurrences(of: "Thông báo", with: text), folder.appendingPathComponent("layout.json"))
        return folder.appendingPathComponent("layout.json").path
    }

    @Sendable static func weekLongItems(_ folder: URL) throws -> String {
        let items = Array(repeating: #"{"kind": "clock", "duration": 604800}"#, count: 15_000).joined(separator: ",")
        try write(
            #"{"version": 1, "size": {"width": 64, "height": 32}, "regions": [{"frame": {"x": 0, "y": 0, "width": 64, "height": 32}, "items": [\#(items)]}]}"#,
            folder.appendingPathComponent("layout.json"))
        return folder.appendingPathComponent("layout.json").path
    }

    @Sendable static func hugeCampaign(_ folder: URL) throws -> String {
        let names = Array(repeating: #""a""#, count: 110_000).joined(separator: ",")
        return try bundle(
            folder, entries: [#"{"id": "x", "campaign": [\#(names)]}"#],
            layouts: #""a": {"path": "a/layout.json", "duration": 86400}"#)
    }

    @Sendable static func crowdedRotation(_ folder: URL) throws -> String {
        try bundle(folder, entries: (0..<2_000).map { #"{"id": "chien-dich-\#($0)", "layout": "a"}"# })
    }
}
