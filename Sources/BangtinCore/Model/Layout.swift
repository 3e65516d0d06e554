import Foundation

/// What a board shows: its exact pixel size, a background and regions of timed items.
public struct Layout: Hashable, Sendable {
    /// Human name for previews and logs.
    public var name: String?
    /// The board's exact pixel size.
    public var size: PixelSize
    /// Filled before any region.
    public var background: Color
    /// IANA time zone for clocks.
    public var timeZone: String {
        didSet { zone = Layout.zone(named: timeZone) }
    }
    /// `timeZone` resolved once (looking a zone up by name is too dear for every frame); the
    /// default zone when the name is unknown (validation reports it).
    public private(set) var zone: TimeZone
    /// Regions in file order (drawing order comes from `z`, then file order).
    public var regions: [Region] {
        didSet { drawingOrder = Layout.drawingOrder(of: regions) }
    }
    /// Indices of `regions` in drawing order: by `z`, then file order.
    public private(set) var drawingOrder: [Int]
    /// The region that carries a warning banner while emergency alerts are active, so the rest
    /// of the layout (a clock, say) stays in view; nil for the full-screen warning.
    public var alertRegion: String?
    /// Folder the asset paths are relative to; set by whoever read the file (not part of the JSON).
    public var assetRoot: String = ""
    /// The file the layout was read from, for messages; set by the reader (not part of the JSON).
    public var sourcePath: String = ""

    /// The default zone of a Vietnamese board.
    public static let defaultTimeZone = "Asia/Ho_Chi_Minh"

    /// Creates a layout.
    public init(
        name: String? = nil, size: PixelSize, background: Color = .black,
        timeZone: String = Layout.defaultTimeZone, regions: [Region]
    ) {
        self.name = name
        self.size = size
        self.background = background
        self.timeZone = timeZone
        self.zone = Layout.zone(named: timeZone)
        self.regions = regions
        self.drawingOrder = Layout.drawingOrder(of: regions)
    }

    static func drawingOrder(of regions: [Region]) -> [Int] {
        regions.indices.sorted { (regions[$0].z, $0) < (regions[$1].z, $1) }
    }

    static func zone(named name: String) -> TimeZone { ContentTimeZone.named(name) }

    /// How long the layout plays in a schedule unless told otherwise: its longest region loop.
    public var naturalDurationMilliseconds: Int64 {
        regions.map { $0.items.reduce(0) { $0 + $1.durationMilliseconds } }.max() ?? 0
    }

    /// Every asset path the layout refers to, with the JSON path of the reference.
    public var assetReferences: [(jsonPath: String, path: String)] {
        regions.enumerated().flatMap { r, region in
            region.items.enumerated().compactMap { i, item in
                if case .image(let image) = item.content { return ("regions[\(r)].items[\(i)].path", image.path) }
                return nil
            }
        }
    }
}

/// A rectangle of the board playing a looping playlist.
public struct Region: Hashable, Sendable {
    /// Name used in logs.
    public var id: String
    /// Where on the board, in pixels.
    public var frame: PixelRect
    /// Drawing order; higher draws on top.
    public var z: Int
    /// Filled before the item, if any.
    public var background: Color?
    /// Inner margin for text-like items.
    public var padding: Int
    /// The playlist, played in order and looped; never empty in a valid layout.
    public var items: [Item]

    /// Creates a region.
    public init(id: String, frame: PixelRect, z: Int = 0, background: Color? = nil, padding: Int = 0, items: [Item]) {
        self.id = id
        self.frame = frame
        self.z = z
        self.background = background
        self.padding = padding
        self.items = items
    }
}

/// One entry of a region's playlist.
public struct Item: Hashable, Sendable {
    /// How long the item shows, in milliseconds (> 0).
    public var durationMilliseconds: Int64
    /// What it shows.
    public var content: ItemContent
    /// How it comes on over the item before it.
    public var transition: TransitionSpec

    /// Creates an item.
    public init(durationMilliseconds: Int64, content: ItemContent, transition: TransitionSpec = .cut) {
        self.durationMilliseconds = durationMilliseconds
        self.content = content
        self.transition = transition
    }
}

/// The kinds of item.
public enum ItemContent: Hashable, Sendable {
    case text(TextItem)
    case ticker(TickerItem)
    case image(ImageItem)
    case clock(ClockItem)

    /// The `kind` name used in layout files.
    public var kind: String {
        switch self {
        case .text: "text"
        case .ticker: "ticker"
        case .image: "image"
        case .clock: "clock"
        }
    }
}
