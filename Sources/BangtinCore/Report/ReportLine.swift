/// One line of an uploaded batch (`<board>/plays/<batch-id>.ndjson`): a play record, or a
/// summary of older records the board's store had no room to keep one by one.
///
/// Every line carries the board's sequence number: lines of a board are numbered 1, 2, 3, …
/// in the order they were written, so the source system sees gaps and repeats at a glance.
public enum ReportLine: Hashable, Sendable {
    case play(PlayRecord)
    case summary(PlaySummary)

    /// The line as compact JSON with keys in a fixed order (no newline): the same record
    /// always gives the same bytes, so a batch sent again is the same file.
    public func json(sequence: Int64) -> String {
        var fields: [(String, String)] = [("seq", String(sequence))]
        func text(_ key: String, _ value: String?) { fields.append((key, value.map(JSONText.quoted) ?? "null")) }
        switch self {
        case .play(let play):
            text("board", play.board)
            text("bundle", play.contentVersion)
            text("entry", play.entry)
            Self.subjectFields(play.subject, into: &fields)
            text("start", ISO8601.format(play.start))
            text("end", ISO8601.format(play.end))
            fields.append(("seconds", Self.seconds(play.durationNanoseconds)))
            switch play.outcome {
            case .completed:
                text("outcome", "completed")
                text("cause", nil)
            case .interrupted(let cause):
                text("outcome", "interrupted")
                text("cause", cause.rawValue)
            }
            fields.append(("brightness", String(play.brightness)))
            fields.append(("lit", play.lit ? "true" : "false"))
        case .summary(let summary):
            text("board", summary.board)
            text("bundle", summary.contentVersion)
            text("entry", summary.entry)
            Self.subjectFields(summary.subject, into: &fields)
            text("summary", "hour")
            text("hour", ISO8601.format(summary.hour))
            fields.append(("plays", String(summary.plays)))
            fields.append(("seconds", Self.seconds(summary.nanoseconds)))
        }
        return "{" + fields.map { JSONText.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }

    /// Reads a line back (the source system's side, the table command and the tests).
    public static func decode(_ line: String) throws(ReportLineError) -> (sequence: Int64, line: ReportLine) {
        var problems: [Problem] = []
        guard var reader = ObjectReader.document(Array(line.utf8), problems: &problems) else {
            throw ReportLineError(problems: problems)
        }
        let sequence = reader.integer("seq", required: true, in: 1...Int.max, problems: &problems)
        let board = reader.string("board", required: true, problems: &problems)
        let bundle = reader.optionalString("bundle", problems: &problems)
        let entry = reader.optionalString("entry", problems: &problems)
        let subject = Self.subject(&reader, problems: &problems)
        let result: ReportLine?
        if reader.optionalString("summary", problems: &problems) != nil {
            let hour = reader.instant("hour", problems: &problems)
            let plays = reader.integer("plays", required: true, in: 0...Int.max, problems: &problems)
            let seconds = reader.number("seconds", required: true, problems: &problems)
            if let board, let subject, let hour, let plays, let seconds {
                result = .summary(
                    PlaySummary(
                        board: board, contentVersion: bundle, entry: entry, subject: subject, hour: hour, plays: plays,
                        nanoseconds: Int64((seconds * 1e9).rounded())))
            } else {
                result = nil
            }
        } else {
            let start = reader.instant("start", problems: &problems)
            let end = reader.instant("end", problems: &problems)
            _ = reader.number("seconds", required: true, problems: &problems)
            let outcome = reader.string("outcome", required: true, problems: &problems)
            let cause = reader.optionalString("cause", problems: &problems)
            let brightness = reader.integer("brightness", required: true, in: 0...100, problems: &problems)
            let lit = reader.bool("lit", problems: &problems)
            var ending: PlayRecord.Outcome?
            switch (outcome, cause.flatMap(PlayRecord.Cause.init(rawValue:))) {
            case ("completed", _): ending = .completed
            case ("interrupted", let cause?): ending = .interrupted(cause)
            default: problems.append(Problem(path: "outcome", message: "must be completed, or interrupted with a known cause"))
            }
            if let board, let subject, let start, let end, let ending, let brightness {
                result = .play(
                    PlayRecord(
                        board: board, contentVersion: bundle, entry: entry, subject: subject, start: start, end: end,
                        outcome: ending, brightness: brightness, lit: lit ?? true))
            } else {
                result = nil
            }
        }
        reader.reportUnknownKeys(problems: &problems)
        guard problems.isEmpty, let sequence, let result else { throw ReportLineError(problems: problems) }
        return (Int64(sequence), result)
    }

    private static func subjectFields(_ subject: PlayRecord.Subject, into fields: inout [(String, String)]) {
        func text(_ key: String, _ value: String) { fields.append((key, JSONText.quoted(value))) }
        switch subject {
        case .layout(let name):
            text("kind", "layout")
            text("layout", name)
        case .overlay(let name):
            text("kind", "overlay")
            text("layout", name)
        case .item(let layout, let region, let index):
            text("kind", "item")
            text("layout", layout)
            text("region", region)
            fields.append(("item", String(index)))
        case .alert(let id):
            text("kind", "alert")
            text("alert", id)
        }
    }

    private static func subject(_ reader: inout ObjectReader, problems: inout [Problem]) -> PlayRecord.Subject? {
        switch reader.string("kind", required: true, problems: &problems) {
        case "layout": return reader.string("layout", required: true, problems: &problems).map { .layout($0) }
        case "overlay": return reader.string("layout", required: true, problems: &problems).map { .overlay($0) }
        case "item":
            let layout = reader.string("layout", required: true, problems: &problems)
            let region = reader.string("region", required: true, problems: &problems)
            let index = reader.integer("item", required: true, in: 0...Int.max, problems: &problems)
            guard let layout, let region, let index else { return nil }
            return .item(layout: layout, region: region, index: index)
        case "alert": return reader.string("alert", required: true, problems: &problems).map { .alert($0) }
        case nil: return nil
        case let other?:
            problems.append(Problem(path: "kind", message: "unknown kind \(other)"))
            return nil
        }
    }

    /// Seconds with millisecond precision: "12.345".
    static func seconds(_ nanoseconds: Int64) -> String {
        // Never negative for a play, but a line must not trap whatever it is given.
        let millis = (min(nanoseconds.magnitude, UInt64.max - 500_000) + 500_000) / 1_000_000
        let fraction = String(millis % 1000)
        return "\(nanoseconds < 0 ? "-" : "")\(millis / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    }
}

/// A line that is not a report line, with every problem by key.
public struct ReportLineError: Error, CustomStringConvertible {
    public var problems: [Problem]
    public var description: String { problems.map(\.description).joined(separator: "; ") }
}

extension ObjectReader {
    /// A string member that may be null or absent.
    mutating func optionalString(_ key: String, problems: inout [Problem]) -> String? {
        if let node = node(key), case .null = node.value { return nil }
        return string(key, problems: &problems)
    }

    /// An ISO-8601 instant with its offset.
    mutating func instant(_ key: String, problems: inout [Problem]) -> Instant? {
        guard let text = string(key, required: true, problems: &problems) else { return nil }
        guard let parsed = try? ISO8601.parse(text), parsed.utcOffsetSeconds != nil else {
            problems.append(Problem(path: pathOf(key), message: "must be an ISO-8601 instant with an offset"))
            return nil
        }
        return ISO8601.instant(parsed) { _ in 0 }
    }
}
