import Foundation

/// Everything a board shows at one instant, decided; the renderer only turns it into pixels.
///
/// A scene is a pure function of the content and the instant, so `render --at T`, the live
/// player at T and a preview of T all show the same frame.
public struct Scene: Hashable, Sendable {
    /// The board's pixel size.
    public var size: PixelSize
    /// Filled first.
    public var background: Color
    /// Regions in drawing order (z, then file order).
    public var regions: [RegionScene]

    /// Creates a scene.
    public init(size: PixelSize, background: Color, regions: [RegionScene]) {
        self.size = size
        self.background = background
        self.regions = regions
    }
}

/// One region at an instant: which item shows and how far along it is.
public struct RegionScene: Hashable, Sendable {
    /// Index of the region in the layout file.
    public var index: Int
    public var id: String
    public var frame: PixelRect
    public var background: Color?
    public var padding: Int
    /// Index of the showing item in the region's playlist.
    public var itemIndex: Int
    /// What the item shows now.
    public var content: SceneContent

    /// The rectangle text-like content is laid out in.
    public var contentFrame: PixelRect { frame.inset(by: padding) }
}

/// The decided content of a region.
public enum SceneContent: Hashable, Sendable {
    case text(TextItem)
    /// A ticker and the whole pixels it has travelled.
    case ticker(TickerItem, travelled: Int64)
    case image(ImageItem)
    /// A clock and the text it shows now.
    case clock(text: String, style: TextStyle)
}

extension Layout {
    /// The scene this layout shows at `instant`, having started showing at `start`.
    /// - Parameters:
    ///   - instant: the moment to show.
    ///   - start: when the layout began showing; playlists and tickers count from it.
    public func scene(at instant: Instant, startedAt start: Instant = .epoch) -> Scene {
        let zone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: Layout.defaultTimeZone)!
        let elapsed = max(0, instant.nanoseconds(since: start))
        let order = regions.indices.sorted { (regions[$0].z, $0) < (regions[$1].z, $1) }
        let scenes = order.compactMap { index -> RegionScene? in
            let region = regions[index]
            guard let slot = Playlist(durations: region.items.map(\.durationMilliseconds)).slot(at: elapsed) else {
                return nil
            }
            let item = region.items[slot.index]
            let content: SceneContent
            switch item.content {
            case .text(let text): content = .text(text)
            case .image(let image): content = .image(image)
            case .clock(let clock): content = .clock(text: clock.format.text(at: instant, in: zone), style: clock.style)
            case .ticker(let ticker):
                // A lone ticker scrolls on across playlist loops; in a rotation it restarts in its slot.
                let moving = region.items.count == 1 ? elapsed : slot.elapsedNanoseconds
                content = .ticker(ticker, travelled: ticker.travelled(afterNanoseconds: moving))
            }
            return RegionScene(
                index: index, id: region.id, frame: region.frame, background: region.background,
                padding: region.padding, itemIndex: slot.index, content: content)
        }
        return Scene(size: size, background: background, regions: scenes)
    }
}
