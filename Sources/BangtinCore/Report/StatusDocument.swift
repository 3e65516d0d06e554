/// The software's version, as reports and `--version` give it.
public enum BangtinVersion {
    public static let current = "0.5.0"
}

/// What the player's driver knows beyond the state machine, for the status document: sync,
/// disk, clock, errors and the record backlog.
public struct BoardFacts: Sendable {
    /// The board's time zone (the configuration's, else the content's).
    public var timeZone: String = "Asia/Ho_Chi_Minh"
    /// How far the board's clock is behind the newest trusted time, in seconds (nil: not known
    /// to be behind). More than a few seconds means the clock looks wrong.
    public var clockBehindSeconds: Double?
    /// When the last sync succeeded (the board's clock), and the version it brought.
    public var lastSync: Instant?
    public var lastSyncVersion: Int64?
    /// Bytes the content cache holds, and bytes free on its disk.
    public var cacheBytes: Int64?
    public var freeDiskBytes: Int64?
    /// The latest warnings and errors, newest last, with when they happened.
    public var recentErrors: [(at: Instant, message: String)] = []
    /// Records waiting on the board to be uploaded, and the oldest one's start.
    public var backlogLines: Int = 0
    public var backlogBytes: Int64 = 0
    public var backlogOldest: Instant?
    /// When the last batch reached the server.
    public var lastUpload: Instant?

    /// Nothing known.
    public init() {}
}

/// The board's status as uploaded to `<board>/status.json` and printed by `bangtin status`.
public struct StatusDocument: Sendable {
    /// What the state machine reported (nil before the first report).
    public var status: BoardStatus?
    public var facts: BoardFacts

    /// A document of the machine's `status` and the driver's `facts`.
    public init(status: BoardStatus?, facts: BoardFacts) {
        self.status = status
        self.facts = facts
    }

    /// Whether the clock looks wrong: behind the newest trusted time by more than a minute.
    public var clockLooksWrong: Bool { (facts.clockBehindSeconds ?? 0) > 60 }

    /// The document as pretty JSON (keys in a fixed order).
    public var json: String {
        var doc = JSONObject()
        doc.text("software", "bangtin \(BangtinVersion.current)")
        if let status {
            doc.text("board", status.board)
            doc.text("at", ISO8601.format(status.at))
            doc.number("uptimeSeconds", Double(status.uptimeNanoseconds / 1_000_000) / 1000)
            var showing = JSONObject()
            if let decision = status.showing {
                showing.text("layout", decision.layout)
                showing.text("entry", decision.entry)
                showing.text("why", decision.summary)
                showing.text("since", decision.showingSince == .epoch ? nil : ISO8601.format(decision.showingSince))
            }
            doc.raw("showing", status.showing == nil ? "null" : showing.text(indent: 1))
            doc.raw("alerts", "[" + status.alerts.map(JSONText.quoted).joined(separator: ", ") + "]")
            doc.raw("lit", status.lit ? "true" : "false")
            doc.number("brightness", Double(status.brightness))
            doc.text("bundleVersion", status.contentVersion)
            doc.text("contentProblem", status.contentProblem)
            var display = JSONObject()
            display.number("width", Double(status.boardSize.width))
            display.number("height", Double(status.boardSize.height))
            display.text("renderer", status.renderer)
            doc.raw("display", display.text(indent: 1))
            var frames = JSONObject()
            frames.number("p50Ms", status.frames.p50Milliseconds)
            frames.number("p99Ms", status.frames.p99Milliseconds)
            frames.number("maxMs", status.frames.maxMilliseconds)
            frames.number("frames", Double(status.frames.frames))
            frames.number("late", Double(status.frames.lateByPlayer + status.frames.lateByMachine))
            frames.number("lateByPlayer", Double(status.frames.lateByPlayer))
            frames.number("lateByMachine", Double(status.frames.lateByMachine))
            doc.raw("frames", frames.text(indent: 1))
        }
        var clock = JSONObject()
        clock.text("now", status.map { ISO8601.format($0.at) })
        clock.text("timeZone", facts.timeZone)
        clock.number("behindTrustedSeconds", facts.clockBehindSeconds)
        clock.raw("looksWrong", clockLooksWrong ? "true" : "false")
        doc.raw("clock", clock.text(indent: 1))
        var sync = JSONObject()
        sync.text("lastSuccess", facts.lastSync.map(ISO8601.format))
        sync.number("version", facts.lastSyncVersion.map(Double.init))
        doc.raw("sync", sync.text(indent: 1))
        var disk = JSONObject()
        disk.number("cacheBytes", facts.cacheBytes.map(Double.init))
        disk.number("freeBytes", facts.freeDiskBytes.map(Double.init))
        doc.raw("disk", disk.text(indent: 1))
        var backlog = JSONObject()
        backlog.number("records", Double(facts.backlogLines))
        backlog.number("bytes", Double(facts.backlogBytes))
        backlog.text("oldest", facts.backlogOldest.map(ISO8601.format))
        backlog.text("lastUpload", facts.lastUpload.map(ISO8601.format))
        doc.raw("backlog", backlog.text(indent: 1))
        let errors = facts.recentErrors.map { error in
            var line = JSONObject()
            line.text("at", ISO8601.format(error.at))
            line.text("message", error.message)
            return line.text(indent: 2)
        }
        doc.raw("recentErrors", errors.isEmpty ? "[]" : "[\n    " + errors.joined(separator: ",\n    ") + "\n  ]")
        return doc.text(indent: 0) + "\n"
    }
}

/// A JSON object written member by member, in order.
struct JSONObject {
    private var members: [(String, String)] = []

    mutating func text(_ key: String, _ value: String?) { members.append((key, value.map(JSONText.quoted) ?? "null")) }
    mutating func raw(_ key: String, _ value: String) { members.append((key, value)) }
    mutating func number(_ key: String, _ value: Double?) {
        guard let value, value.isFinite else { return members.append((key, "null")) }
        members.append((key, value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)))
    }

    /// The object, members on their own lines, nested `indent` levels deep.
    func text(indent: Int) -> String {
        let inner = String(repeating: "  ", count: indent + 1)
        let outer = String(repeating: "  ", count: indent)
        return "{\n" + members.map { inner + JSONText.quoted($0.0) + ": " + $0.1 }.joined(separator: ",\n") + "\n\(outer)}"
    }
}
