import ArgumentParser
import BangtinCore
import BangtinRender
import Foundation

/// `bangtin preview <bundle> --from <instant> --to <instant> --out sheet.png`
struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Render a contact sheet: one labelled thumbnail per change of scene in an interval.")

    @Argument(help: "A bundle folder (or a layout file).")
    var content: String

    @Option(help: "Start of the interval (ISO-8601; no offset: the bundle's time zone).")
    var from: String

    @Option(help: "End of the interval.")
    var to: String

    @Option(help: "The PNG file to write.")
    var out: String

    @Option(help: "Thumbnails per row.")
    var columns: Int = 4

    @Option(help: "Width of each thumbnail in pixels.")
    var thumbnailWidth: Int = 320

    @Option(help: "At most this many thumbnails.")
    var limit: Int = 400

    @OptionGroup var options: ContentOptions

    func run() throws {
        let fonts = try options.fontLibrary()
        let bundle = try loadContent(content, fonts: fonts)
        let zone = bundle.schedule.timeZone
        let start = try InstantArgument.parse(from, zone: zone)
        let end = try InstantArgument.parse(to, zone: zone)
        guard start < end else { throw ValidationError("--to must be later than --from") }
        let scheduler = Scheduler(bundle: bundle)
        let changes = scheduler.changes(from: start, to: end, limit: limit)
        let title =
            "Xem trước \(URL(fileURLWithPath: content).lastPathComponent): \(localText(start, zone: zone, date: true)) → \(localText(end, zone: zone, date: true)) · \(changes.count) cảnh"
        let sheet = try ContactSheet(columns: columns, thumbnailWidth: thumbnailWidth).render(
            changes, scheduler: scheduler, title: title,
            label: { change in
                var text = "\(localText(change.at, zone: zone)) · \(change.layout)\n\(change.entry)"
                if change.isInterrupt { text += " (chen ngang)" }
                if !change.overlays.isEmpty { text += " + \(change.overlays.joined(separator: ", "))" }
                return text
            }, fonts: fonts, logger: options.logger())
        try sheet.savePNG(to: out)
        print(
            "wrote \(out): \(changes.count) scene changes\(changes.count == limit ? " (limit reached; narrow the interval or raise --limit)" : "")"
        )
    }
}
