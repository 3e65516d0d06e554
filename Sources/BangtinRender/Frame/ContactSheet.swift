import BangtinCore
import Logging

/// A contact sheet for the district culture centre: one labelled thumbnail per change of scene,
/// so a day's programme can be checked at a glance.
public struct ContactSheet {
    public var columns: Int
    public var thumbnailWidth: Int

    /// Creates a sheet layout.
    public init(columns: Int = 4, thumbnailWidth: Int = 320) {
        self.columns = max(1, columns)
        self.thumbnailWidth = max(32, thumbnailWidth)
    }

    /// The sheet's pixel size for `count` thumbnails of a `board`-sized scene.
    public func size(count: Int, board: PixelSize) -> PixelSize {
        let thumb = thumbnail(board)
        let rows = max(1, (count + columns - 1) / columns)
        return PixelSize(
            width: Self.gap + columns * (thumb.width + Self.gap),
            height: Self.titleHeight + rows * (thumb.height + Self.labelHeight + Self.gap) + Self.gap)
    }

    private func thumbnail(_ board: PixelSize) -> PixelSize {
        PixelSize(width: thumbnailWidth, height: max(1, thumbnailWidth * board.height / board.width))
    }

    private static let gap = 16
    private static let labelHeight = 44
    private static let titleHeight = 64

    /// Renders `changes` of `scheduler` with a title; labels use the bundle's time zone.
    /// - Parameters:
    ///   - changes: the changes of scene to show, one thumbnail each, in order.
    ///   - scheduler: what the board shows at each change.
    ///   - alerts: warnings shown on every thumbnail as the board would show them.
    ///   - title: the line across the top of the sheet.
    ///   - label: the text under each thumbnail.
    ///   - fonts: the fonts for the boards and the labels.
    ///   - logger: where problems drawing a board go.
    public func render(
        _ changes: [SceneChange], scheduler: Scheduler, alerts: [Alert] = [], title: String,
        label: (SceneChange) -> String, fonts: FontLibrary, logger: Logger
    ) throws(SDLError) -> Surface {
        let board = scheduler.bundle.schedule.size
        let thumb = thumbnail(board)
        let (gap, labelHeight, titleHeight) = (Self.gap, Self.labelHeight, Self.titleHeight)
        let size = size(count: changes.count, board: board)
        func cell(_ index: Int) -> (x: Int, y: Int) {
            (gap + index % columns * (thumb.width + gap), titleHeight + index / columns * (thumb.height + labelHeight + gap))
        }

        // The sheet's own text is a layout too: the same text engine as the boards.
        let labelStyle = TextStyle(
            font: FontSpec(family: "Noto Sans", size: 15), color: Color(red: 0x20, green: 0x20, blue: 0x20), alignment: .left,
            verticalAlignment: .top, lineSpacing: 1.05, wrap: true, fit: .shrink(minimumSize: 9))
        var regions = [
            Region(
                id: "title", frame: PixelRect(x: gap, y: 10, width: size.width - 2 * gap, height: titleHeight - 16),
                items: [
                    Item(
                        durationMilliseconds: 1000,
                        content: .text(
                            TextItem(
                                text: title,
                                style: TextStyle(
                                    font: FontSpec(family: "Noto Sans", size: 26, weight: .bold), color: .black,
                                    verticalAlignment: .middle, wrap: false, fit: .shrink(minimumSize: 10)))))
                ])
        ]
        for (index, change) in changes.enumerated() {
            let (x, y) = cell(index)
            regions.append(
                Region(
                    id: "label-\(index)",
                    frame: PixelRect(x: x, y: y + thumb.height + 4, width: thumb.width, height: labelHeight - 6),
                    items: [Item(durationMilliseconds: 1000, content: .text(TextItem(text: label(change), style: labelStyle)))]))
        }
        let sheetLayout = Layout(size: size, background: Color(red: 0xF2, green: 0xF2, blue: 0xEE), regions: regions)
        let sheet = try HeadlessRenderer(size: size, fonts: fonts, logger: logger)
        sheet.render(sheetLayout.scene(at: .epoch))

        let frames = try HeadlessRenderer(size: board, fonts: fonts, logger: logger)
        for (index, change) in changes.enumerated() {
            let frame = frames.render(scheduler.scene(at: change.showAt, alerts: alerts))
            let (x, y) = cell(index)
            try sheet.surface.blit(try frame.scaled(to: thumb), x: x, y: y)
        }
        return sheet.surface
    }
}
