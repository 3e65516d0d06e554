/// Why a scene shows what it shows: the decision behind it, carried with it so proof of play
/// and status reports are a function of the scenes shown.
public struct SceneDecision: Hashable, Sendable {
    /// Why the main layer won.
    public enum Reason: Hashable, Sendable {
        /// One or more active emergency alerts pre-empt everything.
        case alert
        /// An interrupt entry playing its share of voice.
        case interrupt(playsPerHour: Int)
        /// The highest-priority eligible entries, in rotation.
        case rotation
        /// Nothing eligible: the bundle's default layout.
        case defaultLayout
        /// A single layout played on its own (no schedule).
        case single
        /// No valid content yet: the waiting screen.
        case waiting
    }

    /// The main layout showing (the layout's name in the bundle).
    public var layout: String
    /// The schedule entry it comes from; nil for the default layout, a single layout, an alert
    /// or the waiting screen.
    public var entry: String?
    /// The winning priority; nil where no entry won.
    public var priority: Priority?
    public var reason: Reason
    /// The alerts shown, most urgent first (reason `.alert`).
    public var alerts: [String]
    /// When this play of the main layout began: its playlists count from here (time it was
    /// hidden by an interrupt left out, so after one this lies before the interrupt's end).
    public var since: Instant
    /// When it last came into view (after an interrupt, the interrupt's end).
    public var showingSince: Instant
    /// When it ends if nothing cuts it short.
    public var plannedEnd: Instant
    /// Overlay layouts drawn on top, with their entries and when each came on.
    public var overlays: [OverlayDecision]
    /// For warnings shown in the scheduled layout's `alertRegion`: that layout's play, which goes
    /// on around the banner (its other regions stay in view and are played). Nil otherwise.
    public var playingOn: PlayingOn?

    /// A layout's play going on while warnings show in its `alertRegion`.
    public struct PlayingOn: Hashable, Sendable {
        /// When its play began (its playlists count from here).
        public var since: Instant
        /// When it last came into view.
        public var showingSince: Instant
        /// When it ends if nothing cuts it short.
        public var plannedEnd: Instant
        /// Why it is the layout scheduled (an interrupt, a rotation …).
        public var reason: Reason
        /// The banner's regions have this index and above; the layout's own are below.
        public var bannerFirstIndex: Int

        /// Creates one.
        public init(since: Instant, showingSince: Instant, plannedEnd: Instant, reason: Reason, bannerFirstIndex: Int) {
            self.since = since
            self.showingSince = showingSince
            self.plannedEnd = plannedEnd
            self.reason = reason
            self.bannerFirstIndex = bannerFirstIndex
        }
    }

    /// Creates a decision.
    public init(
        layout: String, entry: String? = nil, priority: Priority? = nil, reason: Reason, alerts: [String] = [],
        since: Instant = .epoch, showingSince: Instant? = nil, plannedEnd: Instant = .distantFuture,
        overlays: [OverlayDecision] = [], playingOn: PlayingOn? = nil
    ) {
        self.layout = layout
        self.entry = entry
        self.priority = priority
        self.reason = reason
        self.alerts = alerts
        self.since = since
        self.showingSince = showingSince ?? since
        self.plannedEnd = plannedEnd
        self.overlays = overlays
        self.playingOn = playingOn
    }

    /// One line for logs and plans: `sang (tin-sang, commune 10): highest priority eligible`.
    public var summary: String {
        var text = layout
        var origin: [String] = []
        if let entry { origin.append(entry) }
        if let priority { origin.append("priority \(priority)") }
        if !origin.isEmpty { text += " (\(origin.joined(separator: ", ")))" }
        switch reason {
        case .alert: text += ": emergency alert \(alerts.joined(separator: ", ")) pre-empts everything"
        case .interrupt(let perHour): text += ": interrupt, \(perHour) plays an hour"
        case .rotation: text += ": highest priority eligible"
        case .defaultLayout: text += ": nothing eligible, default layout"
        case .single: text += ": single layout"
        case .waiting: text += ": waiting for valid content"
        }
        return text
    }
}

/// An overlay drawn over the main layer, and why.
public struct OverlayDecision: Hashable, Sendable {
    public var layout: String
    public var entry: String
    /// When it came on.
    public var since: Instant

    /// Creates an overlay decision.
    public init(layout: String, entry: String, since: Instant) {
        self.layout = layout
        self.entry = entry
        self.since = since
    }
}

extension Instant {
    /// The last representable instant: "never" for ends that are not planned.
    public static let distantFuture = Instant(nanosecondsSinceEpoch: .max)
}
