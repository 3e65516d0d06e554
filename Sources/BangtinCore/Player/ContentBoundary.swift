extension Scene {
    /// The next clean boundary after `instant`: the earliest moment an item of the main layout
    /// gives way or the layout's play ends, where new content can take over without cutting
    /// anything short. Nil when nothing on screen ends.
    public func nextBoundary(after instant: Instant) -> Instant? {
        var ends = main.regions.map(\.itemUntil)
        ends.append(decision.plannedEnd)
        return ends.filter { $0 > instant }.min()
    }
}
