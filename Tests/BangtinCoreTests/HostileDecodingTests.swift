import BangtinTestSupport
import Foundation
import Testing

@testable import BangtinCore

/// Hostile values refused by the decoders with their JSON paths (the whole-program corpus is
/// in `BangtinCLITests/HostileCorpusTests`).
@Suite struct HostileDecodingTests {
    func layoutProblems(_ json: String) -> [String] {
        LayoutDecoder(fonts: Fixtures.catalog).decode(Array(json.utf8)).problems.map(\.description)
    }

    func layout(items: String, region: String = "") -> String {
        #"""
        {"version": 1, "size": {"width": 384, "height": 192}, "regions": [
          {"frame": {"x": 0, "y": 0, "width": 384, "height": 192}\#(region), "items": [\#(items)]}]}
        """#
    }

    func scheduleProblems(_ json: String) -> [String] {
        ScheduleDecoder.decode(Array(json.utf8)).problems.map(\.description)
    }

    func schedule(layouts: String = #""a": "a/layout.json""#, entries: String) -> String {
        #"""
        {"version": 1, "size": {"width": 64, "height": 32}, "layouts": {\#(layouts)}, "default": "a", "entries": [\#(entries)]}
        """#
    }

    /// A duration that rounds to 0 ms is refused wherever a duration is read (the scheduler
    /// divided by zero for one).
    @Test func durationsRoundingToZeroAreRefused() {
        #expect(
            layoutProblems(layout(items: #"{"kind": "text", "duration": 0.0004, "text": "a"}"#))
                == ["regions[0].items[0].duration: 0.0004 s rounds to 0 (durations count whole milliseconds, at least 0.001 s)"])
        #expect(layoutProblems(layout(items: #"{"kind": "text", "duration": 0.0005, "text": "a"}"#)) == [])
        #expect(
            layoutProblems(
                layout(
                    items: #"{"kind": "text", "duration": 5, "text": "a", "transition": {"kind": "fade", "duration": 0.0004}}"#))
                == [
                    "regions[0].items[0].transition.duration: 0.0004 s rounds to 0 (durations count whole milliseconds, at least 0.001 s)"
                ]
        )
        for seconds in ["0.0004", "0.5", "0", "86401"] {
            #expect(
                scheduleProblems(schedule(layouts: #""a": {"path": "a/layout.json", "duration": \#(seconds)}"#, entries: ""))
                    == ["layouts.a.duration: must be at least 1 s and at most a day (86400 s)"], "\(seconds)")
        }
    }

    /// A layout without "duration" plays its longest loop; in a rotation that may last a day.
    @Test func aScheduledPlayLastsAtMostADay() throws {
        let json = schedule(entries: #"{"id": "x", "layout": "a"}"#)
        let decoded = try #require(ScheduleDecoder.decode(Array(json.utf8)).schedule)
        let weekLong = Item(durationMilliseconds: 604_800_000, content: .text(TextItem(text: "a", style: TextStyle())))
        let layout = Layout(
            size: PixelSize(width: 64, height: 32),
            regions: [Region(id: "r", frame: PixelRect(x: 0, y: 0, width: 64, height: 32), items: [weekLong, weekLong])])
        #expect(
            ContentBundle(schedule: decoded, layouts: ["a": layout]).problems().map(\.description) == [
                #"layouts.a: plays for 1209600 s (its longest region loop), more than a day: give it a "duration" of at most 86400 s"#
            ])
        // Alone, a layout file plays its playlist as it is, however long.
        #expect(ContentBundle.single(layout).problems() == [])
    }
}
