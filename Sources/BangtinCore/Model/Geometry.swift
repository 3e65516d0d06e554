/// A size in whole pixels.
public struct PixelSize: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int

    /// Creates a size.
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    public var description: String { "\(width)×\(height)" }
}

/// A rectangle in whole pixels; origin at the top left, y grows downwards.
public struct PixelRect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// Creates a rectangle.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var size: PixelSize { PixelSize(width: width, height: height) }

    /// The rectangle shrunk by `inset` on every side (never below zero size).
    public func inset(by inset: Int) -> PixelRect {
        PixelRect(
            x: x + inset, y: y + inset, width: max(0, width - 2 * inset), height: max(0, height - 2 * inset))
    }

    /// Whether `other` lies entirely inside this rectangle.
    public func contains(_ other: PixelRect) -> Bool {
        other.x >= x && other.y >= y && other.maxX <= maxX && other.maxY <= maxY
    }

    /// Whether the rectangle covers no pixel.
    public var isEmpty: Bool { width <= 0 || height <= 0 }

    /// The pixels in both rectangles (empty, at the nearer corner, when they do not meet).
    public func intersection(_ other: PixelRect) -> PixelRect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        return PixelRect(
            x: left, y: top, width: max(0, min(maxX, other.maxX) - left), height: max(0, min(maxY, other.maxY) - top))
    }

    /// Whether the two rectangles share a pixel.
    public func intersects(_ other: PixelRect) -> Bool { !intersection(other).isEmpty }

    /// The pixels of this rectangle outside every one of `holes`, as disjoint rectangles.
    public func subtracting(_ holes: [PixelRect]) -> [PixelRect] {
        var pieces = isEmpty ? [] : [self]
        for hole in holes where !hole.isEmpty {
            pieces = pieces.flatMap { piece -> [PixelRect] in
                let cut = piece.intersection(hole)
                guard !cut.isEmpty else { return [piece] }
                // Above and below the cut across the whole piece; left and right beside it.
                return [
                    PixelRect(x: piece.x, y: piece.y, width: piece.width, height: cut.y - piece.y),
                    PixelRect(x: piece.x, y: cut.maxY, width: piece.width, height: piece.maxY - cut.maxY),
                    PixelRect(x: piece.x, y: cut.y, width: cut.x - piece.x, height: cut.height),
                    PixelRect(x: cut.maxX, y: cut.y, width: piece.maxX - cut.maxX, height: cut.height),
                ].filter { !$0.isEmpty }
            }
        }
        return pieces
    }

    public var description: String { "\(width)×\(height) at \(x),\(y)" }
}

/// How an image fills its region.
public enum ImageFit: String, Sendable, CaseIterable {
    /// Scaled to fit inside, aspect kept, centred (letterboxed).
    case contain
    /// Scaled to fill, aspect kept, centre cropped.
    case cover
    /// Scaled to fill exactly, aspect ignored.
    case stretch

    /// Where an image of `source` size is drawn inside `box`: the part of the image to take
    /// (`source` rect, in image pixels) and where it lands (`destination`, in board pixels).
    public func placement(of source: PixelSize, in box: PixelRect) -> (source: PixelRect, destination: PixelRect) {
        let whole = PixelRect(x: 0, y: 0, width: source.width, height: source.height)
        guard source.width > 0, source.height > 0, box.width > 0, box.height > 0 else { return (whole, box) }
        switch self {
        case .stretch:
            return (whole, box)
        case .contain:
            // Compare aspect ratios in integers: w1/h1 vs w2/h2.
            if source.width * box.height >= box.width * source.height {
                let height = max(1, (box.width * source.height + source.width / 2) / source.width)
                return (whole, PixelRect(x: box.x, y: box.y + (box.height - height) / 2, width: box.width, height: height))
            } else {
                let width = max(1, (box.height * source.width + source.height / 2) / source.height)
                return (whole, PixelRect(x: box.x + (box.width - width) / 2, y: box.y, width: width, height: box.height))
            }
        case .cover:
            if source.width * box.height >= box.width * source.height {
                let width = max(1, (source.height * box.width + box.height / 2) / box.height)
                return (PixelRect(x: (source.width - width) / 2, y: 0, width: width, height: source.height), box)
            } else {
                let height = max(1, (source.width * box.height + box.width / 2) / box.width)
                return (PixelRect(x: 0, y: (source.height - height) / 2, width: source.width, height: height), box)
            }
        }
    }
}
