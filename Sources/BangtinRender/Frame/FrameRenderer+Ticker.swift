import BangtinCore

/// Tickers: drawn copy by copy, or copied from a band composed once.
///
/// A ticker strip moving every frame is most of what a board redraws. Blending its text over
/// the ground 60 times a second is the dearest thing a software renderer does; the band (ground
/// and text composed once, one cycle wide, already dimmed when the board is) turns each frame
/// into one or two plain copies. `TickerTrack` says when the band gives exactly the same pixels.
extension FrameRenderer {
    /// What a band is composed from.
    struct BandKey: Hashable {
        var request: TextSetter.Request
        var ground: Color
        /// Band height: the rows the text's ink crosses.
        var height: Int
        /// The text's origin row inside the band (negative when marks rise above it).
        var textY: Int
        var cycle: Int
        /// Alpha of the black laid over the band (dimming), 0 for none.
        var shade: UInt8
    }

    private func tickerBlock(_ ticker: TickerItem, in region: RegionScene) -> TextBlock? {
        guard let request = Self.textRequest(for: .ticker(ticker, travelled: 0), in: region) else { return nil }
        return block(request, region: region)
    }

    private func track(_ ticker: TickerItem, block: TextBlock, box: PixelRect, travelled: Int64) -> TickerTrack? {
        let cycle = block.width + ticker.gap
        guard cycle > 0 else { return nil }
        return TickerTrack(box: box, cycle: cycle, ink: block.inkColumns, travelled: travelled)
    }

    /// Draws the ticker copy by copy inside the box's columns (shifted by `dx`) and the current
    /// clip's rows, head and tail joined.
    func drawTicker(_ ticker: TickerItem, travelled: Int64, subpixel: Int, in region: RegionScene, alpha: UInt8, dx: Int) {
        let box = region.contentFrame
        guard let block = tickerBlock(ticker, in: region),
            let track = track(ticker, block: block, box: box, travelled: travelled)
        else { return }
        let outer = renderer.clipRect
        let columns = PixelRect(x: box.x + dx, y: region.frame.y, width: box.width, height: region.frame.height)
        let clip = outer.map { $0.intersection(columns) } ?? columns
        guard !clip.isEmpty else { return }
        renderer.clip(to: clip)
        defer { renderer.clip(to: outer) }
        let y = block.originY(in: box, alignment: ticker.verticalAlignment)
        for x in track.copyOrigins() {
            block.draw(on: renderer, x: x + dx, y: y, alpha: alpha, fraction: -Float(subpixel) / 1000)
        }
    }

    /// What drawing from a band did.
    struct BandDrawing {
        let key: BandKey
        /// Whether only the rows the text crosses were copied (the rest held from before).
        let steady: Bool
        /// Where the pixels are final (dimmed already, when the band is).
        let final: PixelRect
        /// Where pixels may have changed.
        let changed: PixelRect
    }

    /// What a region frame of the final target holds from its band's last draw.
    struct SteadyBand {
        var key: BandKey
        /// The ticker's travel when drawn.
        var travelled: Int64
    }

    /// Draws a ticker region (content and padding) over one opaque `ground` from its band,
    /// dimmed by `shade`. When the frame still holds what the same band drew last (`steady`),
    /// only the rows the text crosses change: moved left in place by the distance travelled
    /// since, the columns that scroll in copied from the band. Returns nil when the band would
    /// not give exactly what drawing copy by copy gives; nothing was drawn then.
    func drawTickerBand(
        _ ticker: TickerItem, travelled: Int64, in region: RegionScene, ground: Color, shade: UInt8, steady: SteadyBand?
    ) -> BandDrawing? {
        let box = region.contentFrame
        let frame = region.frame
        guard let block = tickerBlock(ticker, in: region),
            let track = track(ticker, block: block, box: box, travelled: travelled), track.bandIsExact
        else { return nil }
        // Outside the rows its letters cross, a ticker region is its ground in every column:
        // the band holds only those rows.
        let textY = block.originY(in: box, alignment: ticker.verticalAlignment) - frame.y
        let inkTop = max(0, min(frame.height, textY + block.inkTop))
        let inkBottom = max(inkTop, min(frame.height, textY + block.inkBottom))
        let rows = inkTop..<inkBottom
        // A band dearer than half the band cache would push the others out every frame.
        guard !rows.isEmpty, track.cycle * rows.count * 4 <= bands.budget / 2 else { return nil }
        guard let request = Self.textRequest(for: .ticker(ticker, travelled: 0), in: region) else { return nil }
        let key = BandKey(
            request: request, ground: ground,
            height: rows.count, textY: textY - inkTop, cycle: track.cycle, shade: shade)
        guard let band = band(for: key, block: block, track: track) else { return nil }
        bandDraws += 1
        let clip = renderer.clipRect ?? frame
        let strip = PixelRect(x: box.x, y: frame.y + inkTop, width: box.width, height: rows.count)
        let isSteady = steady?.key == key
        var from = box.x
        if let steady, isSteady {
            // Column x now shows what column x + distance showed then.
            let distance = travelled - steady.travelled
            if distance == 0 {
                from = box.maxX
            } else if distance > 0, distance < box.width, renderer.scrollLeft(strip, by: Int(distance)) {
                from = box.maxX - Int(distance)
            }
        } else {
            // The ground: padding beside the box, and the box's rows above and below the letters.
            renderer.fill(PixelRect(x: frame.x, y: frame.y, width: box.x - frame.x, height: frame.height), ground)
            renderer.fill(PixelRect(x: box.maxX, y: frame.y, width: frame.maxX - box.maxX, height: frame.height), ground)
            renderer.fill(PixelRect(x: box.x, y: frame.y, width: box.width, height: inkTop), ground)
            renderer.fill(PixelRect(x: box.x, y: strip.maxY, width: box.width, height: frame.maxY - strip.maxY), ground)
        }
        for segment in track.bandSegments(from: from) {
            renderer.copy(
                band, source: PixelRect(x: segment.bandX, y: 0, width: segment.width, height: rows.count),
                to: PixelRect(x: segment.x, y: strip.y, width: segment.width, height: rows.count))
        }
        if isSteady {
            // Everything else still holds what the last draw left, dimmed as it was.
            return BandDrawing(key: key, steady: true, final: frame.intersection(clip), changed: strip.intersection(clip))
        }
        return BandDrawing(key: key, steady: false, final: strip.intersection(clip), changed: frame.intersection(clip))
    }

    /// The band for `key`: the ground, the copies whose ink reaches one cycle, the shade.
    private func band(for key: BandKey, block: TextBlock, track: TickerTrack) -> Texture? {
        if let cached = bands.value(for: key) { return cached }
        logger.debug("composing a ticker band \(key.cycle)×\(key.height) at shade \(key.shade)")
        let outer = renderer.target
        let outerClip = renderer.clipRect
        defer {
            try? renderer.setTarget(outer)
            renderer.clip(to: outerClip)
        }
        do {
            let band = try Texture(
                renderTargetFor: renderer, size: PixelSize(width: key.cycle, height: key.height), format: renderer.nativeFormat)
            try renderer.setTarget(band)
            renderer.clear(key.ground)
            for origin in track.bandOrigins {
                block.draw(on: renderer, x: origin, y: key.textY)
            }
            if key.shade > 0 {
                renderer.fill(
                    PixelRect(x: 0, y: 0, width: key.cycle, height: key.height),
                    Color(red: 0, green: 0, blue: 0, alpha: key.shade))
            }
            band.replacesPixels()
            bands.insert(band, cost: band.byteCount, for: key)
            return band
        } catch {
            report("cannot compose a ticker band (\(error)); drawing the ticker copy by copy")
            return nil
        }
    }
}
