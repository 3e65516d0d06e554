import Foundation

/// The district's table of proof of play: per board, local day and item, how many plays and
/// how many seconds, completed and interrupted, from the uploaded batches' lines
/// (`bangtin plays table`).
public struct PlayTable: Sendable {
    /// One row: a thing shown on one board on one local day.
    public struct Row: Hashable, Sendable {
        public var board: String
        /// yyyy-MM-dd in the table's zone.
        public var day: String
        public var kind: String
        public var layout: String
        public var region: String
        public var item: String
        public var entry: String
        public var plays = 0
        public var completed = 0
        public var interrupted = 0
        public var nanoseconds: Int64 = 0
    }

    public private(set) var rows: [Row] = []
    private var index: [String: Int] = [:]
    /// Lines seen per board, by sequence number and content: a line uploaded twice counts once,
    /// while a line of a store made anew (numbered from 1 again) with the same number counts.
    private var seen: [String: Set<String>] = [:]
    /// Lines seen again (same board, sequence number and content) and not counted.
    public private(set) var repeats = 0
    private let zone: TimeZone

    /// An empty table with days in `zone` (an IANA name).
    public init(zone: String) {
        self.zone = ContentTimeZone.named(zone)
    }

    /// Adds one decoded line.
    public mutating func add(sequence: Int64, line: ReportLine) {
        let board: String
        let subject: PlayRecord.Subject
        let entry: String?
        let start: Instant
        var row = (plays: 0, completed: 0, interrupted: 0, nanoseconds: Int64(0))
        switch line {
        case .play(let play):
            (board, subject, entry, start) = (play.board, play.subject, play.entry, play.start)
            row.plays = 1
            if case .completed = play.outcome { row.completed = 1 } else { row.interrupted = 1 }
            row.nanoseconds = play.durationNanoseconds
        case .summary(let summary):
            (board, subject, entry, start) = (summary.board, summary.subject, summary.entry, summary.hour)
            row.plays = summary.plays
            row.nanoseconds = summary.nanoseconds
        }
        guard seen[board, default: []].insert(line.json(sequence: sequence)).inserted else {
            repeats += 1
            return
        }
        let (kind, layout, region, item) = Self.columns(subject)
        let local = LocalTime(start, in: zone)
        let day = "\(Self.pad(local.year, 4))-\(Self.pad(local.month, 2))-\(Self.pad(local.day, 2))"
        let key = [board, day, kind, layout, region, item, entry ?? ""].joined(separator: "\u{0}")
        if index[key] == nil {
            index[key] = rows.count
            rows.append(
                Row(board: board, day: day, kind: kind, layout: layout, region: region, item: item, entry: entry ?? ""))
        }
        let at = index[key]!
        rows[at].plays += row.plays
        rows[at].completed += row.completed
        rows[at].interrupted += row.interrupted
        rows[at].nanoseconds += row.nanoseconds
    }

    /// The table as CSV (RFC 4180, UTF-8), rows sorted by board, day, kind, layout, region,
    /// item and entry.
    public var csv: String {
        var text = "board,day,kind,layout,region,item,entry,plays,completed,interrupted,seconds\r\n"
        let sorted = rows.sorted {
            [$0.board, $0.day, $0.kind, $0.layout, $0.region, $0.item, $0.entry].lexicographicallyPrecedes(
                [$1.board, $1.day, $1.kind, $1.layout, $1.region, $1.item, $1.entry])
        }
        for row in sorted {
            let fields: [String] = [row.board, row.day, row.kind, row.layout, row.region, row.item, row.entry].map(Self.field)
            let numbers: [String] = [
                String(row.plays), String(row.completed), String(row.interrupted), ReportLine.seconds(row.nanoseconds),
            ]
            text += (fields + numbers).joined(separator: ",") + "\r\n"
        }
        return text
    }

    private static func columns(_ subject: PlayRecord.Subject) -> (String, String, String, String) {
        switch subject {
        case .layout(let name): ("layout", name, "", "")
        case .overlay(let name): ("overlay", name, "", "")
        case .item(let layout, let region, let index): ("item", layout, region, String(index))
        case .alert(let id): ("alert", "", "", id)
        }
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
