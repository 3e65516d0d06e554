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

    @Option(help: "The PNG file to write (the contact sheet).")
    var out: String?

    @Option(
        help:
            "Also (or instead) a time-lapse video of the span, one second per change of scene: .mp4, .webm or .gif (needs ffmpeg)."
    )
    var video: String?

    @Option(help: "Thumbnails per row, 1…32.")
    var columns: Int = 4

    @Option(help: "Width of each thumbnail in pixels, 32…1920.")
    var thumbnailWidth: Int = 320

    @Option(help: "At most this many thumbnails, 1…\(Limits.thumbnails).")
    var limit: Int = 400

    @Flag(help: "Write again each time a file of the content is saved (the last good output kept on errors).")
    var watch = false

    @OptionGroup var warnings: WarningPreviewOptions

    @OptionGroup var options: ContentOptions

    func validate() throws {
        guard out != nil || video != nil else {
            throw ValidationError("say where to write: --out sheet.png, --video span.mp4, or both")
        }
        if let video, VideoOutput.Format(path: video) == nil {
            throw ValidationError("--video \(video): name a .mp4, .webm or .gif file")
        }
        guard Limits.sheetColumns.contains(columns) else {
            throw ValidationError("--columns must be between 1 and 32, found \(columns)")
        }
        guard Limits.thumbnailWidth.contains(thumbnailWidth) else {
            throw ValidationError("--thumbnail-width must be between 32 and 1920 pixels, found \(thumbnailWidth)")
        }
        guard (1...Limits.thumbnails).contains(limit) else {
            throw ValidationError("--limit must be between 1 and \(Limits.thumbnails), found \(limit)")
        }
    }

    func run() throws {
        if watch { return try PreviewWatch(preview: self).run() }
        let fonts = try options.fontLibrary()
        let bundle = try loadContent(content, fonts: fonts)
        let zone = bundle.schedule.timeZone
        let start = try InstantArgument.parse(from, zone: zone)
        let end = try InstantArgument.parse(to, zone: zone)
        guard start < end else { throw ValidationError("--to must be later than --from") }
        guard end.nanoseconds(since: start) <= Int64(Limits.previewDays) * 86_400_000_000_000 else {
            throw ValidationError("--to must be at most \(Limits.previewDays) days after --from")
        }
        let alerts = try warnings.alerts()
        let output = Output(bundle: bundle, contentPath: content, fonts: fonts)
        for path in [out, video].compactMap({ $0 }) { try output.check(path) }
        let scheduler = Scheduler(bundle: bundle)
        let changes = scheduler.changes(from: start, to: end, limit: limit)
        if let video, let format = VideoOutput.Format(path: video) {
            let renderer = try HeadlessRenderer(size: bundle.schedule.size, fonts: fonts, logger: options.logger())
            try VideoRender.write(
                to: video, format: format, scheduler: scheduler, alerts: alerts, renderer: renderer, fps: 1,
                count: changes.count
            ) { changes[$0].showAt }
            print("wrote \(video): \(changes.count) scene changes, one second each")
        }
        guard let out else { return }
        let sheet = ContactSheet(columns: columns, thumbnailWidth: thumbnailWidth)
        let size = sheet.size(count: changes.count, board: bundle.schedule.size)
        guard size.width * size.height <= Limits.sheetPixels else {
            throw ValidationError(
                "the contact sheet would be \(size) pixels (at most \(Limits.sheetPixels / 1_000_000) megapixels): use fewer columns, narrower thumbnails, a lower --limit or a shorter interval"
            )
        }
        var title =
            "Xem trước \(URL(fileURLWithPath: content).lastPathComponent): \(localText(start, zone: zone, date: true)) → \(localText(end, zone: zone, date: true)) · \(changes.count) cảnh"
        if !alerts.isEmpty { title += " · có cảnh báo: " + alerts.map(\.headline).joined(separator: "; ") }
        let surface = try sheet.render(
            changes, scheduler: scheduler, alerts: alerts, title: title,
            label: { change in
                var text = "\(localText(change.at, zone: zone)) · \(change.layout)\n\(change.entry)"
                if change.isInterrupt { text += " (chen ngang)" }
                if !change.overlays.isEmpty { text += " + \(change.overlays.joined(separator: ", "))" }
                return text
            }, fonts: fonts, logger: options.logger())
        try output.write(surface, to: out)
        print(
            "wrote \(out): \(changes.count) scene changes\(changes.count == limit ? " (limit reached; narrow the interval or raise --limit)" : "")"
        )
    }
}
