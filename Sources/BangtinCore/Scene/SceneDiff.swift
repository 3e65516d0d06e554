extension Scene {
    /// The rectangles that differ from `previous`, or nil when the whole board must be redrawn
    /// (another layout, a transition, overlays coming or going). Lets a player redraw only a
    /// moving ticker instead of 2 million pixels every frame.
    public func dirtyRects(since previous: Scene) -> [PixelRect]? {
        guard size == previous.size, transition == nil, previous.transition == nil,
            main.name == previous.main.name, main.background == previous.main.background,
            main.regions.count == previous.main.regions.count,
            overlays.map(\.name) == previous.overlays.map(\.name)
        else { return nil }
        var rects: [PixelRect] = []
        for (now, before) in zip(main.regions, previous.main.regions) {
            guard now.index == before.index, now.frame == before.frame else { return nil }
            if now != before { rects.append(now.frame) }
        }
        for (now, before) in zip(overlays, previous.overlays) {
            guard now.regions.count == before.regions.count else { return nil }
            for (a, b) in zip(now.regions, before.regions) where a != b {
                guard a.frame == b.frame else { return nil }
                rects.append(a.frame)
            }
        }
        return rects
    }
}

extension Scene {
    /// The rectangles whose pixels move while the scene holds: tickers, and regions in the
    /// middle of an item transition. Everything else stays as it was drawn at any instant of
    /// the scene's stable time.
    public var movingRects: [PixelRect] {
        ([main] + overlays).flatMap { layout in
            layout.regions.compactMap { region -> PixelRect? in
                if region.transition != nil { return region.frame }
                if case .ticker = region.content { return region.frame }
                return nil
            }
        }
    }

    /// Whether nothing is in transition: neither the layout nor any region's item.
    public var isStill: Bool {
        transition == nil && ([main] + overlays).allSatisfy { $0.regions.allSatisfy { $0.transition == nil } }
    }

    /// Whether the two scenes show the same thing but for their moving parts (tickers' travel,
    /// how far item transitions have got): what one drew outside `movingRects` is what the
    /// other would draw.
    public func showsTheSame(as other: Scene) -> Bool {
        size == other.size && transition == nil && other.transition == nil && stilled == other.stilled
    }

    /// The scene with every ticker at its start and every item transition at its beginning.
    private var stilled: Scene {
        var copy = self
        copy.main = main.stilled
        copy.overlays = overlays.map(\.stilled)
        return copy
    }
}

extension LayoutScene {
    fileprivate var stilled: LayoutScene {
        var copy = self
        for index in copy.regions.indices {
            if case .ticker(let ticker, _, _) = copy.regions[index].content {
                copy.regions[index].content = .ticker(ticker, travelled: 0, subpixel: 0)
            }
            copy.regions[index].transition?.progress = 0
        }
        return copy
    }
}
