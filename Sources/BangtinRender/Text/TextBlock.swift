import BangtinCore

/// Text rasterised once into textures, with the geometry needed to place it: the unit the
/// text cache keeps so steady frames only copy pixels.
final class TextBlock {
    /// One rasterised run of text in one font.
    struct Piece {
        let texture: Texture
        /// Top-left relative to the block's origin.
        let x: Int
        let y: Int
    }

    let pieces: [Piece]
    /// Width of the widest line (the box width for aligned text).
    let width: Int
    /// Height by font metrics: (lines − 1) × line advance + font height.
    let height: Int
    /// First and one-past-last rows holding ink, relative to the origin; stacked marks may make
    /// `inkTop` negative.
    let inkTop: Int
    let inkBottom: Int
    /// The pixel size the text was set in (after any shrinking).
    let fontSize: Int

    init(pieces: [Piece], width: Int, height: Int, inkTop: Int, inkBottom: Int, fontSize: Int) {
        self.pieces = pieces
        self.width = width
        self.height = height
        self.inkTop = inkTop
        self.inkBottom = inkBottom
        self.fontSize = fontSize
    }

    /// Columns holding the block's rasterised pixels, relative to its origin.
    var inkColumns: Range<Int> {
        guard let left = pieces.map(\.x).min(), let right = pieces.map({ $0.x + $0.texture.size.width }).max() else {
            return 0..<0
        }
        return left..<right
    }

    var byteCount: Int { pieces.reduce(0) { $0 + $1.texture.byteCount } }

    /// Height of the ink plus the metric box, whichever is taller.
    var fittingHeight: Int { max(height, inkBottom) - min(0, inkTop) }

    /// The block's origin inside `box` for a vertical alignment, moved so no ink (stacked
    /// marks above, dots below) falls outside the box when the ink fits in it.
    func originY(in box: PixelRect, alignment: VerticalAlignment) -> Int {
        var y: Int
        switch alignment {
        case .top: y = box.y
        case .middle: y = box.y + (box.height - height) / 2
        case .bottom: y = box.maxY - height
        }
        if y + inkBottom > box.maxY { y = box.maxY - inkBottom }
        if y + inkTop < box.y { y = box.y - inkTop }  // The top wins: the start of a notice matters most.
        return y
    }

    /// Draws the block with its origin at `x` (+ `fraction` of a pixel, for smooth motion), `y`.
    func draw(on renderer: Renderer, x: Int, y: Int, alpha: UInt8 = 255, fraction: Float = 0) {
        for piece in pieces {
            piece.texture.setAlpha(alpha)
            defer { piece.texture.setAlpha(255) }
            if fraction != 0 {
                renderer.copy(
                    piece.texture, toX: Float(x + piece.x) + fraction, y: Float(y + piece.y),
                    width: Float(piece.texture.size.width), height: Float(piece.texture.size.height))
                continue
            }
            renderer.copy(
                piece.texture,
                to: PixelRect(
                    x: x + piece.x, y: y + piece.y,
                    width: piece.texture.size.width, height: piece.texture.size.height))
        }
    }
}
