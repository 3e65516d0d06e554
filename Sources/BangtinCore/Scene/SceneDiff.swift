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
