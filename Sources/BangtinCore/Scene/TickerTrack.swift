/// Where a ticker's copies lie in its box at one moment: the geometry shared by drawing the
/// text copy by copy and by copying from a band composed once (text on its opaque ground, one
/// cycle wide), so both give the same pixels.
///
/// Board column `x` shows the repeating pattern at position `x − box.maxX + travelled`; copy
/// `n` (n ≥ 0) starts at pattern position `n × cycle`, so it enters at the box's right edge
/// when `travelled` reaches `n × cycle`. Text shows inside the box's columns only: the
/// region's padding stays clear.
public struct TickerTrack: Hashable, Sendable {
    /// The region's content box.
    public var box: PixelRect
    /// Text advance plus gap: the pattern's period, > 0.
    public var cycle: Int
    /// Columns holding one copy's ink, relative to its origin (may reach past the advance).
    public var ink: Range<Int>
    /// Whole pixels travelled since the ticker started.
    public var travelled: Int64

    /// Creates a track; `cycle` must be positive.
    public init(box: PixelRect, cycle: Int, ink: Range<Int>, travelled: Int64) {
        self.box = box
        self.cycle = max(1, cycle)
        self.ink = ink
        self.travelled = max(0, travelled)
    }

    /// Board x of each copy's origin that can put ink inside the box, rightmost first (the
    /// order they are drawn in, so overlapping ink composites the same way everywhere).
    public func copyOrigins() -> [Int] {
        let cycle = Int64(self.cycle)
        let newest = travelled / cycle + 1  // its left ink may already reach into the box
        var origins: [Int] = []
        var n = newest
        while n >= 0 {
            let x = Int64(box.maxX) - (travelled - n * cycle)
            if x + Int64(ink.upperBound) <= Int64(box.x) { break }
            if x + Int64(ink.lowerBound) < Int64(box.maxX) { origins.append(Int(x)) }
            n -= 1
        }
        return origins
    }

    /// Origins, in band columns, of the copies a band of one cycle is composed from, in
    /// drawing order: every copy whose ink can reach the band.
    public var bandOrigins: [Int] { [cycle, 0, -cycle] }

    /// Whether copying from the band shows exactly what drawing copy by copy shows: one copy's
    /// ink spans less than the three copies the band is made of, and the ticker has run long
    /// enough that no copy before the first one (which never existed) would reach the box.
    public var bandIsExact: Bool {
        guard ink.lowerBound >= -cycle, ink.upperBound <= 2 * cycle, box.width > 0 else { return false }
        return travelled - Int64(box.width) >= Int64(ink.upperBound - cycle)
    }

    /// One piece of the box filled from the band.
    public struct Segment: Hashable, Sendable {
        /// First band column.
        public var bandX: Int
        /// First board column.
        public var x: Int
        public var width: Int
    }

    /// The band pieces that fill the box's columns (from board column `first` on), left to right.
    public func bandSegments(from first: Int? = nil) -> [Segment] {
        var segments: [Segment] = []
        var x = max(box.x, first ?? box.x)
        let cycle = Int64(self.cycle)
        while x < box.maxX {
            let position = Int64(x - box.maxX) + travelled
            let bandX = Int(((position % cycle) + cycle) % cycle)
            let width = min(self.cycle - bandX, box.maxX - x)
            segments.append(Segment(bandX: bandX, x: x, width: width))
            x += width
        }
        return segments
    }
}
