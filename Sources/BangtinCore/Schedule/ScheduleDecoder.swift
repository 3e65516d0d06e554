import Foundation

/// Turns `schedule.json` into a `Schedule`, collecting every problem with its JSON path.
public enum ScheduleDecoder {
    /// Decodes and checks a schedule; layouts are checked separately (they are other files).
    public static func decode(_ bytes: [UInt8]) -> (schedule: Schedule?, problems: [Problem]) {
        var problems: [Problem] = []
        guard var top = ObjectReader.document(bytes, problems: &problems) else { return (nil, problems) }
        if let version = top.integer("version", required: true, problems: &problems), version != 1 {
            problems.append(Problem(path: "version", message: "unsupported version \(version) (this player reads version 1)"))
        }
        let size = top.boardSize("size", problems: &problems)
        let zoneName = top.string("timezone", problems: &problems) ?? Layout.defaultTimeZone
        if let problem = ContentTimeZone.problem(with: zoneName) {
            problems.append(Problem(path: "timezone", message: problem))
        }
        var rejected = Set<String>()
        let layouts = decodeLayouts(&top, rejected: &rejected, problems: &problems)
        let defaultLayout = top.string("default", required: true, problems: &problems)
        if let defaultLayout, layouts[defaultLayout] == nil, !rejected.contains(defaultLayout) {
            problems.append(Problem(path: "default", message: "names no layout of \"layouts\": \"\(defaultLayout)\""))
        }
        var entries: [ScheduleEntry] = []
        var ids = Set<String>()
        for (index, node) in (top.array("entries", maxCount: Limits.scheduleEntries, problems: &problems) ?? []).enumerated() {
            let path = JSONPath.element("entries", index)
            guard
                let entry = EntryDecoder(path: path, layouts: layouts, rejected: rejected, zone: ContentTimeZone.named(zoneName))
                    .decode(
                        node, problems: &problems)
            else {
                continue
            }
            if entry.id == ScheduleEntry.defaultLayoutLabel {
                problems.append(
                    Problem(
                        path: JSONPath.member(path, "id"),
                        message: "\"\(entry.id)\" names the default layout in plans and previews: choose another id"))
            } else if !ids.insert(entry.id).inserted {
                problems.append(Problem(path: JSONPath.member(path, "id"), message: "duplicate entry id \"\(entry.id)\""))
            }
            entries.append(entry)
        }
        top.reportUnknownKeys(problems: &problems)
        if problems.isEmpty, let problem = concurrencyProblem(entries, zone: ContentTimeZone.named(zoneName)) {
            problems.append(problem)
        }
        guard problems.isEmpty, let size, let defaultLayout else { return (nil, problems) }
        return (Schedule(size: size, timeZone: zoneName, layouts: layouts, defaultLayout: defaultLayout, entries: entries), [])
    }

    /// Too many layout plays valid at the same moment: planning a day costs about the number of
    /// its changes times the plays valid then, so the plays valid at once are bounded.
    static func concurrencyProblem(_ entries: [ScheduleEntry], zone: TimeZone) -> Problem? {
        // +weight where an entry becomes valid, −weight where it stops (ends before starts at
        // the same instant: `until` is exclusive).
        var events: [(at: Instant, change: Int)] = []
        events.reserveCapacity(entries.count * 2)
        for entry in entries {
            // An entry valid only beyond the ends of time (from 1500 until 1600) is never valid.
            if let until = entry.validUntil, until <= entry.validFrom ?? .min { continue }
            let weight = entry.layoutNames.count
            events.append((entry.validFrom ?? .min, weight))
            if let until = entry.validUntil { events.append((until, -weight)) }
        }
        events.sort { ($0.at, $0.change) < ($1.at, $1.change) }
        var valid = 0
        for event in events {
            valid += event.change
            if valid > Limits.concurrentPlays {
                let time = LocalTime(event.at, in: zone)
                let when =
                    event.at == .min ? "at all times" : String(format: "from %04d-%02d-%02d", time.year, time.month, time.day)
                return Problem(
                    path: "entries",
                    message:
                        "more than \(Limits.concurrentPlays) layout plays are valid at once \(when) (a campaign counts each of its layouts): spread the entries over time or merge them"
                )
            }
        }
        return nil
    }

    private static func decodeLayouts(_ top: inout ObjectReader, rejected: inout Set<String>, problems: inout [Problem])
        -> [String: LayoutReference]
    {
        guard let node = top.node("layouts") else {
            problems.append(Problem(path: "layouts", message: "is required"))
            return [:]
        }
        guard case .object(let members) = node.value else {
            problems.append(
                Problem(path: "layouts", message: "must be an object of name → {\"path\": …}, found \(node.typeName)"))
            return [:]
        }
        guard members.count <= Limits.scheduleLayouts else {
            problems.append(
                Problem(path: "layouts", message: "must name at most \(Limits.scheduleLayouts) layouts (found \(members.count))"))
            return [:]
        }
        var layouts: [String: LayoutReference] = [:]
        for member in members {
            let path = JSONPath.member("layouts", member.key)
            var reference: LayoutReference?
            if case .string(let file) = member.value.value {
                if let problem = TextRules.problem(with: file) {
                    problems.append(Problem(path: path, message: problem))
                } else {
                    reference = LayoutReference(path: file)
                }
            } else if var reader = ObjectReader(member.value, path: path, problems: &problems) {
                let file = reader.string("path", required: true, problems: &problems)
                // One play lasts at least a second: a day's plan lists every play.
                let plays = Limits.playMilliseconds
                let duration = reader.milliseconds(
                    "duration", in: Double(plays.lowerBound) / 1000...Double(plays.upperBound) / 1000,
                    words: "must be at least 1 s and at most a day (86400 s)", problems: &problems)
                reader.reportUnknownKeys(problems: &problems)
                reference = file.map { LayoutReference(path: $0, durationMilliseconds: duration) }
            }
            guard let reference else {
                rejected.insert(member.key)
                continue
            }
            if let problem = AssetPath.problem(with: reference.path, folder: "the bundle folder") {
                problems.append(Problem(path: path, message: problem))
                rejected.insert(member.key)
                continue
            }
            layouts[member.key] = reference
        }
        if layouts.isEmpty && problems.isEmpty {
            problems.append(Problem(path: "layouts", message: "must name at least one layout"))
        }
        return layouts
    }
}

/// Decodes one schedule entry.
struct EntryDecoder {
    let path: String
    let layouts: [String: LayoutReference]
    /// Layout names already reported as broken: entries naming them are not reported again.
    let rejected: Set<String>
    let zone: TimeZone

    func decode(_ node: JSONNode, problems: inout [Problem]) -> ScheduleEntry? {
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        let id = reader.string("id", required: true, problems: &problems)
        let layout = reader.string("layout", problems: &problems)
        let overlay = reader.string("overlay", problems: &problems)
        var campaign: [String]?
        if let nodes = reader.array("campaign", maxCount: Limits.campaignLayouts, problems: &problems) {
            campaign = nodes.enumerated().compactMap { index, node in
                guard case .string(let name) = node.value else {
                    problems.append(
                        Problem(path: JSONPath.element(reader.pathOf("campaign"), index), message: "must be a layout name"))
                    return nil
                }
                return name
            }
            if campaign?.isEmpty == true {
                problems.append(Problem(path: reader.pathOf("campaign"), message: "must name at least one layout"))
            }
        }
        var show: ScheduleEntry.Show?
        switch (layout, campaign, overlay) {
        case (let name?, nil, nil): show = .layouts([name])
        case (nil, let names?, nil): show = .layouts(names)
        case (nil, nil, let name?): show = .overlay(name)
        case (nil, nil, nil) where reader.node("campaign") != nil:
            break  // A campaign already refused (too long, or not an array).
        default:
            problems.append(Problem(path: path, message: "must have exactly one of \"layout\", \"campaign\" or \"overlay\""))
        }
        let named = show.map { entryNames($0) } ?? []
        for (index, name) in named.enumerated() where layouts[name] == nil && !rejected.contains(name) {
            let key =
                campaign != nil
                ? JSONPath.element(reader.pathOf("campaign"), index) : reader.pathOf(overlay != nil ? "overlay" : "layout")
            problems.append(Problem(path: key, message: "names no layout of \"layouts\": \"\(name)\""))
        }
        let priority = decodePriority(&reader, problems: &problems)
        let from = instant(&reader, "from", problems: &problems)
        let until = instant(&reader, "until", problems: &problems)
        // Compared exactly: dates beyond the ends of time clamp to the same instant.
        if let from, let until, (until.exactSeconds, until.nanosecond) <= (from.exactSeconds, from.nanosecond) {
            problems.append(Problem(path: reader.pathOf("until"), message: "must be later than \"from\""))
        }
        var dayparts: [Daypart] = []
        for (index, node) in (reader.array("dayparts", maxCount: Limits.dayparts, problems: &problems) ?? []).enumerated() {
            if let daypart = DaypartDecoder.decode(
                node, path: JSONPath.element(reader.pathOf("dayparts"), index), problems: &problems)
            {
                dayparts.append(daypart)
            }
        }
        var interrupt: ShareOfVoice?
        if let node = reader.node("interrupt") {
            interrupt = decodeShare(node, path: reader.pathOf("interrupt"), problems: &problems)
            if case .overlay = show {
                problems.append(Problem(path: reader.pathOf("interrupt"), message: "an overlay cannot be an interrupt"))
            }
        }
        let transition = reader.transition("transition", problems: &problems)
        reader.reportUnknownKeys(problems: &problems)
        guard let id, let show else { return nil }
        return ScheduleEntry(
            id: id, show: show, priority: priority, validFrom: from?.instant, validUntil: until?.instant, dayparts: dayparts,
            interrupt: interrupt,
            transition: transition)
    }

    private func entryNames(_ show: ScheduleEntry.Show) -> [String] {
        switch show {
        case .layouts(let names): names
        case .overlay(let name): [name]
        }
    }

    private func decodePriority(_ reader: inout ObjectReader, problems: inout [Problem]) -> Priority {
        guard let node = reader.node("priority") else { return .commune }
        switch node.value {
        case .string(let name):
            if let priority = Priority.names[name] { return priority }
            problems.append(
                Problem(
                    path: reader.pathOf("priority"),
                    message: "unknown level \"\(name)\" (expected central, province, district, commune or a number)"))
        case .number(let value) where value.rounded() == value && (0...1000).contains(value):
            return Priority(Int(value))
        default:
            problems.append(Problem(path: reader.pathOf("priority"), message: "must be a level name or a whole number 0…1000"))
        }
        return .commune
    }

    /// A validity bound: any date of years 0…9999, clamped to the ends of time beyond them.
    private func instant(_ reader: inout ObjectReader, _ key: String, problems: inout [Problem]) -> (
        instant: Instant, exactSeconds: Int64, nanosecond: Int
    )? {
        guard let text = reader.string(key, problems: &problems) else { return nil }
        do {
            return try Instant.parseClamping(text, localZone: zone)
        } catch {
            problems.append(Problem(path: reader.pathOf(key), message: error.description))
            return nil
        }
    }

    private func decodeShare(_ node: JSONNode, path: String, problems: inout [Problem]) -> ShareOfVoice? {
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        let plays = reader.integer("playsPerHour", in: 1...3600, problems: &problems)
        let seconds = reader.integer("secondsPerHour", in: 1...3600, problems: &problems)
        let percent = reader.number("percent", problems: &problems)
        reader.reportUnknownKeys(problems: &problems)
        if let percent, !(percent > 0 && percent <= 100) {
            problems.append(Problem(path: reader.pathOf("percent"), message: "must be greater than 0 and at most 100"))
            return nil
        }
        switch (plays, seconds, percent) {
        case (let n?, nil, nil): return .playsPerHour(n)
        case (nil, let s?, nil): return .secondsPerHour(s)
        case (nil, nil, let p?): return .percent(p)
        default:
            problems.append(Problem(path: path, message: "must have exactly one of playsPerHour, secondsPerHour, percent"))
            return nil
        }
    }
}
