import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// The warning template on the example board sizes, for every risk level: goldens, pixels and
/// Tesseract reading a headline back. Re-record with `BANGTIN_RECORD_GOLDENS=1 swift test
/// --filter AlertTemplate` and look at the PNGs before committing them.
@Suite struct AlertTemplateTests {
    static let at = Fixtures.instant("2026-11-24T08:00:00+07:00")

    static func storm(level: Int) -> Alert {
        var alert = Alert(
            id: "KH-2026-13", sender: "Ban Chỉ huy PCTT và TKCN tỉnh Khánh Hòa", sent: at, level: RiskLevel(level),
            headline: "Bão số 13 đổ bộ Khánh Hòa",
            description: "Gió mạnh cấp 12, giật cấp 15; mưa rất to 200–400 mm.",
            instruction: "Tàu thuyền không ra khơi. Người dân chằng chống nhà cửa, không ra đường khi có gió mạnh.")
        alert.area = "Tỉnh Khánh Hòa"
        alert.expires = Fixtures.instant("2026-11-25T07:30:00+07:00")
        return alert
    }

    static func render(_ alert: Alert, width: Int, height: Int, at instant: Instant = at) throws -> Surface {
        let size = PixelSize(width: width, height: height)
        let layout = AlertScreen.layout(for: alert, page: nil, size: size, zone: "Asia/Ho_Chi_Minh")
        let (surface, frames) = try Fixtures.render(layout, at: instant)
        #expect(frames.problems == [])
        return surface
    }

    static let sizes = [(192, 64), (384, 192), (1920, 1080), (1080, 1920)]

    @Test(arguments: sizes.map { "\($0.0)x\($0.1)" }, 1...5)
    func everyLevelOnEveryBoardSize(size: String, level: Int) throws {
        let sides = size.split(separator: "x").compactMap { Int($0) }
        let surface = try Self.render(Self.storm(level: level), width: sides[0], height: sides[1])
        let outcome = try Golden.compare(surface, name: "alert-\(size)-level\(level)")
        #expect(outcome.matches, "\(outcome)")
    }

    /// Where a layout names an `alertRegion` (the border-gate kiosk's notice panel), the
    /// warning fills that panel and the clock, date and ticker stay in view, each pixel
    /// outside the panel as the board shows it without the warning.
    @Test func theBorderGateKioskKeepsItsClockInView() throws {
        let path = "\(Fixtures.layoutsDirectory)/border-gate-1080x1920/layout.json"
        let layout = try LayoutFile.load(path, fonts: Fixtures.catalog).layout
        let panel = try #require(layout.regions.first { $0.id == layout.alertRegion }).frame
        let schedule = Schedule(
            size: layout.size, timeZone: layout.timeZone, layouts: ["cua-khau": LayoutReference(path: "layout.json")],
            defaultLayout: "cua-khau", entries: [])
        let scheduler = Scheduler(bundle: ContentBundle(schedule: schedule, layouts: ["cua-khau": layout]))
        let renderer = try HeadlessRenderer(size: layout.size, fonts: Fixtures.fonts(), logger: Fixtures.quietLogger)
        // The renderer draws into one surface: read the warned frame before drawing the plain one.
        let warned = renderer.render(scheduler.scene(at: Self.at, alerts: [Self.storm(level: 4)]))
        let outcome = try Golden.compare(warned, name: "alert-border-gate-banner-level4")
        #expect(outcome.matches, "\(outcome)")
        #expect(warned.pixel(x: panel.x + 4, y: panel.y + 4) == RiskLevel(4)!.textColor, "the banner's title band")
        #expect(warned.pixel(x: panel.x + 4, y: panel.y + panel.height / 2) == RiskLevel(4)!.color, "in level 4's red")
        var samples: [(x: Int, y: Int, color: Color)] = []
        for y in stride(from: 0, to: layout.size.height, by: 4) {
            for x in stride(from: 0, to: layout.size.width, by: 4)
            where !panel.contains(PixelRect(x: x, y: y, width: 1, height: 1)) {
                samples.append((x, y, warned.pixel(x: x, y: y)))
            }
        }
        let plain = renderer.render(scheduler.scene(at: Self.at))
        #expect(plain.pixel(x: panel.x + 4, y: panel.y + panel.height / 2) != RiskLevel(4)!.color)
        let outside = samples.count
        let differing = samples.filter { plain.pixel(x: $0.x, y: $0.y) != $0.color }.count
        #expect(outside > 50_000 && differing == 0, "\(differing) of \(outside) pixels outside the panel changed")
    }

    /// The 192×64 strip: a level badge, and one scrolling line whose letters (stacked marks
    /// included) never touch the board's top or bottom, moving on with time.
    @Test func theLowStripScrollsTheWholeWarningBesideABadge() throws {
        let alert = Self.storm(level: 4)
        let layout = AlertScreen.layout(for: alert, page: nil, size: PixelSize(width: 192, height: 64), zone: "Asia/Ho_Chi_Minh")
        guard case .ticker(let ticker) = layout.regions[1].items[0].content else {
            Issue.record("the strip's second region is a ticker")
            return
        }
        for part in [
            "Bão số 13 đổ bộ Khánh Hòa", "Tàu thuyền không ra khơi", "Khu vực: Tỉnh Khánh Hòa", "Hiệu lực đến 07:30 25/11/2026",
        ] {
            #expect(ticker.text.contains(part), "\(part) in \(ticker.text)")
        }
        let red = RiskLevel(4)!.color
        let first = try Self.render(alert, width: 192, height: 64)
        let later = try Self.render(alert, width: 192, height: 64, at: Self.at.advanced(byNanoseconds: 2_000_000_000))
        let line = layout.regions[1].frame
        let ink = try #require(Ink.bounds(first, in: line, background: red))
        #expect(ink.y > 0 && ink.y + ink.height < 64, "\(ink)")
        #expect(first.argbPixels != later.argbPixels, "the line moves")
        #expect(first.pixel(x: 2, y: 2) == RiskLevel(4)!.textColor, "the badge")
    }

    @Test func theTemplateNamesTheAreaTheExpiryAndAnExercise() {
        var alert = Self.storm(level: 3)
        alert.isExercise = true
        let layout = AlertScreen.layout(for: alert, page: nil, size: PixelSize(width: 384, height: 192), zone: "Asia/Ho_Chi_Minh")
        let texts = layout.regions.flatMap(\.items).compactMap { item -> String? in
            if case .text(let text) = item.content { return text.text }
            return nil
        }
        #expect(texts.contains { $0.hasPrefix("DIỄN TẬP") })
        #expect(texts.contains { $0.contains("Khu vực: Tỉnh Khánh Hòa · Hiệu lực đến 07:30 25/11/2026") })
    }

    /// Tesseract's Vietnamese model reads the headline off the 384×192 board (scaled 3× with
    /// nearest neighbour, as a camera in front of the LED wall would see it).
    @Test func theHeadlineReadsBackThroughTesseract() throws {
        let surface = try Self.render(Self.storm(level: 4), width: 384, height: 192)
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let png = folder.appendingPathComponent("board.png").path
        let big = folder.appendingPathComponent("big.png").path
        try surface.savePNG(to: png)
        let convert = Process()
        convert.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        convert.arguments = ["convert", png, "-filter", "point", "-resize", "300%", big]
        try convert.run()
        convert.waitUntilExit()
        #expect(convert.terminationStatus == 0, "ImageMagick's convert (.ci/run installs imagemagick)")
        let read = Set(OCRTests.words(try OCRTests.tesseract(big)))
        let expected = OCRTests.words("Bão số 13 đổ bộ Khánh Hòa")
        let missing = expected.filter { !read.contains($0) }
        #expect(missing.count <= 1, "Tesseract read \(read); missing \(missing)")
    }
}
