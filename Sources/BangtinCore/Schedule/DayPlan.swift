/// One local day of a schedule, compiled: the day cut into segments in which the same entries
/// win. Built once per day; answering "what plays at T" is then a binary search.
struct DayPlan: Sendable {
    /// One layout play in a rotation.
    struct Play: Hashable, Sendable {
        /// Entry index, or nil for the default layout.
        var entry: Int?
        var layout: String
        var duration: Int64  // nanoseconds
    }

    /// An interrupt's slot in the hour, relative to the hour's start (nanoseconds).
    struct Slot: Hashable, Sendable {
        var start: Int64
        var end: Int64
        var interrupt: Int  // index into `Segment.interrupts`
    }

    /// An entry that plays as an interrupt in a segment.
    struct Interrupt: Hashable, Sendable {
        var entry: Int
        var plays: [Play]
        var duration: Int64
        var perHour: Int
    }

    /// An overlay shown in a segment, with when its eligibility began.
    struct Overlay: Hashable, Sendable {
        var entry: Int
        var layout: String
        var since: Instant
    }

    /// A stretch of the day with the same winners.
    struct Segment: Sendable {
        var start: Instant
        var end: Instant
        /// The winning priority, or nil when the default layout plays.
        var priority: Priority?
        var rotation: [Play]
        /// Prefix sums of `rotation` durations: `offsets[i]` is where play i starts in the cycle.
        var offsets: [Int64]
        var cycle: Int64
        var interrupts: [Interrupt]
        /// Resolved interrupt slots of one hour, sorted; the same every hour of the segment.
        var pattern: [Slot]
        var overlays: [Overlay]
        /// Where the rotation started: this segment's start, or an earlier one's when only
        /// interrupts or overlays changed in between (the rotation runs on).
        var rotationStart: Instant
        /// Interrupt time between `rotationStart` and this segment's start (the rotation paused).
        var pausedBefore: Int64 = 0

        /// Nanoseconds of this segment's interrupts played from its start until `instant`.
        func interruptTime(dayStart: Instant, before instant: Instant) -> Int64 {
            guard !pattern.isEmpty else { return 0 }
            let firstHour = start.nanoseconds(since: dayStart) / DayPlan.hour - 1
            let lastHour = instant.nanoseconds(since: dayStart) / DayPlan.hour
            guard firstHour <= lastHour else { return 0 }
            var total: Int64 = 0
            for h in firstHour...lastHour {
                let base = dayStart.advanced(byNanoseconds: h * DayPlan.hour)
                for slot in pattern {
                    let slotStart = base.advanced(byNanoseconds: slot.start)
                    guard slotStart >= start, slotStart < instant, slotStart < end else { continue }
                    let slotEnd = min(base.advanced(byNanoseconds: slot.end), end, instant)
                    total += slotEnd.nanoseconds(since: slotStart)
                }
            }
            return total
        }
    }

    static let hour: Int64 = 3_600_000_000_000

    let day: Int
    let start: Instant
    let end: Instant
    let segments: [Segment]

    /// The segment holding `instant` (which must lie in the day).
    func segment(at instant: Instant) -> Segment {
        var low = 0
        var high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if segments[mid].start <= instant { low = mid } else { high = mid - 1 }
        }
        return segments[low]
    }
}

extension DayPlan {
    /// Compiles `day` of `bundle`'s schedule.
    init(day: Int, bundle: ContentBundle, local: LocalDay) {
        self.day = day
        start = local.instant(day: day, minute: 0)
        end = local.instant(day: day + 1, minute: 0)
        let entries = bundle.schedule.entries
        // Every entry's eligible intervals today, and the instants where anything changes.
        var intervals: [[(Instant, Instant)]] = []
        var cuts: Set<Instant> = [start, end]
        for entry in entries {
            let list = Self.intervals(of: entry, day: day, dayStart: start, dayEnd: end, local: local)
            for (a, b) in list {
                cuts.insert(a)
                cuts.insert(b)
            }
            intervals.append(list)
        }
        let boundaries = cuts.sorted()
        var segments: [Segment] = []
        for (a, b) in zip(boundaries, boundaries.dropFirst()) {
            let active = intervals.indices.filter { i in intervals[i].contains { $0.0 <= a && a < $0.1 } }
            let segment = Self.segment(from: a, to: b, active: active, intervals: intervals, bundle: bundle)
            // Merge with the previous stretch when the same entries win, so a lower-priority
            // entry starting or ending does not restart the rotation.
            if let last = segments.last, last.rotation == segment.rotation, last.interrupts == segment.interrupts,
                last.overlays == segment.overlays
            {
                segments[segments.count - 1].end = b
            } else {
                segments.append(segment)
            }
        }
        // The rotation runs on across stretches where only interrupts or overlays changed.
        for i in segments.indices.dropFirst() where segments[i].rotation == segments[i - 1].rotation {
            let previous = segments[i - 1]
            segments[i].rotationStart = previous.rotationStart
            segments[i].pausedBefore = previous.pausedBefore + previous.interruptTime(dayStart: start, before: previous.end)
        }
        self.segments = segments
    }

    private static func intervals(of entry: ScheduleEntry, day: Int, dayStart: Instant, dayEnd: Instant, local: LocalDay)
        -> [(Instant, Instant)]
    {
        var raw: [(Instant, Instant)] = []
        if entry.dayparts.isEmpty {
            raw = [(dayStart, dayEnd)]
        }
        for part in entry.dayparts {
            if part.weekdays.contains(local.weekday(day)) {
                let from = local.instant(day: day, minute: part.startMinute)
                let to = part.crossesMidnight || part.endMinute >= 1440 ? dayEnd : local.instant(day: day, minute: part.endMinute)
                raw.append((from, to))
            }
            // Yesterday's window running past midnight holds until its end today.
            if part.crossesMidnight, part.weekdays.contains(local.weekday(day - 1)) {
                raw.append((dayStart, local.instant(day: day, minute: part.endMinute)))
            }
        }
        let from = max(dayStart, entry.validFrom ?? dayStart)
        let until = min(dayEnd, entry.validUntil ?? dayEnd)
        let clipped = raw.map { (max($0.0, from), min($0.1, until)) }.filter { $0.0 < $0.1 }.sorted { $0.0 < $1.0 }
        var merged: [(Instant, Instant)] = []
        for interval in clipped {
            if let last = merged.last, interval.0 <= last.1 {
                merged[merged.count - 1].1 = max(last.1, interval.1)
            } else {
                merged.append(interval)
            }
        }
        return merged
    }

    private static func segment(
        from a: Instant, to b: Instant, active: [Int], intervals: [[(Instant, Instant)]], bundle: ContentBundle
    )
        -> Segment
    {
        let entries = bundle.schedule.entries
        func plays(_ entry: Int) -> [Play] {
            entries[entry].layoutNames.map {
                Play(entry: entry, layout: $0, duration: bundle.durationMilliseconds(of: $0) * 1_000_000)
            }
        }
        let main = active.filter { if case .layouts = entries[$0].show { return true } else { return false } }
        let normal = main.filter { entries[$0].interrupt == nil }
        let top = normal.map { entries[$0].priority }.max()
        var rotation = normal.filter { entries[$0].priority == top }.flatMap(plays)
        if rotation.isEmpty {
            let name = bundle.schedule.defaultLayout
            rotation = [Play(entry: nil, layout: name, duration: bundle.durationMilliseconds(of: name) * 1_000_000)]
        }
        let interrupts = main.filter { entries[$0].interrupt != nil && entries[$0].priority >= (top ?? Priority(Int.min)) }
            .map { entry -> Interrupt in
                let list = plays(entry)
                let duration = list.reduce(0) { $0 + $1.duration }
                let perHour = entries[entry].interrupt!.plays(forDurationMilliseconds: duration / 1_000_000)
                return Interrupt(entry: entry, plays: list, duration: duration, perHour: perHour)
            }
        let overlays = active.compactMap { entry -> Overlay? in
            guard case .overlay(let name) = entries[entry].show else { return nil }
            let since = intervals[entry].first { $0.0 <= a && a < $0.1 }!.0
            return Overlay(entry: entry, layout: name, since: since)
        }
        var offsets: [Int64] = []
        var total: Int64 = 0
        for play in rotation {
            offsets.append(total)
            total += play.duration
        }
        return Segment(
            start: a, end: b, priority: rotation.first?.entry == nil ? nil : top, rotation: rotation, offsets: offsets,
            cycle: total, interrupts: interrupts, pattern: pattern(of: interrupts), overlays: overlays, rotationStart: a)
    }

    /// Interrupt slots of one hour, spread evenly: interrupt i of m plays n times an hour at
    /// offsets phase + k·(hour/n), phase = i·(hour/n)/m; a slot colliding with an earlier one
    /// waits for it to end. Resolved over several hours so spill-over reaches steady state.
    static func pattern(of interrupts: [Interrupt]) -> [Slot] {
        guard !interrupts.isEmpty else { return [] }
        let m = Int64(interrupts.count)
        var raw: [Slot] = []
        for hourIndex in 0..<4 {
            for (i, interrupt) in interrupts.enumerated() {
                let spacing = hour / Int64(interrupt.perHour)
                let phase = Int64(i) * spacing / m
                for k in 0..<Int64(interrupt.perHour) {
                    let start = Int64(hourIndex) * hour + phase + k * spacing
                    raw.append(Slot(start: start, end: start + interrupt.duration, interrupt: i))
                }
            }
        }
        raw.sort { ($0.start, $0.interrupt) < ($1.start, $1.interrupt) }
        var cursor = Int64.min
        var steady: [Slot] = []
        for slot in raw {
            let begin = max(slot.start, cursor)
            cursor = begin + (slot.end - slot.start)
            if begin >= 2 * hour && begin < 3 * hour {
                steady.append(Slot(start: begin - 2 * hour, end: cursor - 2 * hour, interrupt: slot.interrupt))
            }
        }
        return steady
    }
}
