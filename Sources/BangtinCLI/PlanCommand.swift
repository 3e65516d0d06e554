import ArgumentParser
import BangtinCore
import Foundation

/// `bangtin plan <bundle> --day YYYY-MM-DD`
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print a day's timeline: when each layout shows, from which entry, and why it won.",
        discussion:
            "Consecutive plays of the same layout and entry share a row. --summary prints one row per stretch of the day with the same winners."
    )

    @Argument(help: "A bundle folder (or a layout file).")
    var content: String

    @Option(help: "The local day, YYYY-MM-DD, in the bundle's time zone.")
    var day: String

    @Flag(help: "One row per stretch with the same winners, instead of every play.")
    var summary = false

    @OptionGroup var options: ContentOptions

    func run() throws {
        let date = try parseDay(day)
        let bundle = try loadContent(content, fonts: try options.fontLibrary())
        let scheduler = Scheduler(bundle: bundle)
        let dayNumber = scheduler.day(year: date.year, month: date.month, day: date.day)
        let zone = bundle.schedule.timeZone
        if summary {
            let segments = scheduler.segments(day: dayNumber)
            print("Plan for \(day) (\(zone)), \(segments.count) stretches")
            print(
                TextTable.render(
                    header: ["start", "end", "rotation", "priority", "interrupts", "overlays"],
                    rows: segments.map { s in
                        [
                            localText(s.start, zone: zone), localText(s.end, zone: zone),
                            PlanText.list(
                                s.rotation.map {
                                    $0.entry == ScheduleEntry.defaultLayoutLabel
                                        ? "\($0.layout) (default)" : "\($0.layout) (\($0.entry))"
                                }, total: s.rotationCount, separator: " → "),
                            s.priority?.description ?? "- (default)",
                            PlanText.list(
                                s.interrupts.prefix(Limits.listedInPlan).map {
                                    "\($0.entry): \($0.layouts.joined(separator: "+")) ×\($0.perHour)/h"
                                }, total: s.interrupts.count),
                            PlanText.list(
                                s.overlays.prefix(Limits.listedInPlan).map { "\($0.layout) (\($0.entry))" },
                                total: s.overlays.count),
                        ]
                    }))
            return
        }
        let rows = scheduler.timeline(day: dayNumber)
        print("Plan for \(day) (\(zone)): \(rows.reduce(0) { $0 + $1.plays }) plays in \(rows.count) rows")
        print(
            TextTable.render(
                header: ["start", "end", "layout", "plays", "entry", "priority", "why it won"],
                rows: rows.map { row in
                    [
                        localText(row.start, zone: zone), localText(row.end, zone: zone), row.layout, "\(row.plays)",
                        row.entry + (row.isInterrupt ? " (interrupt)" : ""), row.priority, row.why,
                    ]
                }))
    }
}

/// A plain-text table with columns padded to their widest cell.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}
