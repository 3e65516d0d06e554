import Foundation

/// Turns layout JSON into a `Layout`, collecting every problem with its JSON path.
public struct LayoutDecoder: Sendable {
    /// The fonts the player has; a layout naming another family is refused.
    public var fonts: FontCatalog

    /// Creates a decoder for a player with these fonts.
    public init(fonts: FontCatalog) {
        self.fonts = fonts
    }

    /// Decodes and validates a layout; the result has no problems only if the layout is usable.
    /// Asset files are not looked at here (that is I/O): see `LayoutFile` at the edge.
    public func decode(_ bytes: [UInt8]) -> (layout: Layout?, problems: [Problem]) {
        var problems: [Problem] = []
        guard var top = ObjectReader.document(bytes, problems: &problems) else { return (nil, problems) }
        let layout = decodeLayout(&top, problems: &problems)
        return (problems.isEmpty ? layout : nil, problems)
    }

    private func decodeLayout(_ top: inout ObjectReader, problems: inout [Problem]) -> Layout? {
        if let version = top.integer("version", required: true, problems: &problems), version != 1 {
            problems.append(Problem(path: "version", message: "unsupported version \(version) (this player reads version 1)"))
        }
        let name = top.string("name", problems: &problems)
        let size = top.boardSize("size", problems: &problems)
        let background = top.color("background", problems: &problems) ?? .black
        let zone = top.string("timezone", problems: &problems) ?? Layout.defaultTimeZone
        if let problem = ContentTimeZone.problem(with: zone) {
            problems.append(Problem(path: "timezone", message: problem))
        }
        var regions: [Region] = []
        if let nodes = top.array("regions", required: true, maxCount: Limits.regionsPerLayout, problems: &problems) {
            if nodes.isEmpty { problems.append(Problem(path: "regions", message: "must hold at least one region")) }
            for (index, node) in nodes.enumerated() {
                if let region = decodeRegion(node, index: index, layoutSize: size, problems: &problems) {
                    regions.append(region)
                }
            }
        }
        let alertRegion = top.string("alertRegion", problems: &problems)
        if let alertRegion { Self.check(alertRegion: alertRegion, in: regions, problems: &problems) }
        top.reportUnknownKeys(problems: &problems)
        guard let size else { return nil }
        var layout = Layout(name: name, size: size, background: background, timeZone: zone, regions: regions)
        layout.alertRegion = alertRegion
        return layout
    }

    private func decodeRegion(_ node: JSONNode, index: Int, layoutSize: PixelSize?, problems: inout [Problem]) -> Region? {
        let path = JSONPath.element("regions", index)
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        let id = reader.string("id", problems: &problems) ?? "region-\(index)"
        var frame: PixelRect?
        if let frameNode = reader.node("frame") {
            frame = decodeFrame(frameNode, path: reader.pathOf("frame"), layoutSize: layoutSize, problems: &problems)
        } else {
            problems.append(Problem(path: reader.pathOf("frame"), message: "is required"))
        }
        let z = reader.integer("z", in: -1000...1000, problems: &problems) ?? 0
        let background = reader.color("background", problems: &problems)
        let padding = reader.integer("padding", in: 0...4096, problems: &problems) ?? 0
        var items: [Item] = []
        if let nodes = reader.array("items", required: true, maxCount: Limits.itemsPerRegion, problems: &problems) {
            if nodes.isEmpty { problems.append(Problem(path: reader.pathOf("items"), message: "must hold at least one item")) }
            for (itemIndex, itemNode) in nodes.enumerated() {
                let itemPath = JSONPath.element(reader.pathOf("items"), itemIndex)
                if let item = ItemDecoder(fonts: fonts, path: itemPath).decode(itemNode, problems: &problems) {
                    items.append(item)
                }
            }
        }
        reader.reportUnknownKeys(problems: &problems)
        guard let frame else { return nil }
        if 2 * padding >= min(frame.width, frame.height) {
            problems.append(
                Problem(
                    path: reader.pathOf("padding"),
                    message:
                        "\(padding) leaves no room inside the \(frame.width)×\(frame.height) region (at most \((min(frame.width, frame.height) - 1) / 2))"
                ))
        }
        return Region(id: id, frame: frame, z: z, background: background, padding: padding, items: items)
    }

    /// The warning banner needs a region of the layout big enough to carry a readable line.
    static func check(alertRegion id: String, in regions: [Region], problems: inout [Problem]) {
        guard let region = regions.first(where: { $0.id == id }) else {
            let ids = regions.map(\.id).joined(separator: ", ")
            problems.append(Problem(path: "alertRegion", message: "names no region of this layout (it has \(ids))"))
            return
        }
        let least = Limits.alertRegionMinimum
        if region.frame.width < least.width || region.frame.height < least.height {
            problems.append(
                Problem(
                    path: "alertRegion",
                    message:
                        "region \(id) is \(region.frame.width)×\(region.frame.height); a warning banner needs at least \(least.width)×\(least.height)"
                ))
        }
    }

    private func decodeFrame(_ node: JSONNode, path: String, layoutSize: PixelSize?, problems: inout [Problem]) -> PixelRect? {
        guard var reader = ObjectReader(node, path: path, problems: &problems) else { return nil }
        let x = reader.integer("x", required: true, in: -16384...16384, problems: &problems)
        let y = reader.integer("y", required: true, in: -16384...16384, problems: &problems)
        let width = reader.integer("width", required: true, in: 1...16384, problems: &problems)
        let height = reader.integer("height", required: true, in: 1...16384, problems: &problems)
        reader.reportUnknownKeys(problems: &problems)
        guard let x, let y, let width, let height else { return nil }
        let frame = PixelRect(x: x, y: y, width: width, height: height)
        if let layoutSize, !PixelRect(x: 0, y: 0, width: layoutSize.width, height: layoutSize.height).contains(frame) {
            problems.append(Problem(path: path, message: "\(frame) extends past the layout's \(layoutSize) size"))
        }
        return frame
    }
}
