/// Turns the scenes a board shows into play records: what is on screen is compared with what
/// was, and whatever left is closed as completed (it reached its planned end) or interrupted,
/// with the cause.
///
/// Pure: the frame loop hands it each new scene and the instant; it never reads a clock.
public struct PlayTracker: Sendable {
    /// Who the records are for.
    public var board: String
    /// The content version showing; set when new content is activated.
    public var contentVersion: String?
    private var open: [Key: Play] = [:]
    /// When the tracker last saw the screen (nil after everything was closed).
    private var lastSeen: Instant?
    /// Counts changes to what is open (a play began or ended): a durable recorder saves plays
    /// in progress again when it moves.
    public private(set) var revision = 0

    /// One thing on screen, identified so that a replay is a new play.
    private struct Key: Hashable, Sendable {
        var subject: PlayRecord.Subject
        /// When this play of it began (a layout, overlay or item replaying has a new one).
        var since: Instant
        /// For items: when their layout's play began.
        var layoutSince: Instant
    }

    private struct Play: Sendable {
        var entry: String?
        var shownFrom: Instant
        var plannedEnd: Instant
        var brightness: Int
        var lit: Bool
    }

    /// Creates a tracker with nothing open.
    public init(board: String, contentVersion: String? = nil) {
        self.board = board
        self.contentVersion = contentVersion
    }

    /// Whether anything is being shown.
    public var isEmpty: Bool { open.isEmpty }

    /// What is on screen, as records ending at `instant` interrupted by a power cut: what a
    /// durable recorder keeps so a power cut closes them instead of losing them.
    public func inProgress(at instant: Instant) -> [PlayRecord] {
        open.map { key, play in
            PlayRecord(
                board: board, contentVersion: contentVersion, entry: play.entry, subject: key.subject, start: play.shownFrom,
                end: max(play.shownFrom, instant), outcome: .interrupted(.powerLost), brightness: play.brightness,
                lit: play.lit)
        }.sorted(by: PlayRecord.inOrder)
    }

    /// Notes `scene` on screen at `instant` and returns the records of what is no longer shown.
    /// - Parameter cause: why things may have ended here when the scene alone cannot say (new
    ///   content was activated); nil to work it out from the scenes.
    public mutating func show(
        _ scene: Scene, at instant: Instant, brightness: Int, lit: Bool = true, cause: PlayRecord.Cause? = nil
    ) -> [PlayRecord] {
        let now = Self.plays(in: scene)
        var records: [PlayRecord] = []
        let before = open.count
        let layoutsLeaving = Set(
            open.keys.filter { now[$0] == nil }.compactMap { key -> Instant? in
                switch key.subject {
                case .layout, .overlay: key.since
                case .item, .alert: nil
                }
            })
        let overlaysLeaving = Set(
            open.keys.filter { now[$0] == nil }.compactMap { key -> Instant? in
                if case .overlay = key.subject { key.since } else { nil }
            })
        for (key, play) in open where now[key] == nil {
            if case .alert = key.subject {
                // An alert leaves when it is no longer active (expired, cancelled): its end.
                records.append(close(key, play, at: instant, cause: nil))
                continue
            }
            let why = cause ?? Self.cause(of: key, leaving: layoutsLeaving, overlays: overlaysLeaving, for: scene)
            records.append(close(key, play, at: instant, cause: why))
        }
        for (key, planned) in now where open[key] == nil {
            // Something that came into view between the last look and this one did so when
            // planned (the frame showing it comes a little after); otherwise it was first seen now.
            let appeared = lastSeen.map { planned.appeared > $0 && planned.appeared <= instant } ?? false
            open[key] = Play(
                entry: planned.entry, shownFrom: appeared ? planned.appeared : instant, plannedEnd: planned.end,
                brightness: brightness, lit: lit)
        }
        for key in open.keys where now[key] == nil { open.removeValue(forKey: key) }
        if !records.isEmpty || open.count != before { revision += 1 }
        lastSeen = instant
        return records.sorted(by: PlayRecord.inOrder)
    }

    /// Closes the alerts no longer among `active` as completed at `instant`: an alert ends when
    /// it expires or is cancelled, whatever the board does next.
    public mutating func endAlerts(except active: Set<String>, at instant: Instant) -> [PlayRecord] {
        var records: [PlayRecord] = []
        for (key, play) in open {
            guard case .alert(let id) = key.subject, !active.contains(id) else { continue }
            records.append(close(key, play, at: instant, cause: nil))
            open.removeValue(forKey: key)
        }
        if !records.isEmpty { revision += 1 }
        return records.sorted(by: PlayRecord.inOrder)
    }

    /// Closes everything shown at `instant` (the board went dark, the player stopped, the
    /// clock was set).
    public mutating func closeAll(at instant: Instant, cause: PlayRecord.Cause) -> [PlayRecord] {
        let records = open.map { close($0.key, $0.value, at: instant, cause: cause) }
        if !open.isEmpty { revision += 1 }
        open.removeAll()
        lastSeen = nil
        return records.sorted(by: PlayRecord.inOrder)
    }

    /// The record of a play ending at `instant`: complete when it reached its planned end
    /// (the frame showing what comes next may come a little after), or when there is no
    /// `cause` to cut it short.
    private func close(_ key: Key, _ play: Play, at instant: Instant, cause: PlayRecord.Cause?) -> PlayRecord {
        let reachedEnd = instant >= play.plannedEnd
        let end = reachedEnd ? max(play.shownFrom, play.plannedEnd) : instant
        let outcome: PlayRecord.Outcome = reachedEnd ? .completed : cause.map { .interrupted($0) } ?? .completed
        return PlayRecord(
            board: board, contentVersion: contentVersion, entry: play.entry, subject: key.subject, start: play.shownFrom,
            end: end, outcome: outcome, brightness: play.brightness, lit: play.lit)
    }

    /// Why `key` left when the scene now shows `scene`.
    private static func cause(
        of key: Key, leaving layouts: Set<Instant>, overlays: Set<Instant>, for scene: Scene
    ) -> PlayRecord.Cause {
        var reason = scene.decision.reason
        if reason == .alert {
            // A full-screen warning hides everything.
            guard let on = scene.decision.playingOn else { return .alert }
            // A banner: it takes its region's item and hides the overlays (and their items);
            // what else leaves is cut by the schedule as it would be without the warning.
            switch key.subject {
            case .overlay, .alert: return .alert
            case .item where key.layoutSince == on.since || overlays.contains(key.layoutSince): return .alert
            case .item, .layout: reason = on.reason
            }
        }
        switch key.subject {
        case .item, .overlay:
            if layouts.contains(key.layoutSince) { return .layoutEnded }
        case .layout, .alert:
            break
        }
        if case .interrupt = reason { return .interrupt }
        return .schedule
    }

    /// What `scene` shows, by key: its entry, when it came into view and when it ends as planned.
    private static func plays(in scene: Scene) -> [Key: (entry: String?, appeared: Instant, end: Instant)] {
        let decision = scene.decision
        var plays: [Key: (entry: String?, appeared: Instant, end: Instant)] = [:]
        switch decision.reason {
        case .waiting:
            return [:]
        case .alert:
            // An alert stays on screen, taking turns with others, until it is no longer active.
            for id in decision.alerts {
                plays[Key(subject: .alert(id), since: decision.since, layoutSince: decision.since)] =
                    (nil, decision.since, .distantFuture)
            }
            // A banner in the layout's `alertRegion`: the layout and its other regions play on,
            // as the same plays as before the warning (their keys do not change).
            guard let on = decision.playingOn else { return plays }
            plays[Key(subject: .layout(decision.layout), since: on.since, layoutSince: on.since)] =
                (decision.entry, on.showingSince, on.plannedEnd)
            for region in scene.main.regions where region.index < on.bannerFirstIndex {
                let key = Key(
                    subject: .item(layout: decision.layout, region: region.name, index: region.itemIndex),
                    since: region.itemSince, layoutSince: on.since)
                plays[key] = (decision.entry, max(region.itemSince, on.showingSince), region.itemUntil)
            }
            return plays
        case .interrupt, .rotation, .defaultLayout, .single:
            break
        }
        plays[Key(subject: .layout(decision.layout), since: decision.since, layoutSince: decision.since)] =
            (decision.entry, decision.showingSince, decision.plannedEnd)
        for region in scene.main.regions {
            let key = Key(
                subject: .item(layout: decision.layout, region: region.name, index: region.itemIndex), since: region.itemSince,
                layoutSince: decision.since)
            plays[key] = (decision.entry, max(region.itemSince, decision.showingSince), region.itemUntil)
        }
        for (overlay, layout) in zip(decision.overlays, scene.overlays) {
            plays[Key(subject: .overlay(overlay.layout), since: overlay.since, layoutSince: overlay.since)] =
                (overlay.entry, overlay.since, .distantFuture)
            for region in layout.regions {
                let key = Key(
                    subject: .item(layout: overlay.layout, region: region.name, index: region.itemIndex),
                    since: region.itemSince, layoutSince: overlay.since)
                plays[key] = (overlay.entry, max(region.itemSince, overlay.since), region.itemUntil)
            }
        }
        return plays
    }
}

extension RegionScene {
    /// The region's id, or its place in the layout file when it has none.
    public var name: String { id.isEmpty ? "regions[\(index)]" : id }
}
