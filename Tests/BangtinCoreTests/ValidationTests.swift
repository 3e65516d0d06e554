import BangtinTestSupport
import Testing

@testable import BangtinCore

/// Every kind of layout error is named by its JSON path and reason.
@Suite struct ValidationTests {
    func problems(_ json: String) -> [String] {
        LayoutDecoder(fonts: Fixtures.catalog).decode(Array(json.utf8)).problems.map(\.description)
    }

    func layout(regions: String, size: String = #"{"width": 384, "height": 192}"#) -> String {
        #"{"version": 1, "size": \#(size), "regions": [\#(regions)]}"#
    }

    let goodRegion =
        #"{"frame": {"x": 0, "y": 0, "width": 384, "height": 192}, "items": [{"kind": "text", "duration": 5, "text": "Xin chào"}]}"#

    @Test func acceptsAGoodLayout() {
        #expect(problems(layout(regions: goodRegion)) == [])
    }

    @Test func durationMustBePositive() {
        let region =
            #"{"frame": {"x": 0, "y": 0, "width": 10, "height": 10}, "items": [{"kind": "text", "duration": 0, "text": "a"}]}"#
        #expect(
            problems(layout(regions: [goodRegion, goodRegion, region].joined(separator: ",")))
                == ["regions[2].items[0].duration: must be greater than 0"])
    }

    @Test func frameMustStayInsideTheLayout() {
        let region = #"{"frame": {"x": 300, "y": 100, "width": 100, "height": 50}, "items": [{"kind": "clock", "duration": 60}]}"#
        #expect(
            problems(layout(regions: goodRegion + "," + region))
                == ["regions[1].frame: 100×50 at 300,100 extends past the layout's 384×192 size"])
    }

    @Test func unknownItemKind() {
        let region =
            #"{"frame": {"x": 0, "y": 0, "width": 10, "height": 10}, "items": [{"kind": "video", "duration": 5, "src": "a.mp4"}]}"#
        #expect(
            problems(layout(regions: region))
                == [#"regions[0].items[0].kind: unknown item kind "video" (expected text, ticker, image, clock)"#])
    }

    @Test func unparseableJSONNamesLineAndColumn() {
        #expect(
            problems("{\n  \"version\": 1,\n  \"size\": {\"width\": 384 \"height\": 192}\n}")
                == ["invalid JSON at line 3, column 25: expected ',' or '}' after an object member"])
    }

    @Test func everyProblemIsReportedAtOnce() {
        let json = #"""
            {"version": 2, "size": {"width": 0, "height": 192}, "background": "red", "timezone": "Mars/Olympus",
             "colour": "#fff", "regions": [
              {"frame": {"x": 0, "y": 0, "width": 10}, "z": 1.5, "items": []},
              {"frame": {"x": 0, "y": 0, "width": 10, "height": 10}, "items": [
                {"kind": "text", "duration": -1, "font": {"family": "Comic Sans", "size": 2}, "align": "justify"},
                {"kind": "image", "duration": 5, "path": "../../etc/passwd", "fit": "zoom"},
                {"kind": "ticker", "duration": 5, "text": "x", "speed": 0, "color": "#12345"},
                {"kind": "clock", "duration": 5, "format": "{hh}:{mm}", "lineSpacing": 9}
              ]}
            ]}
            """#
        #expect(
            problems(json) == [
                "version: unsupported version 2 (this player reads version 1)",
                "size.width: must be between 1 and 16384, found 0",
                "background: \"red\" is not a colour (expected #rrggbb or #rrggbbaa)",
                "timezone: unknown time zone \"Mars/Olympus\" (expected an IANA name such as Asia/Ho_Chi_Minh)",
                "regions[0].frame.height: is required",
                "regions[0].z: must be a whole number, found a number",
                "regions[0].items: must hold at least one item",
                "regions[1].items[0].duration: must be greater than 0",
                "regions[1].items[0].text: is required",
                "regions[1].items[0].font.family: unknown font family \"Comic Sans\" (bundled: Noto Sans, Noto Sans Math, Noto Sans Symbols, Noto Sans Symbols 2, Noto Serif)",
                "regions[1].items[0].font.size: must be between 4 and 1000, found 2",
                "regions[1].items[0].align: unknown value \"justify\" (expected left, center, right)",
                "regions[1].items[1].fit: unknown value \"zoom\" (expected contain, cover, stretch)",
                "regions[1].items[1].path: must stay inside the layout's folder (\"../../etc/passwd\" escapes it)",
                "regions[1].items[2].color: \"#12345\" is not a colour (expected #rrggbb or #rrggbbaa)",
                "regions[1].items[2].speed: must be greater than 0 and at most 10000 pixels per second",
                "regions[1].items[3].format: unknown token {hh} (known: {weekday} {weekdayShort} {d} {dd} {M} {MM} {yyyy} {H} {HH} {mm} {ss} {lunarDay} {lunarMonth} {lunarYear})",
                "regions[1].items[3].lineSpacing: must be between 0.5 and 3.0, found 9.0",
                "colour: unknown key",
            ])
    }

    @Test(arguments: [
        ("/etc/passwd", "must be relative to the layout's folder, found an absolute path"),
        ("assets/../../x.png", "must stay inside the layout's folder (\"assets/../../x.png\" escapes it)"),
        ("assets\\x.png", "must use '/' between folders"),
        ("./", "must name a file"),
    ])
    func assetPathsMayNotEscape(path: String, message: String) {
        #expect(AssetPath.problem(with: path) == message)
    }

    @Test func assetPathsInsideAreFine() {
        #expect(AssetPath.problem(with: "assets/ảnh bão.jpg") == nil)
        #expect(AssetPath.problem(with: "a/../b.png") == nil)
    }

    @Test func missingRequiredTopLevelKeys() {
        #expect(problems("{}") == ["version: is required", "size: is required", "regions: is required"])
        #expect(problems("[]") == ["(document): must be an object, found an array"])
    }
}
