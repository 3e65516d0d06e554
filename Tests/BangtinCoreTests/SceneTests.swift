import Testing

@testable import BangtinCore

@Suite struct SceneTests {
    @Test func playlistLoopsOverDurations() {
        let playlist = Playlist(durations: [10_000, 5_000])
        #expect(playlist.slot(at: 0)?.index == 0)
        #expect(playlist.slot(at: 9_999_999_999)?.index == 0)
        #expect(playlist.slot(at: 10_000_000_000)?.index == 1)
        #expect(playlist.slot(at: 14_999_999_999)?.remainingNanoseconds == 1)
        #expect(playlist.slot(at: 15_000_000_000)?.index == 0)
        #expect(playlist.slot(at: 3 * 15_000_000_000 + 12_000_000_000)?.elapsedNanoseconds == 2_000_000_000)
        #expect(Playlist(durations: []).slot(at: 5) == nil)
    }

    @Test func tickerTravelsWholePixelsWithoutDrift() {
        let ticker = TickerItem(text: "a", pixelsPerSecond: 33.3)
        #expect(ticker.travelled(afterNanoseconds: 1_000_000_000) == 33)
        #expect(ticker.travelled(afterNanoseconds: 3_000_000_000) == 99)
        #expect(ticker.travelled(afterNanoseconds: 30_000_000_000) == 999)
        // Months of uptime: exact integer arithmetic, no float accumulation.
        let ninetyDays: Int64 = 90 * 86_400 * 1_000_000_000
        #expect(ticker.travelled(afterNanoseconds: ninetyDays) == 90 * 86_400 * 333 / 10)
        #expect(ticker.travelled(afterNanoseconds: -5) == 0)
    }

    @Test func sceneFollowsTheInstant() throws {
        let layout = Layout(
            size: PixelSize(width: 100, height: 50),
            regions: [
                Region(
                    id: "top", frame: PixelRect(x: 0, y: 0, width: 100, height: 25), z: 1,
                    items: [
                        Item(durationMilliseconds: 4000, content: .text(TextItem(text: "Một", style: TextStyle()))),
                        Item(durationMilliseconds: 6000, content: .text(TextItem(text: "Hai", style: TextStyle()))),
                    ]),
                Region(
                    id: "under", frame: PixelRect(x: 0, y: 0, width: 100, height: 50), z: 0,
                    items: [
                        Item(durationMilliseconds: 3000, content: .ticker(TickerItem(text: "Chạy", pixelsPerSecond: 10)))
                    ]),
            ])
        let start = Instant(secondsSinceEpoch: 1000)
        let scene = layout.scene(at: start.advanced(byNanoseconds: 5_500_000_000), startedAt: start)
        #expect(scene.regions.map(\.id) == ["under", "top"])  // z order, not file order
        #expect(scene.regions[1].itemIndex == 1)
        // A lone ticker keeps scrolling across its playlist loops: 5.5 s at 10 px/s.
        #expect(scene.regions[0].content == .ticker(TickerItem(text: "Chạy", pixelsPerSecond: 10), travelled: 55))
        // The same inputs give the same scene.
        #expect(layout.scene(at: start.advanced(byNanoseconds: 5_500_000_000), startedAt: start) == scene)
    }

    @Test func tickerInRotationRestartsInItsSlot() {
        let ticker = TickerItem(text: "x", pixelsPerSecond: 10)
        let layout = Layout(
            size: PixelSize(width: 10, height: 10),
            regions: [
                Region(
                    id: "r", frame: PixelRect(x: 0, y: 0, width: 10, height: 10),
                    items: [
                        Item(durationMilliseconds: 2000, content: .text(TextItem(text: "t", style: TextStyle()))),
                        Item(durationMilliseconds: 5000, content: .ticker(ticker)),
                    ])
            ])
        let scene = layout.scene(at: Instant(nanosecondsSinceEpoch: 7_000_000_000 + 3_500_000_000))
        #expect(scene.regions[0].content == .ticker(ticker, travelled: 15))
    }

    @Test func textIsNormalisedToNFC() {
        let nfd = "Thu\u{031B}\u{0323}c hie\u{0302}\u{0323}n"  // "Thực hiện" decomposed
        #expect(TextItem(text: nfd, style: TextStyle()).text.unicodeScalars.count == "Thực hiện".unicodeScalars.count)
        #expect(TextItem(text: nfd, style: TextStyle()).text == "Thực hiện")
    }

    @Test func imageFitPlacement() {
        let box = PixelRect(x: 10, y: 20, width: 200, height: 100)
        let wide = PixelSize(width: 400, height: 100)
        #expect(ImageFit.contain.placement(of: wide, in: box).destination == PixelRect(x: 10, y: 45, width: 200, height: 50))
        #expect(ImageFit.cover.placement(of: wide, in: box).source == PixelRect(x: 100, y: 0, width: 200, height: 100))
        #expect(ImageFit.cover.placement(of: wide, in: box).destination == box)
        #expect(ImageFit.stretch.placement(of: wide, in: box).destination == box)
        let tall = PixelSize(width: 100, height: 400)
        #expect(ImageFit.contain.placement(of: tall, in: box).destination == PixelRect(x: 97, y: 20, width: 25, height: 100))
        #expect(ImageFit.cover.placement(of: tall, in: box).source == PixelRect(x: 0, y: 175, width: 100, height: 50))
    }

    @Test func wrappingBreaksAtSpacesAndInsideOverlongWords() {
        let measure: (String) -> Int = { $0.count }
        #expect(TextWrapping.lines(of: "Bão số 9 đổ bộ", maxWidth: 8, measure: measure) == ["Bão số 9", "đổ bộ"])
        #expect(TextWrapping.lines(of: "abcdefghij xy", maxWidth: 4, measure: measure) == ["abcd", "efgh", "ij", "xy"])
        #expect(TextWrapping.lines(of: "a\n\nb  c", maxWidth: nil, measure: measure) == ["a", "", "b c"])
    }
}
