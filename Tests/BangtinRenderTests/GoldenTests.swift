import BangtinContent
import BangtinCore
import BangtinRender
import BangtinTestSupport
import Foundation
import Testing

/// Every bundled layout, at fixed instants, matches its golden frame pixel for pixel.
/// Re-record after an intended change: `BANGTIN_RECORD_GOLDENS=1 swift test --filter Golden`,
/// then look at the PNGs in Tests/BangtinRenderTests/Goldens before committing them.
@Suite struct GoldenTests {
    static let instants = [
        ("a", "2026-11-23T08:05:00+07:00"),  // Monday morning
        ("b", "2026-11-23T08:05:17.5+07:00"),  // 17.5 s later: tickers moved, playlists advanced
        ("c", "2027-02-06T21:59:59+07:00"),  // Tết Đinh Mùi eve-ish, evening
    ]

    static var cases: [String] {
        Fixtures.layoutNames.flatMap { name in instants.map { "\(name)@\($0.0)" } }
    }

    @Test func thereAreDemoLayouts() {
        #expect(Fixtures.layoutNames.count >= 4)
    }

    @Test(arguments: cases)
    func goldenFrame(_ key: String) throws {
        let name = String(key.split(separator: "@")[0])
        let tag = String(key.split(separator: "@")[1])
        let instant = Fixtures.instant(Self.instants.first { $0.0 == tag }!.1)
        let file = try LayoutFile.load("\(Fixtures.layoutsDirectory)/\(name)/layout.json", fonts: Fixtures.catalog)
        let (surface, frames) = try Fixtures.render(file.layout, at: instant)
        #expect(frames.problems == [])
        let outcome = try Golden.compare(surface, name: "\(name)-\(tag)")
        #expect(outcome.matches, "\(name) at \(instant): \(outcome)")
    }

    /// The Ê Đê notice of the district board (ƀ č ĭ ŭ and ơ with a combining breve), found by
    /// stepping through its playlist from instant "a".
    @Test func goldenEdeNotice() throws {
        let name = "district-lcd-1920x1080"
        let file = try LayoutFile.load("\(Fixtures.layoutsDirectory)/\(name)/layout.json", fonts: Fixtures.catalog)
        var instant = Fixtures.instant(Self.instants[0].1)
        func showsEde(_ scene: LayoutScene) -> Bool {
            scene.regions.contains {
                if case .text(let item) = $0.content { return item.text.contains("Ê ĐÊ") }
                return false
            }
        }
        for _ in 0..<120 where !showsEde(file.layout.scene(at: instant)) {
            instant = instant.advanced(byNanoseconds: 1_000_000_000)
        }
        #expect(showsEde(file.layout.scene(at: instant)))
        let (surface, frames) = try Fixtures.render(file.layout, at: instant)
        #expect(frames.problems == [])
        let outcome = try Golden.compare(surface, name: "\(name)-ede")
        #expect(outcome.matches, "\(outcome)")
    }

    static let weekInstants = [
        ("sang", "2026-11-28T07:03:00+07:00"),  // morning notices under the ticker overlay
        ("y-te", "2026-11-28T07:10:05+07:00"),  // the health interrupt
        ("slide", "2026-11-28T11:00:00.3+07:00"),  // the province campaign sliding in
        ("dem", "2026-11-28T23:30:00+07:00"),  // Saturday night patrol, no overlay
        ("khuya", "2026-11-29T03:00:00+07:00"),  // the default layout at night
    ]

    /// The example commune week at moments that exercise the schedule.
    @Test(arguments: weekInstants.map(\.0))
    func goldenWeekFrame(_ tag: String) throws {
        let bundle = try BundleFolder.load("\(Fixtures.layoutsDirectory)/xa-tan-phu-tuan", fonts: Fixtures.catalog)
        let instant = Fixtures.instant(Self.weekInstants.first { $0.0 == tag }!.1)
        let renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: try Fixtures.fonts(), logger: Fixtures.quietLogger)
        let surface = renderer.render(Scheduler(bundle: bundle).scene(at: instant))
        #expect(renderer.frames.problems == [])
        let outcome = try Golden.compare(surface, name: "xa-tan-phu-tuan-\(tag)")
        #expect(outcome.matches, "\(outcome)")
    }
}
