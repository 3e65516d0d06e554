import BangtinCore
import Foundation
import Logging

/// Draws scenes with one renderer; the single drawing path shared by `render`, previews and
/// the live window. Text and images are rasterised once and cached as textures, so a steady
/// frame only copies pixels.
public final class FrameRenderer {
    let renderer: Renderer
    let fonts: FontLibrary
    private let logger: Logger
    private var texts: BoundedCache<TextSetter.Request, TextBlock>
    private var images: BoundedCache<ImageKey, Result<(Texture, PixelRect), SDLError>>
    private var reported: Set<String> = []
    /// Problems met while drawing (broken image, unreadable font), each once, in order.
    public private(set) var problems: [String] = []
    /// How many times text was rasterised; steady frames must not add to it.
    public private(set) var textRasterisations = 0

    init(renderer: Renderer, fonts: FontLibrary, logger: Logger, cacheBudgetBytes: Int = 128 << 20) {
        self.renderer = renderer
        self.fonts = fonts
        self.logger = logger
        texts = BoundedCache(budget: cacheBudgetBytes / 2)
        images = BoundedCache(budget: cacheBudgetBytes / 2)
    }

    /// Draws `scene`; image paths are resolved against `assetRoot`. Never throws: a part that
    /// cannot be drawn is replaced by a placeholder and reported once in `problems` and the log.
    public func draw(_ scene: Scene, assetRoot: String) {
        SDLRuntime.renderLock.lock()
        defer { SDLRuntime.renderLock.unlock() }
        renderer.clear(scene.background)
        for region in scene.regions {
            renderer.clip(to: region.frame)
            if let background = region.background { renderer.fill(region.frame, background) }
            switch region.content {
            case .text(let item):
                drawText(item.text, style: item.style, in: region)
            case .clock(let text, let style):
                drawText(text, style: style, in: region)
            case .ticker(let ticker, let travelled):
                drawTicker(ticker, travelled: travelled, in: region)
            case .image(let image):
                drawImage(image, in: region, assetRoot: assetRoot)
            }
        }
        renderer.clip(to: nil)
        renderer.present()
    }

    private func block(_ request: TextSetter.Request, region: RegionScene) -> TextBlock? {
        if let cached = texts.value(for: request) { return cached }
        do {
            let block = try TextSetter(fonts: fonts, renderer: renderer).set(request)
            textRasterisations += 1
            texts.insert(block, cost: max(1, block.byteCount), for: request)
            return block
        } catch {
            report("region \(region.id) (regions[\(region.index)].items[\(region.itemIndex)]): cannot set text: \(error)")
            return nil
        }
    }

    private func drawText(_ text: String, style: TextStyle, in region: RegionScene) {
        let box = region.contentFrame
        guard box.width > 0, box.height > 0,
            let block = block(.init(text: text, style: style, box: box.size, singleLine: false), region: region)
        else { return }
        block.draw(on: renderer, x: box.x, y: block.originY(in: box, alignment: style.verticalAlignment))
    }

    private func drawTicker(_ ticker: TickerItem, travelled: Int64, in region: RegionScene) {
        let box = region.contentFrame
        let style = TextStyle(font: ticker.font, color: ticker.color, wrap: false)
        guard box.width > 0, box.height > 0,
            let block = block(.init(text: ticker.text, style: style, box: box.size, singleLine: true), region: region)
        else { return }
        let y = block.originY(in: box, alignment: ticker.verticalAlignment)
        let cycle = Int64(block.width + ticker.gap)
        guard cycle > 0 else { return }
        // Copy n enters at the right edge when `travelled` reaches n × cycle; draw every copy
        // still in view, newest first, so head and tail join seamlessly.
        var n = travelled / cycle
        while n >= 0 {
            let x = Int64(box.maxX) - (travelled - n * cycle)
            if x + Int64(block.width) <= Int64(box.x) { break }
            block.draw(on: renderer, x: Int(x), y: y)
            n -= 1
        }
    }

    private struct ImageKey: Hashable {
        var path: String
        var fit: ImageFit
        var box: PixelRect
    }

    private func drawImage(_ image: ImageItem, in region: RegionScene, assetRoot: String) {
        let key = ImageKey(path: (assetRoot as NSString).appendingPathComponent(image.path), fit: image.fit, box: region.frame)
        let loaded: Result<(Texture, PixelRect), SDLError>
        if let cached = images.value(for: key) {
            loaded = cached
        } else {
            loaded = Result { () throws(SDLError) in
                let prepared = try ImageScaler.prepare(path: key.path, fit: image.fit, box: region.frame)
                return (try Texture(renderer: renderer, surface: prepared.surface), prepared.destination)
            }
            images.insert(loaded, cost: (try? loaded.get().0.byteCount) ?? 1, for: key)
        }
        switch loaded {
        case .success(let (texture, destination)):
            renderer.copy(texture, to: destination)
        case .failure(let error):
            report(
                "region \(region.id) (regions[\(region.index)].items[\(region.itemIndex)].path): cannot show image \(image.path): \(error.message); drew a placeholder"
            )
            drawPlaceholder(in: region.frame)
        }
    }

    /// A dark panel with a cross: visibly "content missing", never a black hole in the board.
    private func drawPlaceholder(in frame: PixelRect) {
        renderer.fill(frame, Color(red: 0x30, green: 0x30, blue: 0x30))
        let grey = Color(red: 0x80, green: 0x80, blue: 0x80)
        renderer.line(from: (frame.x, frame.y), to: (frame.maxX - 1, frame.maxY - 1), grey)
        renderer.line(from: (frame.x, frame.maxY - 1), to: (frame.maxX - 1, frame.y), grey)
    }

    private func report(_ problem: String) {
        guard reported.insert(problem).inserted else { return }
        problems.append(problem)
        logger.warning("\(problem)")
    }

    /// Drops every cached texture (e.g. after new content is activated).
    public func purgeCaches() {
        texts.removeAll()
        images.removeAll()
    }
}
