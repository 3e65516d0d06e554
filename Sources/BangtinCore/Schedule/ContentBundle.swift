/// A schedule with the layouts it names: the unit a board plays, synced or read from USB.
public struct ContentBundle: Hashable, Sendable {
    public var schedule: Schedule
    /// Layouts by the schedule's names.
    public var layouts: [String: Layout]

    /// Creates a bundle; `validate` says whether it is consistent.
    public init(schedule: Schedule, layouts: [String: Layout]) {
        self.schedule = schedule
        self.layouts = layouts
    }

    /// How long one play of `name` lasts, in milliseconds.
    public func durationMilliseconds(of name: String) -> Int64 {
        schedule.layouts[name]?.durationMilliseconds ?? max(1000, layouts[name]?.naturalDurationMilliseconds ?? 1000)
    }

    /// A bundle of one layout, shown all the time: `render` of a lone layout file.
    public static func single(_ layout: Layout, name: String = "layout") -> ContentBundle {
        ContentBundle(
            schedule: Schedule(
                size: layout.size, timeZone: layout.timeZone, layouts: [name: LayoutReference(path: "layout.json")],
                defaultLayout: name, entries: []),
            layouts: [name: layout])
    }

    /// Problems between the schedule and its layouts (sizes, interrupts asking for too much).
    public func problems() -> [Problem] {
        var problems: [Problem] = []
        for (name, layout) in layouts.sorted(by: { $0.key < $1.key }) where layout.size != schedule.size {
            problems.append(
                Problem(
                    path: "layouts.\(name)",
                    message: "layout is \(layout.size) but the board is \(schedule.size)"))
        }
        // A layout with no "duration" plays for its longest region loop: in a rotation that must
        // be a day at most, like a "duration" (one loop of a week-long playlist would hold the
        // board, and a rotation of many would overflow the clock).
        if !schedule.entries.isEmpty {
            for (name, reference) in schedule.layouts.sorted(by: { $0.key < $1.key }) where reference.durationMilliseconds == nil
            {
                guard let natural = layouts[name]?.naturalDurationMilliseconds, natural > Limits.playMilliseconds.upperBound
                else { continue }
                problems.append(
                    Problem(
                        path: "layouts.\(name)",
                        message:
                            "plays for \(natural / 1000) s (its longest region loop), more than a day: give it a \"duration\" of at most 86400 s"
                    ))
            }
        }
        let interruptSeconds = schedule.entries.reduce(Int64(0)) { total, entry in
            guard let share = entry.interrupt else { return total }
            let duration = entry.layoutNames.reduce(0) { $0 + durationMilliseconds(of: $1) }
            return total + Int64(share.plays(forDurationMilliseconds: duration)) * duration / 1000
        }
        if interruptSeconds > 3600 {
            problems.append(
                Problem(
                    path: "entries",
                    message: "interrupts ask for \(interruptSeconds) s per hour together, more than the hour has"))
        }
        return problems
    }
}
