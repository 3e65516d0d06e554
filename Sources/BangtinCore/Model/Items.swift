/// Font weight; the bundled families carry regular and bold.
public enum FontWeight: String, Hashable, Sendable, CaseIterable {
    case regular
    case bold
}

/// A font request: family name from the font catalog, pixel size and weight.
public struct FontSpec: Hashable, Sendable {
    public var family: String
    public var size: Int
    public var weight: FontWeight

    /// The default font: Noto Sans 24 px regular.
    public static let standard = FontSpec(family: "Noto Sans", size: 24, weight: .regular)

    /// Creates a font request.
    public init(family: String, size: Int, weight: FontWeight = .regular) {
        self.family = family
        self.size = size
        self.weight = weight
    }
}

/// Horizontal alignment of lines.
public enum HorizontalAlignment: String, Hashable, Sendable, CaseIterable {
    case left, center, right
}

/// Vertical alignment of a text block.
public enum VerticalAlignment: String, Hashable, Sendable, CaseIterable {
    case top, middle, bottom
}

/// Whether text may be reduced to fit its region.
public enum TextFit: Hashable, Sendable {
    case none
    /// Reduce the size, down to `minimumSize` pixels, until the text fits.
    case shrink(minimumSize: Int)
}

/// How a block of text looks: everything the renderer needs besides the string and the box.
public struct TextStyle: Hashable, Sendable {
    public var font: FontSpec
    public var color: Color
    public var alignment: HorizontalAlignment
    public var verticalAlignment: VerticalAlignment
    /// Multiple of the font's line height.
    public var lineSpacing: Double
    public var wrap: Bool
    public var fit: TextFit

    /// Creates a style.
    public init(
        font: FontSpec = .standard, color: Color = .white, alignment: HorizontalAlignment = .left,
        verticalAlignment: VerticalAlignment = .top, lineSpacing: Double = 1, wrap: Bool = true,
        fit: TextFit = .none
    ) {
        self.font = font
        self.color = color
        self.alignment = alignment
        self.verticalAlignment = verticalAlignment
        self.lineSpacing = lineSpacing
        self.wrap = wrap
        self.fit = fit
    }
}

/// Static text.
public struct TextItem: Hashable, Sendable {
    /// The text, already normalised to NFC.
    public var text: String
    public var style: TextStyle

    /// Creates a text item; the text is normalised to NFC.
    public init(text: String, style: TextStyle) {
        self.text = VietnameseText.normalized(text)
        self.style = style
    }
}

/// One line scrolling right to left, head and tail joined.
public struct TickerItem: Hashable, Sendable {
    /// The text on one line, NFC.
    public var text: String
    public var font: FontSpec
    public var color: Color
    /// Speed in thousandths of a pixel per second, so positions are exact integers.
    public var millipixelsPerSecond: Int64
    /// Pixels between the tail and the next head.
    public var gap: Int
    public var verticalAlignment: VerticalAlignment

    /// Creates a ticker; newlines become spaces and the text is normalised to NFC.
    public init(
        text: String, font: FontSpec = .standard, color: Color = .white, pixelsPerSecond: Double = 60,
        gap: Int = 64, verticalAlignment: VerticalAlignment = .middle
    ) {
        self.text = VietnameseText.normalized(text).split(whereSeparator: \.isNewline).joined(separator: " ")
        self.font = font
        self.color = color
        self.millipixelsPerSecond = Int64((pixelsPerSecond * 1000).rounded())
        self.gap = gap
        self.verticalAlignment = verticalAlignment
    }

    /// Whole pixels travelled after `elapsedNanoseconds` (floor, exact integer arithmetic).
    public func travelled(afterNanoseconds elapsed: Int64) -> Int64 {
        travelledMillipixels(afterNanoseconds: elapsed) / 1000
    }

    /// Thousandths of a pixel travelled after `elapsedNanoseconds` (floor).
    public func travelledMillipixels(afterNanoseconds elapsed: Int64) -> Int64 {
        guard elapsed > 0 else { return 0 }
        let seconds = elapsed / 1_000_000_000
        let nanos = elapsed % 1_000_000_000
        return seconds * millipixelsPerSecond + nanos * millipixelsPerSecond / 1_000_000_000
    }
}

/// A picture from the layout's folder.
public struct ImageItem: Hashable, Sendable {
    /// Path relative to the layout file.
    public var path: String
    public var fit: ImageFit

    /// Creates an image item.
    public init(path: String, fit: ImageFit = .contain) {
        self.path = path
        self.fit = fit
    }
}

/// The time and/or date in Vietnamese formats.
public struct ClockItem: Hashable, Sendable {
    public var format: ClockFormat
    public var style: TextStyle

    /// Creates a clock item.
    public init(format: ClockFormat, style: TextStyle) {
        self.format = format
        self.style = style
    }
}
