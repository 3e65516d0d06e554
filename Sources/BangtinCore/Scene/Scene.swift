import Foundation

/// Everything a board shows at one instant, decided; the renderer only turns it into pixels.
///
/// A scene is a pure function of the content and the instant, so `render --at T`, the live
/// player at T and a preview of T all show the same frame.
public struct Scene: Hashable, Sendable {
    /// The board's pixel size.
    public var size: PixelSize
    /// The main layout, exactly one at every instant.
    public var main: LayoutScene
    /// A layout change in progress: the outgoing main layout, still animating.
    public var transition: Transitioning<LayoutScene>?
    /// Layouts drawn over the main one (their backgrounds are not drawn), in order.
    public var overlays: [LayoutScene]
    /// Why it shows what it shows (entry, layout, priority, reason).
    public var decision: SceneDecision

    /// Creates a scene; without a decision, the main layout plays on its own.
    public init(
        main: LayoutScene, transition: Transitioning<LayoutScene>? = nil, overlays: [LayoutScene] = [],
        decision: SceneDecision? = nil
    ) {
        self.size = main.size
        self.main = main
        self.transition = transition
        self.overlays = overlays
        self.decision = decision ?? SceneDecision(layout: main.name, reason: .single)
    }
}

/// One layout at an instant: its regions, each with its item decided.
public struct LayoutScene: Hashable, Sendable {
    /// The layout's name (for labels and logs).
    public var name: String
    /// The board's pixel size.
    public var size: PixelSize
    /// Filled first.
    public var background: Color
    /// Regions in drawing order (z, then file order).
    public var regions: [RegionScene]
    /// Folder the layout's asset paths are relative to.
    public var assetRoot: String

    /// Creates a layout scene.
    public init(name: String = "", size: PixelSize, background: Color, regions: [RegionScene], assetRoot: String = "") {
        self.name = name
        self.size = size
        self.background = background
        self.regions = regions
        self.assetRoot = assetRoot
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
    /// When the showing item came on, and when it gives way if the layout plays on.
    public var itemSince: Instant
    public var itemUntil: Instant
    /// What the item shows now.
    public var content: SceneContent
    /// The previous item giving way, while the item's transition runs.
    public var transition: Transitioning<SceneContent>?
    /// For a ticker: the instant its travel counts from (nil for other content).
    public var motionOrigin: Instant?

    /// The rectangle text-like content is laid out in.
    public var contentFrame: PixelRect { frame.inset(by: padding) }
}

/// The decided content of a region.
public enum SceneContent: Hashable, Sendable {
    case text(TextItem)
    /// A ticker and the whole pixels it has travelled, plus thousandths of a pixel when the
    /// scene was asked for sub-pixel motion (smooth tickers on LCDs).
    case ticker(TickerItem, travelled: Int64, subpixel: Int = 0)
    case image(ImageItem)
    /// A clock and the text it shows now.
    case clock(text: String, style: TextStyle)
}

extension Layout {
    /// The scene this layout shows at `instant`, having started showing at `start`.
    /// - Parameters:
    ///   - instant: the moment to show.
    ///   - start: when the layout began showing; playlists and tickers count from it.
    /// - Parameter subpixel: report ticker positions to a thousandth of a pixel (else whole pixels).
    public func scene(at instant: Instant, startedAt start: Instant = .epoch, subpixel: Bool = false) -> LayoutScene {
        timedScene(at: instant, startedAt: start, subpixel: subpixel).scene
    }

    /// The scene at `instant` and the instant until which it changes only by its tickers'
    /// travel (`LayoutScene.advanced(to:subpixel:)`): the next item change, the next second
    /// when a clock shows, `instant` itself while an item transition runs.
    public func timedScene(at instant: Instant, startedAt start: Instant = .epoch, subpixel: Bool = false) -> (
        scene: LayoutScene, stableUntil: Instant
    ) {
        let elapsed = max(0, instant.nanoseconds(since: start))
        var stableUntil = instant < start ? start : Instant(nanosecondsSinceEpoch: .max)
        let scenes = drawingOrder.compactMap { index -> RegionScene? in
            let region = regions[index]
            guard let slot = Playlist.slot(at: elapsed, durations: region.items.lazy.map(\.durationMilliseconds)) else {
                return nil
            }
            stableUntil = min(stableUntil, instant.advanced(byNanoseconds: slot.remainingNanoseconds))
            let content = region.content(
                of: slot.index, elapsed: elapsed, inSlot: slot.elapsedNanoseconds, at: instant, zone: zone, subpixel: subpixel)
            var scene = RegionScene(
                index: index, id: region.id, frame: region.frame, background: region.background,
                padding: region.padding, itemIndex: slot.index,
                itemSince: instant.advanced(byNanoseconds: -slot.elapsedNanoseconds),
                itemUntil: instant.advanced(byNanoseconds: slot.remainingNanoseconds), content: content)
            switch content {
            case .clock:
                // Clock texts change on whole seconds at most.
                stableUntil = min(stableUntil, instant.nextWholeSecond)
            case .ticker:
                // Travel counts from the layout's start (a lone ticker) or from its slot's.
                let fromSlot = region.items.count == 1 ? 0 : elapsed - slot.elapsedNanoseconds
                scene.motionOrigin = start.advanced(byNanoseconds: fromSlot)
            case .text, .image:
                break
            }
            // The item's own transition plays as it comes on over the item before it (not when
            // the layout itself starts: that is the layout's transition).
            let spec = region.items[slot.index].transition
            if region.items.count > 1, elapsed > slot.elapsedNanoseconds,
                let progress = spec.progress(afterNanoseconds: slot.elapsedNanoseconds)
            {
                let previous = (slot.index + region.items.count - 1) % region.items.count
                let outgoing = region.content(
                    of: previous, elapsed: elapsed,
                    inSlot: region.items[previous].durationMilliseconds * 1_000_000 + slot.elapsedNanoseconds,
                    at: instant, zone: zone, subpixel: subpixel)
                scene.transition = Transitioning(from: outgoing, kind: spec.kind, progress: progress)
                stableUntil = instant
            }
            return scene
        }
        let scene = LayoutScene(name: name ?? "", size: size, background: background, regions: scenes, assetRoot: assetRoot)
        return (scene, stableUntil)
    }

    /// The layout as the whole board scene at `instant` (no schedule: one layout, no overlays).
    public func boardScene(at instant: Instant, startedAt start: Instant = .epoch, reason: SceneDecision.Reason = .single)
        -> Scene
    {
        let main = scene(at: instant, startedAt: start)
        return Scene(main: main, decision: SceneDecision(layout: main.name, reason: reason, since: start))
    }
}

extension LayoutScene {
    /// The same scene at a later `instant` of its stable time: every ticker moved on, the same
    /// arithmetic `Layout.scene(at:)` does, nothing else looked at.
    public func advanced(to instant: Instant, subpixel: Bool) -> LayoutScene {
        var moved = self
        for index in moved.regions.indices {
            guard let origin = moved.regions[index].motionOrigin, case .ticker(let ticker, _, _) = moved.regions[index].content
            else { continue }
            moved.regions[index].content = Region.tickerContent(
                ticker, moving: max(0, instant.nanoseconds(since: origin)), subpixel: subpixel)
        }
        return moved
    }
}

extension Region {
    /// What item `index` shows, `inSlot` nanoseconds into its slot, `elapsed` into the layout.
    func content(of index: Int, elapsed: Int64, inSlot: Int64, at instant: Instant, zone: TimeZone, subpixel: Bool)
        -> SceneContent
    {
        switch items[index].content {
        case .text(let text): return .text(text)
        case .image(let image): return .image(image)
        case .clock(let clock): return .clock(text: clock.format.text(at: instant, in: zone), style: clock.style)
        case .ticker(let ticker):
            // A lone ticker scrolls on across playlist loops; in a rotation it restarts in its slot.
            return Region.tickerContent(ticker, moving: items.count == 1 ? elapsed : inSlot, subpixel: subpixel)
        }
    }

    static func tickerContent(_ ticker: TickerItem, moving: Int64, subpixel: Bool) -> SceneContent {
        let millipixels = ticker.travelledMillipixels(afterNanoseconds: moving)
        return .ticker(ticker, travelled: millipixels / 1000, subpixel: subpixel ? Int(millipixels % 1000) : 0)
    }
}
