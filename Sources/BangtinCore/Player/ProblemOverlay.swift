import Foundation

/// What a board being edited live (`bangtin play --watch`) shows over the last good frame
/// while the last save does not load: a solid band across its lower part naming each problem
/// as "file: JSON path: message", so whoever edits the JSON sees what to fix without leaving
/// the board. The content keeps playing above the band; the next good save takes it away.
public enum ProblemOverlay {
    /// The overlay's layout name in scenes.
    public static let layoutName = "problems"
    /// The band's colour: dark red, solid so the problems read over any content.
    public static let background = Color(red: 0x5A, green: 0, blue: 0)
    /// The heading's colour.
    public static let headingColor = Color(red: 0xFF, green: 0xD2, blue: 0)
    /// At most this many problem lines are shown; the rest are counted.
    public static let linesShown = 6

    /// The band's frame on a board of `size`: its lower three fifths, the full width.
    public static func band(size: PixelSize) -> PixelRect {
        let top = size.height * 2 / 5
        return PixelRect(x: 0, y: top, width: size.width, height: size.height - top)
    }

    /// The overlay for a board of `size` naming the problems in `problem` (one a line, as
    /// `ContentError.description` writes them). File paths under `folder` (the content being
    /// edited) are shortened to their part inside it.
    public static func scene(problem: String, size: PixelSize, folder: String? = nil) -> LayoutScene {
        let lines = Self.lines(of: problem, folder: folder)
        let band = band(size: size)
        let padding = max(2, size.height / 40)
        // The heading and each problem get a line of the same height; the letters shrink
        // further when a long problem wraps.
        let lineHeight = band.height / (lines.count + 1)
        let letters = max(6, min(size.width / 24, (lineHeight - padding) * 3 / 4, 56))
        let headingHeight = letters * 4 / 3 + 2 * padding
        let heading = size.width >= 320 ? "LỖI NỘI DUNG — vẫn chiếu bản tốt trước đó" : "LỖI NỘI DUNG"
        let layout = Layout(
            name: layoutName, size: size, background: background,
            regions: [
                Region(
                    id: "heading", frame: PixelRect(x: band.x, y: band.y, width: band.width, height: headingHeight),
                    background: background, padding: padding,
                    items: [
                        text(heading, size: letters, color: headingColor, bold: true, wrap: false)
                    ]),
                Region(
                    id: "problems",
                    frame: PixelRect(
                        x: band.x, y: band.y + headingHeight, width: band.width, height: band.height - headingHeight),
                    background: background, padding: padding,
                    items: [text(lines.joined(separator: "\n"), size: letters, color: .white, bold: false, wrap: true)]),
            ])
        // A fixed instant: the overlay is the same scene on every frame it shows.
        return layout.scene(at: .epoch, startedAt: .epoch)
    }

    /// The lines shown: each problem with paths under `folder` made relative, at most
    /// `linesShown` of them and a count of the rest.
    public static func lines(of problem: String, folder: String?) -> [String] {
        var all = problem.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if let folder, !folder.isEmpty {
            let prefix = folder.hasSuffix("/") ? folder : folder + "/"
            all = all.map { $0.replacingOccurrences(of: prefix, with: "") }
        }
        if all.isEmpty { all = ["(không rõ lỗi)"] }
        guard all.count > linesShown else { return all }
        return Array(all.prefix(linesShown - 1)) + ["… và \(all.count - linesShown + 1) lỗi khác (xem nhật ký)"]
    }

    /// The folder of the content at `path`: a layout file's (`….json`), else the bundle folder itself.
    public static func folder(of path: String?) -> String? {
        guard let path else { return nil }
        return path.lowercased().hasSuffix(".json") ? (path as NSString).deletingLastPathComponent : path
    }

    private static func text(_ text: String, size: Int, color: Color, bold: Bool, wrap: Bool) -> Item {
        Item(
            durationMilliseconds: 3_600_000,
            content: .text(
                TextItem(
                    text: text,
                    style: TextStyle(
                        font: FontSpec(family: "Noto Sans", size: size, weight: bold ? .bold : .regular), color: color,
                        alignment: .left, verticalAlignment: .top, wrap: wrap, fit: .shrink(minimumSize: 6)))))
    }
}
