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
        #expect(
            layoutProblems(layout(items: #"{"kind": "ticker", "duration": 5, "text": "a", "speed": 0.0004}"#))
                == [
                    "regions[0].items[0].speed: 0.0004 rounds to 0 (speeds count thousandths of a pixel a second, at least 0.001)"
                ])
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

    /// Text a board cannot show is refused by path: control characters (one blanked a whole
    /// item), U+0000 (it cut the text), letters buried in marks, text too long to set.
    @Test func textThatCannotBeShownIsRefused() {
        func text(_ value: String, kind: String = "text", size: Int = 24) -> [String] {
            let escaped = value.unicodeScalars.map {
                $0.value < 0x20 || $0 == "\"" || $0 == "\\" ? String(format: "\\u%04x", $0.value) : String($0)
            }
            .joined()
            return layoutProblems(
                layout(items: #"{"kind": "\#(kind)", "duration": 5, "text": "\#(escaped)", "font": {"size": \#(size)}}"#))
        }
        #expect(
            text("Bão\u{7} số 9") == [
                "regions[0].items[0].text: control character U+0007 at character 4 (text may hold line breaks, \\n, and tabs only)"
            ])
        #expect(
            text("Bão\u{0}số 9") == [
                "regions[0].items[0].text: control character U+0000 at character 4 (text may hold line breaks, \\n, and tabs only)"
            ])
        #expect(text("Bão\u{9B}số 9", kind: "ticker").first?.contains("control character U+009B") == true)
        #expect(text("Dòng 1\nDòng 2\tcột") == [])
        let buried = "a" + String(repeating: "\u{301}", count: 20_000)
        #expect(text(buried) == ["regions[0].items[0].text: must be at most 2000 characters (found 20001 code points)"])
        #expect(
            text("Ê" + String(repeating: "\u{301}", count: 5)) == [
                "regions[0].items[0].text: character 1 carries 5 combining marks (at most 4 on one letter)"
            ])
        #expect(text("Ê\u{306}\u{301}") == [])
        #expect(
            text(String(repeating: "x", count: 1_000_000), kind: "ticker") == [
                "regions[0].items[0].text: must be at most 2000 characters (found 1000000 code points)"
            ])
        #expect(
            text(String(repeating: "x", count: 2_001)) == [
                "regions[0].items[0].text: must be at most 2000 characters (found 2001)"
            ])
        #expect(text(String(repeating: "x", count: 2_000)) == [])
        #expect(
            text(String(repeating: "x", count: 300), kind: "ticker", size: 200)
                == [
                    "regions[0].items[0].text: 300 characters are too many to set at 200 px (at most 250 at that size): shorten the text or use a smaller font"
                ])
        #expect(
            layoutProblems(
                layout(items: #"{"kind": "clock", "duration": 5, "format": "\#(String(repeating: "{HH}", count: 51))"}"#))
                == ["regions[0].items[0].format: must be at most 200 characters (found 204)"])
    }

    /// Invalid UTF-8 in a file is refused with its line and column, never shown as U+FFFD.
    @Test func invalidUTF8IsRefusedWithItsPosition() {
        var bytes = Array(layout(items: #"{"kind": "text", "duration": 5, "text": "Bão"}"#).utf8)
        let at = bytes.firstIndex(of: UInt8(ascii: "B"))!
        bytes.insert(contentsOf: [0xED, 0xA0, 0x80], at: at + 1)
        let problems = LayoutDecoder(fonts: Fixtures.catalog).decode(bytes).problems.map(\.description)
        #expect(
            problems.count == 1 && problems[0].hasPrefix("invalid JSON at line 2, column ")
                && problems[0].contains("invalid UTF-8"))
    }

    @Test(arguments: ["-1:30", "10:-5", "+1:30", "1:30", "01:3", "٠١:٣٠", "01:30 ", "24:30", "23:60"])
    func malformedTimesOfDayAreRefused(_ time: String) {
        #expect(
            scheduleProblems(schedule(entries: #"{"id": "x", "layout": "a", "dayparts": [{"from": "\#(time)", "to": "23:00"}]}"#))
                == [#"entries[0].dayparts[0].from: "\#(time)" is not a time of day (expected HH:MM, e.g. 06:30)"#])
    }

    @Test func paddingMustLeaveRoom() {
        let region = #", "padding": 96"#
        #expect(
            layoutProblems(layout(items: #"{"kind": "text", "duration": 5, "text": "a"}"#, region: region))
                == ["regions[0].padding: 96 leaves no room inside the 384×192 region (at most 95)"])
        #expect(
            layoutProblems(layout(items: #"{"kind": "text", "duration": 5, "text": "a"}"#, region: #", "padding": 95"#)) == [])
    }

    @Test func boardsRegionsAndItemsAreBounded() {
        #expect(
            layoutProblems(#"{"version": 1, "size": {"width": 16384, "height": 16384}, "regions": []}"#).first
                == "size: 16384×16384 is 268435456 pixels; a board may have at most 33177600 (8K UHD, 7680×4320)")
        #expect(
            layoutProblems(#"{"version": 1, "size": {"width": 16385, "height": 1}, "regions": []}"#).first
                == "size.width: must be between 1 and 16384, found 16385")
        let region = #"{"frame": {"x": 0, "y": 0, "width": 8, "height": 8}, "items": [{"kind": "clock", "duration": 1}]}"#
        let many = Array(repeating: region, count: 257).joined(separator: ",")
        #expect(
            layoutProblems(#"{"version": 1, "size": {"width": 8, "height": 8}, "regions": [\#(many)]}"#)
                == ["regions: must hold at most 256 elements (found 257)"])
        let items = Array(repeating: #"{"kind": "clock", "duration": 604800}"#, count: 15_000).joined(separator: ",")
        #expect(layoutProblems(layout(items: items)) == ["regions[0].items: must hold at most 1000 elements (found 15000)"])
    }

    @Test func schedulesAreBounded() {
        let entry = #"{"id": "eN", "layout": "a"}"#
        let entries = (0..<10_001).map { entry.replacingOccurrences(of: "N", with: "\($0)") }.joined(separator: ",")
        #expect(scheduleProblems(schedule(entries: entries)) == ["entries: must hold at most 10000 elements (found 10001)"])
        let names = Array(repeating: #""a""#, count: 110_000).joined(separator: ",")
        #expect(
            scheduleProblems(schedule(entries: #"{"id": "x", "campaign": [\#(names)]}"#))
                == ["entries[0].campaign: must hold at most 100 elements (found 110000)"])
        // 2,001 plays valid at once are refused; the same entries a day apart each are not.
        let crowd = (0..<2_001).map { #"{"id": "e\#($0)", "layout": "a", "from": "2026-11-28T10:00:00"}"# }.joined(separator: ",")
        #expect(
            scheduleProblems(schedule(entries: crowd))
                == [
                    "entries: more than 2000 layout plays are valid at once from 2026-11-28 (a campaign counts each of its layouts): spread the entries over time or merge them"
                ])
        let spread = (0..<2_001).map { index in
            let from = Instant(secondsSinceEpoch: 1_795_366_800 + Int64(index) * 86_400)
            return
                #"{"id": "e\#(index)", "layout": "a", "from": "\#(from)", "until": "\#(from.advanced(byNanoseconds: 86_400_000_000_000))"}"#
        }
        #expect(scheduleProblems(schedule(entries: spread.joined(separator: ","))) == [])
    }

    /// A key or a value quoted in a message cannot repaint a terminal or fill a log.
    @Test func messagesAreSafeToPrint() {
        let problems = layoutProblems(#"{"version": 1, "size": {"width": 8, "height": 8}, "regions": [], "\u001b[2J": 1}"#)
        #expect(problems.contains("<U+001B>[2J: unknown key"), "\(problems)")
        let keys = (0..<500).map { #""k\#($0)": 1"# }.joined(separator: ",")
        let error = ContentError(
            file: "layout.json",
            problems: LayoutDecoder(fonts: Fixtures.catalog).decode(Array(#"{"version": 1, \#(keys)}"#.utf8)).problems)
        let lines = error.description.split(separator: "\n")
        #expect(lines.count == 101)
        #expect(lines.last == "layout.json: … and 402 more problems")
    }
}
