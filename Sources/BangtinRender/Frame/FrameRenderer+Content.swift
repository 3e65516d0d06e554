import BangtinCore
import Foundation

/// Drawing one region's content, at an opacity and a horizontal shift (for item transitions).
extension FrameRenderer {
    struct ImageKey: Hashable {
        var path: String
        var fit: ImageFit
        var box: PixelRect
    }

    func drawContent(_ content: SceneContent, in region: RegionScene, assetRoot: String, alpha: UInt8, dx: Int) {
        switch content {
        case .text(let item):
            drawText(item.text, style: item.style, in: region, alpha: alpha, dx: dx)
        case .clock(let text, let style):
            drawText(text, style: style, in: region, alpha: alpha, dx: dx)
        case .ticker(let ticker, let travelled, let subpixel):
            drawTicker(ticker, travelled: travelled, subpixel: subpixel, in: region, alpha: alpha, dx: dx)
        case .image(let image):
            drawImage(image, in: region, assetRoot: assetRoot, alpha: alpha, dx: dx)
        }
    }

    func block(_ request: TextSetter.Request, region: RegionScene) -> TextBlock? {
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

    private func drawText(_ text: String, style: TextStyle, in region: RegionScene, alpha: UInt8, dx: Int) {
        let box = region.contentFrame
        guard box.width > 0, box.height > 0,
            let block = block(.init(text: text, style: style, box: box.size, singleLine: false), region: region)
        else { return }
        block.draw(on: renderer, x: box.x + dx, y: block.originY(in: box, alignment: style.verticalAlignment), alpha: alpha)
    }

    private func drawImage(_ image: ImageItem, in region: RegionScene, assetRoot: String, alpha: UInt8, dx: Int) {
        let key = ImageKey(path: (assetRoot as NSString).appendingPathComponent(image.path), fit: image.fit, box: region.frame)
        let loaded: Result<(Texture, PixelRect), SDLError>
        if let cached = images.value(for: key) {
            loaded = cached
        } else {
            loaded = Result { () throws(SDLError) in
                let prepared = try ImageScaler.prepare(path: image.path, root: assetRoot, fit: image.fit, box: region.frame)
                return (try Texture(renderer: renderer, surface: prepared.surface), prepared.destination)
            }
            images.insert(loaded, cost: (try? loaded.get().0.byteCount) ?? 1, for: key)
        }
        switch loaded {
        case .success(let (texture, destination)):
            var shifted = destination
            shifted.x += dx
            texture.setAlpha(alpha)
            renderer.copy(texture, to: shifted)
            texture.setAlpha(255)
        case .failure(let error):
            report(
                "region \(region.id) (regions[\(region.index)].items[\(region.itemIndex)].path): cannot show image \(image.path): \(error.message); drew a placeholder"
            )
            var frame = region.frame
            frame.x += dx
            drawPlaceholder(in: frame, alpha: alpha)
        }
    }

    /// A dark panel with a cross: visibly "content missing", never a black hole in the board.
    private func drawPlaceholder(in frame: PixelRect, alpha: UInt8) {
        renderer.fill(frame, Color(red: 0x30, green: 0x30, blue: 0x30, alpha: alpha))
        let grey = Color(red: 0x80, green: 0x80, blue: 0x80, alpha: alpha)
        renderer.line(from: (frame.x, frame.y), to: (frame.maxX - 1, frame.maxY - 1), grey)
        renderer.line(from: (frame.x, frame.maxY - 1), to: (frame.maxX - 1, frame.y), grey)
    }
}
