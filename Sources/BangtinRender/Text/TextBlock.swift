import BangtinCore

/// Where a block of set text lies: the same for its surfaces and for its textures.
struct TextGeometry: Hashable, Sendable {
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
}

/// Text set and rasterised into surfaces, on no renderer yet: what the preparation thread
/// hands the frame loop, which only uploads it. Never changed once made, so the thread that
/// made it and the loop may both read it.
final class SetText: @unchecked Sendable {
    /// One rasterised run of text in one font.
    struct Piece {
        let surface: Surface
        /// Top-left relative to the block's origin.
        let x: Int
        let y: Int
    }

    let pieces: [Piece]
    let geometry: TextGeometry

    init(pieces: [Piece], geometry: TextGeometry) {
        self.pieces = pieces
        self.geometry = geometry
    }

    var fittingHeight: Int { geometry.fittingHeight }

    /// Bytes of pixel memory, for cache accounting.
    var byteCount: Int { pieces.reduce(0) { $0 + $1.surface.size.width * $1.surface.size.height * 4 } }
}

/// Text uploaded to a renderer as textures, with the geometry needed to place it: the unit the
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
    let geometry: TextGeometry

    /// Uploads set text to `renderer`.
    init(uploading text: SetText, to renderer: Renderer) throws(SDLError) {
        var pieces: [Piece] = []
        pieces.reserveCapacity(text.pieces.count)
        for piece in text.pieces {
            pieces.append(Piece(texture: try Texture(renderer: renderer, surface: piece.surface), x: piece.x, y: piece.y))
        }
        self.pieces = pieces
        geometry = text.geometry
    }

    var width: Int { geometry.width }
    var height: Int { geometry.height }
    var inkTop: Int { geometry.inkTop }
    var inkBottom: Int { geometry.inkBottom }
    var fontSize: Int { geometry.fontSize }
    var fittingHeight: Int { geometry.fittingHeight }

    /// Columns holding the block's rasterised pixels, relative to its origin.
    var inkColumns: Range<Int> {
        guard let left = pieces.map(\.x).min(), let right = pieces.map({ $0.x + $0.texture.size.width }).max() else {
            return 0..<0
        }
        return left..<right
    }

    var byteCount: Int { pieces.reduce(0) { $0 + $1.texture.byteCount } }

    func originY(in box: PixelRect, alignment: VerticalAlignment) -> Int {
        geometry.originY(in: box, alignment: alignment)
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
