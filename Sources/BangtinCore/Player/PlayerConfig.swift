import Foundation

/// How a board's player runs: which content, where its window goes, when it is lit.
public struct PlayerConfig: Hashable, Sendable {
    /// Where the window goes.
    public enum WindowMode: String, Hashable, Sendable, CaseIterable {
        /// Fullscreen on `display` at the display's resolution.
        case fullscreen
        /// A borderless window of exact size at an exact position: what LED sender cards capture.
        case borderless
        /// A normal window, for trying things out.
        case windowed
    }

    /// How frames reach the screen.
    public enum RendererKind: String, Hashable, Sendable, CaseIterable {
        /// Accelerated with vsync where the display has it, else software.
        case auto
        /// SDL's software renderer: pixel-identical to `render`, redraws only what changed.
        case software
        /// The GPU renderer with vsync.
        case accelerated
    }

    /// The board's identity in logs, reports and MQTT topics: a `SafeIdentifier`.
    public var board: String
    /// Bundle folder or layout file (relative paths are relative to the config file).
    public var content: String?
    public var window: WindowMode
    public var display: Int
    /// Window position and size; size nil means the board's pixel size.
    public var x: Int
    public var y: Int
    public var width: Int?
    public var height: Int?
    public var renderer: RendererKind
    /// Overrides the content's time zone for operating hours and brightness, if set.
    public var timeZone: String?
    /// Folder for cached content (used by content sync).
    public var cache: String?
    /// Content sync: the source's `http(s)://` base URL or a folder (USB stick); nil for none.
    public var source: String?
    /// The bundle this board plays (as `pack --bundle` named it): manifests of others are refused.
    public var bundle: String?
    /// Public key files the board trusts for bundles (relative to the config file).
    public var trust: [String]
    /// Seconds between polls of the source.
    public var pollEvery: Int
    /// Megabytes the cache may hold.
    public var cacheBudgetMB: Int
    /// An HTTP proxy for the source.
    public var proxy: String?
    /// A private CA bundle (PEM) for the source's TLS certificate.
    public var caBundle: String?
    /// Whether the schedule runs on the clock corrected by trusted times (docs/protocol.md).
    public var correctClock: Bool
    /// A bandwidth cap for sync, in kilobytes a second.
    public var maxRateKB: Int?
    /// The board's identity towards its source: a client certificate and key (PEM), or a file
    /// holding a bearer token.
    public var clientCert: String?
    public var clientKey: String?
    public var tokenFile: String?
    /// Where the board stands, for deciding which warnings are its own.
    public var area: BoardArea
    /// How warnings reach the board (docs/alerts.md).
    public var alerts: AlertDelivery
    /// Proof of play, status and screenshots (docs/protocol.md).
    public var report: ReportSettings

    /// trace, debug, info, notice, warning, error, critical.
    public var logLevel: String
    public var hours: BoardHours
    /// Fractional ticker positions (smooth on LCDs with a GPU); whole pixels otherwise.
    public var smoothTicker: Bool
    /// Frame rate when the display gives no vsync.
    public var fps: Int
    /// Seconds between frame-time log lines.
    public var statsEvery: Int

    /// A player with every default: a window the board's size, always on, full brightness.
    public init() {
        board = "bangtin"
        content = nil
        window = .windowed
        display = 0
        x = 0
        y = 0
        width = nil
        height = nil
        renderer = .auto
        timeZone = nil
        cache = nil
        source = nil
        bundle = nil
        trust = []
        pollEvery = 300
        cacheBudgetMB = 2048
        proxy = nil
        caBundle = nil
        correctClock = false
        maxRateKB = nil
        clientCert = nil
        clientKey = nil
        tokenFile = nil
        area = BoardArea()
        alerts = AlertDelivery()
        report = ReportSettings()
        logLevel = "info"
        hours = BoardHours()
        smoothTicker = false
        fps = 60
        statsEvery = 300
    }

    static let logLevels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]

    /// Decodes a config file, naming every problem by key.
    public static func decode(_ bytes: [UInt8]) -> (config: PlayerConfig?, problems: [Problem]) {
        var problems: [Problem] = []
        var config = PlayerConfig()
        guard var top = ObjectReader.document(bytes, problems: &problems) else { return (nil, problems) }
        if let board = top.string("board", problems: &problems) {
            if let problem = SafeIdentifier.problem(with: board, at: "board") { problems.append(problem) }
            config.board = board
        }
        config.content = top.string("content", problems: &problems)
        if let node = top.node("window"), var window = ObjectReader(node, path: "window", problems: &problems) {
            config.window = window.choice("mode", WindowMode.self, problems: &problems) ?? .windowed
            config.display = window.integer("display", in: 0...15, problems: &problems) ?? 0
            config.x = window.integer("x", in: -32768...32767, problems: &problems) ?? 0
            config.y = window.integer("y", in: -32768...32767, problems: &problems) ?? 0
            config.width = window.integer("width", in: 1...Limits.boardSide, problems: &problems)
            config.height = window.integer("height", in: 1...Limits.boardSide, problems: &problems)
            if let width = config.width, let height = config.height, width * height > Limits.boardPixels {
                problems.append(
                    Problem(
                        path: "window",
                        message: "a \(width)×\(height) window is larger than \(Limits.boardPixels) pixels (8K UHD)"))
            }
            window.reportUnknownKeys(problems: &problems)
        }
        config.renderer = top.choice("renderer", RendererKind.self, problems: &problems) ?? .auto
        if let zone = top.string("timezone", problems: &problems) {
            if TimeZoneCheck.isKnown(zone) {
                config.timeZone = zone
            } else {
                problems.append(
                    Problem(
                        path: "timezone",
                        message: "unknown time zone \"\(zone)\" (expected an IANA name such as Asia/Ho_Chi_Minh)"))
            }
        }
        config.cache = top.string("cache", problems: &problems)
        decodeSync(&top, into: &config, problems: &problems)
        decodeAlerts(&top, into: &config, problems: &problems)
        decodeReport(&top, into: &config, problems: &problems)
        if let level = top.string("logLevel", problems: &problems) {
            if logLevels.contains(level) {
                config.logLevel = level
            } else {
                problems.append(
                    Problem(
                        path: "logLevel", message: "unknown level \"\(level)\" (expected \(logLevels.joined(separator: ", ")))"))
            }
        }
        for (index, node) in (top.array("operatingHours", problems: &problems) ?? []).enumerated() {
            if let part = DaypartDecoder.decode(node, path: "operatingHours[\(index)]", problems: &problems) {
                config.hours.operating.append(part)
            }
        }
        for (index, node) in (top.array("brightness", problems: &problems) ?? []).enumerated() {
            let path = "brightness[\(index)]"
            let part = DaypartDecoder.decode(node, path: path, allowing: ["percent"], problems: &problems)
            guard var reader = ObjectReader(node, path: path, problems: &problems) else { continue }
            let percent = reader.integer("percent", required: true, in: 1...100, problems: &problems)
            if let part, let percent { config.hours.brightness.append((part, percent)) }
        }
        config.smoothTicker = top.bool("smoothTicker", problems: &problems) ?? false
        config.fps = top.integer("fps", in: 1...240, problems: &problems) ?? 60
        config.statsEvery = top.integer("statsEvery", in: 1...86_400, problems: &problems) ?? 300
        top.reportUnknownKeys(problems: &problems)
        return (problems.isEmpty ? config : nil, problems)
    }
}

extension PlayerConfig {
    /// The content sync keys: `source`, `trust`, `pollEvery`, `cacheBudgetMB`, `proxy`,
    /// `caBundle`, `correctClock`.
    fileprivate static func decodeSync(_ top: inout ObjectReader, into config: inout PlayerConfig, problems: inout [Problem]) {
        config.source = top.string("source", problems: &problems)
        config.bundle = top.string("bundle", maxCharacters: 200, problems: &problems)
        if let bundle = config.bundle, let problem = BundleName.problem(with: bundle, at: "bundle") { problems.append(problem) }
        for (index, node) in (top.array("trust", maxCount: 16, problems: &problems) ?? []).enumerated() {
            guard case .string(let path) = node.value, !path.isEmpty else {
                problems.append(Problem(path: "trust[\(index)]", message: "must be the path of a .pub key file"))
                continue
            }
            config.trust.append(path)
        }
        config.pollEvery = top.integer("pollEvery", in: 10...86_400, problems: &problems) ?? 300
        config.cacheBudgetMB = top.integer("cacheBudgetMB", in: 16...1_000_000, problems: &problems) ?? 2048
        config.proxy = top.string("proxy", problems: &problems)
        config.caBundle = top.string("caBundle", problems: &problems)
        config.correctClock = top.bool("correctClock", problems: &problems) ?? false
        config.maxRateKB = top.integer("maxRateKB", in: 1...1_000_000, problems: &problems)
        config.clientCert = top.string("clientCert", problems: &problems)
        config.clientKey = top.string("clientKey", problems: &problems)
        config.tokenFile = top.string("tokenFile", problems: &problems)
        if config.source != nil {
            if config.trust.isEmpty {
                problems.append(Problem(path: "trust", message: "a board with a source must trust at least one public key"))
            }
            if config.bundle == nil {
                problems.append(Problem(path: "bundle", message: "a board with a source must name the bundle it plays"))
            }
            if config.cache == nil {
                problems.append(Problem(path: "cache", message: "a board with a source needs a cache folder"))
            }
        }
    }
}

/// How warnings reach a board: an alerts folder (a USB stick or an operator's drop folder), a
/// URL polled with conditional requests, later MQTT. Every path carries signed envelopes.
public struct AlertDelivery: Hashable, Sendable {
    /// A folder watched for envelope files.
    public var folder: String?
    /// A URL polled for an envelope.
    public var pollURL: String?
    /// Seconds between polls.
    public var pollEvery: Int
    /// Whether Exercise and Test warnings show (marked as such).
    public var showTests: Bool
    /// Where received warnings are kept across power cuts (default: `<cache>/alerts`).
    public var store: String?
    /// The MQTT broker (`mqtt://host:port` or `mqtts://…`) pushing warnings.
    public var mqttURL: String?
    /// Topic filters; empty means the board's own: `bangtin/<province>/alerts`,
    /// `bangtin/<province>/<commune>/alerts` and `bangtin/board/<board>/alerts`.
    public var mqttTopics: [String]
    public var mqttUsername: String?
    public var mqttPassword: String?
    /// A private CA (PEM) for `mqtts://`.
    public var mqttCAFile: String?
    /// The keys that may sign warnings, apart from the content keys (`alerts.trust`).
    public var trust: [WarningKeyFile]
    /// How long a warning without `expires` lives, and how far ahead of the board's clock it
    /// may be sent (`alerts.maxLifeHours`, `alerts.maxAheadMinutes`).
    public var freshness: WarningFreshness

    /// No delivery configured.
    public init() {
        folder = nil
        pollURL = nil
        pollEvery = 10
        showTests = false
        store = nil
        mqttURL = nil
        mqttTopics = []
        mqttUsername = nil
        mqttPassword = nil
        mqttCAFile = nil
        trust = []
        freshness = WarningFreshness()
    }

    /// Whether any path is configured.
    public var isConfigured: Bool { folder != nil || pollURL != nil || mqttURL != nil }

    /// The topics a board takes warnings from: the configured ones, else its province's, its
    /// commune's (alone, as `alert publish` names it, and under its province) and its own
    /// (docs/alerts.md).
    public func topics(board: String, area: BoardArea) -> [String] {
        if !mqttTopics.isEmpty { return mqttTopics }
        var topics: [String] = []
        if let province = area.province { topics.append("bangtin/\(province)/alerts") }
        if let commune = area.commune {
            topics.append("bangtin/\(commune)/alerts")
            if let province = area.province { topics.append("bangtin/\(province)/\(commune)/alerts") }
        }
        topics.append("bangtin/board/\(board)/alerts")
        return topics
    }

    /// The filters a board subscribes to: each topic and every level under it (`T/#` matches
    /// `T` too), where the retained current warnings are kept, one a topic
    /// (`bangtin/56/alerts/<id>`).
    public func subscriptions(board: String, area: BoardArea) -> [String] {
        topics(board: board, area: area).map { $0.hasSuffix("#") ? $0 : $0 + "/#" }
    }
}

extension PlayerConfig {
    /// `area` (`province`, `commune`, `lat`, `lon`) and `alerts` (`folder`, `poll.url`,
    /// `poll.every`, `showTests`, `store`).
    fileprivate static func decodeAlerts(
        _ top: inout ObjectReader, into config: inout PlayerConfig, problems: inout [Problem]
    ) {
        if let node = top.node("area"), var area = ObjectReader(node, path: "area", problems: &problems) {
            if let province = area.string("province", problems: &problems) {
                if province.count == 2, province.allSatisfy(\.isNumber) {
                    config.area.province = province
                } else {
                    problems.append(
                        Problem(path: "area.province", message: "must be a 2-digit province code (Decision 19/2025/QĐ-TTg)"))
                }
            }
            if let commune = area.string("commune", problems: &problems) {
                if commune.count == 5, commune.allSatisfy(\.isNumber) {
                    config.area.commune = commune
                } else {
                    problems.append(
                        Problem(
                            path: "area.commune",
                            message:
                                "must be a 5-digit commune code (Decision 19/2025/QĐ-TTg; district codes ended on 1 July 2025)"))
                }
            }
            let lat = area.number("lat", problems: &problems)
            let lon = area.number("lon", problems: &problems)
            if let lat, let lon {
                if (-90...90).contains(lat) && (-180...180).contains(lon) {
                    config.area.location = GeoPoint(latitude: lat, longitude: lon)
                } else {
                    problems.append(Problem(path: "area", message: "lat must be -90…90 and lon -180…180"))
                }
            } else if (lat == nil) != (lon == nil) {
                problems.append(Problem(path: "area", message: "give both lat and lon, or neither"))
            }
            area.reportUnknownKeys(problems: &problems)
        }
        if let node = top.node("alerts"), var alerts = ObjectReader(node, path: "alerts", problems: &problems) {
            config.alerts.folder = alerts.string("folder", problems: &problems)
            config.alerts.store = alerts.string("store", problems: &problems)
            config.alerts.showTests = alerts.bool("showTests", problems: &problems) ?? false
            if let mqtt = alerts.node("mqtt"), var reader = ObjectReader(mqtt, path: "alerts.mqtt", problems: &problems) {
                config.alerts.mqttURL = reader.string("url", required: true, problems: &problems)
                if let url = config.alerts.mqttURL, !(url.hasPrefix("mqtt://") || url.hasPrefix("mqtts://")) {
                    problems.append(Problem(path: "alerts.mqtt.url", message: "must start with mqtt:// or mqtts://"))
                }
                for (index, node) in (reader.array("topics", maxCount: 32, problems: &problems) ?? []).enumerated() {
                    guard case .string(let topic) = node.value, !topic.isEmpty else {
                        problems.append(Problem(path: "alerts.mqtt.topics[\(index)]", message: "must be a topic filter"))
                        continue
                    }
                    config.alerts.mqttTopics.append(topic)
                }
                config.alerts.mqttUsername = reader.string("username", problems: &problems)
                config.alerts.mqttPassword = reader.string("password", problems: &problems)
                config.alerts.mqttCAFile = reader.string("caFile", problems: &problems)
                reader.reportUnknownKeys(problems: &problems)
            }
            if let poll = alerts.node("poll"), var reader = ObjectReader(poll, path: "alerts.poll", problems: &problems) {
                config.alerts.pollURL = reader.string("url", required: true, problems: &problems)
                config.alerts.pollEvery = reader.integer("every", in: 1...3_600, problems: &problems) ?? 10
                reader.reportUnknownKeys(problems: &problems)
            }
            decodeWarningKeys(&alerts, into: &config.alerts, problems: &problems)
            alerts.reportUnknownKeys(problems: &problems)
            if config.alerts.isConfigured, config.alerts.trust.isEmpty {
                problems.append(
                    Problem(
                        path: "alerts.trust",
                        message:
                            "a board that takes warnings must trust at least one warning key (the content keys in \"trust\" sign no warnings)"
                    ))
            }
            if config.alerts.isConfigured, config.area.province == nil, config.area.commune == nil, config.area.location == nil {
                problems.append(
                    Problem(path: "area", message: "a board that takes warnings needs its province, commune or coordinates"))
            }
        }
    }
}

/// A key that may sign warnings, as `alerts.trust` names it: its `.pub` file, and the scope
/// when the configuration gives it (else the file's `scope` line).
public struct WarningKeyFile: Hashable, Sendable {
    /// The `.pub` file (relative to the configuration file).
    public var path: String
    /// The scope given in the configuration, which wins over the file's.
    public var scope: WarningScope?

    /// Creates an entry.
    public init(path: String, scope: WarningScope? = nil) {
        self.path = path
        self.scope = scope
    }
}

extension PlayerConfig {
    /// `alerts.trust` (a `.pub` path, or `{"key", "senders", "areas", "certifies"}`),
    /// `alerts.maxLifeHours` and `alerts.maxAheadMinutes`.
    fileprivate static func decodeWarningKeys(
        _ alerts: inout ObjectReader, into delivery: inout AlertDelivery, problems: inout [Problem]
    ) {
        for (index, node) in (alerts.array("trust", maxCount: 64, problems: &problems) ?? []).enumerated() {
            let path = "alerts.trust[\(index)]"
            if case .string(let file) = node.value, !file.isEmpty {
                delivery.trust.append(WarningKeyFile(path: file))
                continue
            }
            guard case .object = node.value, var entry = ObjectReader(node, path: path, problems: &problems) else {
                problems.append(
                    Problem(path: path, message: "must be the path of a .pub key file, or {\"key\", \"senders\", \"areas\"}"))
                continue
            }
            let file = entry.string("key", required: true, problems: &problems)
            var senders: [String] = []
            var areas: [String] = []
            for (name, into) in [("senders", 0), ("areas", 1)] {
                for (element, value) in (entry.array(name, maxCount: 5_000, problems: &problems) ?? []).enumerated() {
                    guard case .string(let text) = value.value else {
                        problems.append(Problem(path: "\(path).\(name)[\(element)]", message: "must be a string"))
                        continue
                    }
                    if into == 0 { senders.append(text) } else { areas.append(text) }
                }
            }
            let certifies = entry.bool("certifies", problems: &problems) ?? false
            entry.reportUnknownKeys(problems: &problems)
            var scope: WarningScope?
            if !senders.isEmpty || !areas.isEmpty || certifies {
                let given = WarningScope(senders: senders, areas: areas, certifies: certifies)
                if senders.isEmpty || areas.isEmpty {
                    problems.append(Problem(path: path, message: "a scope needs both senders and areas"))
                } else if let problem = given.problem(path: path) {
                    problems.append(problem)
                } else {
                    scope = given
                }
            }
            if let file { delivery.trust.append(WarningKeyFile(path: file, scope: scope)) }
        }
        if let hours = alerts.integer("maxLifeHours", in: 1...8_760, problems: &problems) {
            delivery.freshness.maxLife = Int64(hours) * 3_600_000_000_000
        }
        if let minutes = alerts.integer("maxAheadMinutes", in: 0...10_080, problems: &problems) {
            delivery.freshness.maxAhead = Int64(minutes) * 60_000_000_000
        }
    }
}

/// Time zone names, checked against the system's database.
enum TimeZoneCheck {
    static func isKnown(_ name: String) -> Bool { TimeZone(identifier: name) != nil }
}

extension PlayerConfig {
    /// Where the window goes and how it draws: a change means opening the window again.
    public struct Placement: Hashable, Sendable {
        public var window: WindowMode
        public var display: Int
        public var x: Int
        public var y: Int
        public var width: Int?
        public var height: Int?
        public var renderer: RendererKind
    }

    /// The settings that place and draw the window.
    public var placement: Placement {
        Placement(window: window, display: display, x: x, y: y, width: width, height: height, renderer: renderer)
    }

    /// Settings given on the command line: they win over the configuration file, also when it
    /// is read again on SIGHUP.
    public struct Overrides: Hashable, Sendable {
        /// The content named on the command line.
        public var content: String?
        public var window: WindowMode?
        public var x: Int?
        public var y: Int?
        public var display: Int?
        public var renderer: RendererKind?
        public var statsEvery: Int?

        /// No overrides.
        public init(
            content: String? = nil, window: WindowMode? = nil, x: Int? = nil, y: Int? = nil, display: Int? = nil,
            renderer: RendererKind? = nil, statsEvery: Int? = nil
        ) {
            self.content = content
            self.window = window
            self.x = x
            self.y = y
            self.display = display
            self.renderer = renderer
            self.statsEvery = statsEvery
        }

        /// `config` with these settings in place of its own.
        public func applied(to config: PlayerConfig) -> PlayerConfig {
            var config = config
            if let content { config.content = content }
            if let window { config.window = window }
            if let x { config.x = x }
            if let y { config.y = y }
            if let display { config.display = display }
            if let renderer { config.renderer = renderer }
            if let statsEvery { config.statsEvery = statsEvery }
            return config
        }
    }
}
