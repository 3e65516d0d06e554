import ArgumentParser
import BangtinCore
import Foundation

/// `bangtin plan <bundle> --day YYYY-MM-DD`
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Print a day's timeline: when each layout shows, from which entry, and why it won.")

    @Argument(help: "A bundle folder (or a layout file).")
    var content: String

    @Option(help: "The local day, YYYY-MM-DD, in the bundle's time zone.")
    var day: String

    @OptionGroup var options: ContentOptions

    func run() throws {
        let date = try parseDay(day)
        let bundle = try loadContent(content, fonts: try options.fontLibrary())
        let scheduler = Scheduler(bundle: bundle)
        let rows = scheduler.timeline(day: scheduler.day(year: date.year, month: date.month, day: date.day))
        let zone = bundle.schedule.timeZone
        let table = rows.map { row in
            [
                localText(row.start, zone: zone), localText(row.end, zone: zone), row.layout,
                row.entry + (row.isInterrupt ? " (interrupt)" : ""), row.priority, row.why,
            ]
        }
        print("Plan for \(day) (\(zone)), \(rows.count) plays")
        print(TextTable.render(header: ["start", "end", "layout", "entry", "priority", "why it won"], rows: table))
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
