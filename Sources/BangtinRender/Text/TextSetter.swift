import BangtinCore
import Foundation

/// Sets text: picks a font per character (falling back for missing glyphs), wraps, shrinks to
/// fit, rasterises each run with SDL_ttf (HarfBuzz shaping) and measures where the ink lies.
/// Needs no renderer: the preparation thread sets text ahead of the frame loop.
struct TextSetter {
    let fonts: FontFaces
    /// Each size is measured once per request (shrinking tries several, rasterising reuses one).
    private let measuredBySize = MeasuredBySize()

    private final class MeasuredBySize {
        var sizes: [Int: Measured] = [:]
    }

    /// What to set and in what box.
    struct Request: Hashable, Sendable {
        var text: String
        var style: TextStyle
        var box: PixelSize
        /// A ticker: one line, no wrapping, block as wide as the text.
        var singleLine: Bool

        /// Everything but the text: hashing a Vietnamese string normalises it again on every
        /// lookup, dear on a frame loop, and the few texts that share a style and box are told
        /// apart by `==`. (Leaving a field out keeps equal requests' hashes equal.)
        func hash(into hasher: inout Hasher) {
            hasher.combine(style)
            hasher.combine(box)
            hasher.combine(singleLine)
            hasher.combine(text.utf8.count >> 6)
        }
    }

    func set(_ request: Request) throws(SDLError) -> SetText {
        let style = request.style
        var size = style.font.size
        if case .shrink(let minimum) = style.fit, !request.singleLine {
            size = try largestFittingSize(request, from: style.font.size, down: minimum)
        }
        while true {
            let block = try rasterise(request, size: size)
            // Metrics can fit while tall stacked marks still overflow: step down until the ink fits.
            if case .shrink(let minimum) = style.fit, !request.singleLine, size > minimum,
                block.fittingHeight > request.box.height
            {
                size -= 1
                continue
            }
            return block
        }
    }

    private struct Measured {
        var lines: [[Run]]
        var widths: [Int]
        var height: Int
        var lineAdvance: Int
        var primary: Font
        var chain: FontChain
    }

    private struct Run {
        var font: Int
        var text: String
    }

    /// The largest size from `minimum` to `maximum` at which the text fits (the smallest if
    /// none does). Starts from an estimate (wrapped text grows about with the square of the
    /// size) and walks to the answer: two or three sizes measured instead of a binary search's
    /// five or six, each of which shapes and hints every glyph anew.
    private func largestFittingSize(_ request: Request, from maximum: Int, down minimum: Int) throws(SDLError) -> Int {
        let top = try measure(request, size: maximum)
        if fitsBox(top, request) { return maximum }
        let width = Double(top.widths.max() ?? 0)
        let height = Double(top.height)
        let ratio = min(
            1, (width > 0 ? Double(request.box.width) / width : 1).squareRoot(),
            (height > 0 ? Double(request.box.height) / height : 1).squareRoot())
        var size = max(minimum, min(maximum - 1, Int((Double(maximum) * ratio).rounded())))
        if try fits(request, size: size) {
            while size + 1 < maximum, try fits(request, size: size + 1) { size += 1 }
        } else {
            while size > minimum {
                size -= 1
                if try fits(request, size: size) { break }
            }
        }
        return size
    }

    private func fitsBox(_ measured: Measured, _ request: Request) -> Bool {
        (measured.widths.max() ?? 0) <= request.box.width && measured.height <= request.box.height
    }

    private func fits(_ request: Request, size: Int) throws(SDLError) -> Bool {
        fitsBox(try measure(request, size: size), request)
    }

    private func measure(_ request: Request, size: Int) throws(SDLError) -> Measured {
        if let known = measuredBySize.sizes[size] { return known }
        let measured = try measureAnew(request, size: size)
        measuredBySize.sizes[size] = measured
        return measured
    }

    private func measureAnew(_ request: Request, size: Int) throws(SDLError) -> Measured {
        var spec = request.style.font
        spec.size = size
        let chain = try fonts.chain(for: spec)
        let primary = chain.primary
        let wrapWidth = request.style.wrap && !request.singleLine ? request.box.width : nil
        let text = request.singleLine ? request.text.replacingOccurrences(of: "\n", with: " ") : request.text
        // Wrapping asks for the same words and lines again and again: shape each string once.
        var lineWidths: [String: Int] = [:]
        let lines = TextWrapping.lines(of: text, maxWidth: wrapWidth) { line in
            if let known = lineWidths[line] { return known }
            let width = runs(of: line, chain: chain).reduce(0) { $0 + chain[$1.font].width(of: $1.text) }
            lineWidths[line] = width
            return width
        }
        let runLines = lines.map { runs(of: $0, chain: chain) }
        let widths = zip(lines, runLines).map { line, runs in
            lineWidths[line] ?? runs.reduce(0) { $0 + chain[$1.font].width(of: $1.text) }
        }
        let advance = max(1, Int((Double(primary.lineSkip) * request.style.lineSpacing).rounded()))
        let height = (runLines.count - 1) * advance + primary.height
        return Measured(lines: runLines, widths: widths, height: height, lineAdvance: advance, primary: primary, chain: chain)
    }

    /// Splits a line into runs of one font each: every character goes to the first font in the
    /// chain that has all of its scalars; spaces stay with the run they are in.
    private func runs(of line: String, chain: FontChain) -> [Run] {
        var runs: [Run] = []
        for character in line {
            let index: Int
            if character.isWhitespace, let last = runs.last {
                index = last.font
            } else {
                index = chain.index(covering: character)
            }
            if runs.last?.font == index {
                runs[runs.count - 1].text.append(character)
            } else {
                runs.append(Run(font: index, text: String(character)))
            }
        }
        return runs
    }

    private func rasterise(_ request: Request, size: Int) throws(SDLError) -> SetText {
        let measured = try measure(request, size: size)
        let blockWidth = request.singleLine ? (measured.widths.max() ?? 0) : request.box.width
        var pieces: [SetText.Piece] = []
        var inkTop = Int.max
        var inkBottom = Int.min
        for (lineIndex, line) in measured.lines.enumerated() {
            let lineWidth = measured.widths[lineIndex]
            var x: Int
            switch request.style.alignment {
            case .left: x = 0
            case .center: x = (blockWidth - lineWidth) / 2
            case .right: x = blockWidth - lineWidth
            }
            if request.singleLine { x = 0 }
            let baseline = lineIndex * measured.lineAdvance + measured.primary.ascent
            for run in line {
                let font = measured.chain[run.font]
                defer { x += font.width(of: run.text) }
                guard let surface = try font.render(run.text, color: request.style.color) else { continue }
                // SDL_ttf grows a surface upwards when marks rise above the ascent: the extra
                // rows sit on top, so the baseline is that much lower in the surface.
                let raisedBy = max(0, surface.size.height - font.height)
                let y = baseline - font.ascent - raisedBy
                if let ink = surface.inkRows() {
                    inkTop = min(inkTop, y + ink.top)
                    inkBottom = max(inkBottom, y + ink.bottom + 1)
                }
                pieces.append(SetText.Piece(surface: surface, x: x, y: y))
            }
        }
        if inkTop == Int.max { (inkTop, inkBottom) = (0, 0) }
        return SetText(
            pieces: pieces,
            geometry: TextGeometry(
                width: blockWidth, height: measured.height, inkTop: inkTop, inkBottom: inkBottom, fontSize: size))
    }
}
