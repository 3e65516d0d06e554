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
        let (surface, frames) = try Fixtures.render(file.layout, at: instant, assetRoot: file.assetRoot)
        #expect(frames.problems == [])
        let outcome = try Golden.compare(surface, name: "\(name)-\(tag)")
        #expect(outcome.matches, "\(name) at \(instant): \(outcome)")
    }
}
