import BangtinCore
import Foundation

/// Drawing one region's content, at an opacity and a horizontal shift (for item transitions).
extension FrameRenderer {
    struct ImageKey: Hashable, Sendable {
        /// The layout's folder, which the picture must lie inside.
        var root: String
        /// The picture's path relative to `root`.
        var path: String
        var fit: ImageFit
        var box: PixelRect

        /// Where the file is.
        var fullPath: String { (root as NSString).appendingPathComponent(path) }
    }

    /// The text `content` sets in `region`, if it is text-like (text, clock, ticker): the one
    /// description drawing and preparation share, so what was prepared is what is drawn.
    static func textRequest(for content: SceneContent, in region: RegionScene) -> TextSetter.Request? {
        let box = region.contentFrame
        guard box.width > 0, box.height > 0 else { return nil }
        switch content {
        case .text(let item): return .init(text: item.text, style: item.style, box: box.size, singleLine: false)
        case .clock(let text, let style): return .init(text: text, style: style, box: box.size, singleLine: false)
        case .ticker(let ticker, _, _):
            let style = TextStyle(font: ticker.font, color: ticker.color, wrap: false)
            return .init(text: ticker.text, style: style, box: box.size, singleLine: true)
        case .image: return nil
        }
    }

    /// The picture `content` shows in `region`, if it is one.
    static func imageKey(for content: SceneContent, in region: RegionScene, assetRoot: String) -> ImageKey? {
        guard case .image(let image) = content else { return nil }
        return ImageKey(root: assetRoot, path: image.path, fit: image.fit, box: region.frame)
    }

    func drawContent(_ content: SceneContent, in region: RegionScene, assetRoot: String, alpha: UInt8, dx: Int) {
        switch content {
        case .text(let item):
            drawText(item.style.verticalAlignment, content: content, in: region, alpha: alpha, dx: dx)
        case .clock(_, let style):
            drawText(style.verticalAlignment, content: content, in: region, alpha: alpha, dx: dx)
        case .ticker(let ticker, let travelled, let subpixel):
            drawTicker(ticker, travelled: travelled, subpixel: subpixel, in: region, alpha: alpha, dx: dx)
        case .image(let image):
            drawImage(image, content: content, in: region, assetRoot: assetRoot, alpha: alpha, dx: dx)
        }
    }

    /// The uploaded block for `request`: cached, else uploaded from what the preparation thread
    /// set, else set here (counted: a frame loop with a preparer should not have to).
    func block(_ request: TextSetter.Request, region: RegionScene) -> TextBlock? {
        if let cached = texts.value(for: request) { return cached }
        do {
            let set: SetText
            if let ready = prepared?.text(request) {
                set = ready
                uploads += 1
            } else {
                set = try TextSetter(fonts: faces).set(request)
                textRasterisations += 1
                if prepared != nil {
                    unprepared += 1
                    logger.debug("set text here, not prepared ahead: region \(region.name), \(request.text.prefix(40))")
                }
            }
            let block = try TextBlock(uploading: set, to: renderer)
            texts.insert(block, cost: max(1, block.byteCount), for: request)
            return block
        } catch {
            report("region \(region.id) (regions[\(region.index)].items[\(region.itemIndex)]): cannot set text: \(error)")
            return nil
        }
    }

    private func drawText(_ alignment: VerticalAlignment, content: SceneContent, in region: RegionScene, alpha: UInt8, dx: Int) {
        let box = region.contentFrame
        guard let request = Self.textRequest(for: content, in: region), let block = block(request, region: region) else {
            return
        }
        block.draw(on: renderer, x: box.x + dx, y: block.originY(in: box, alignment: alignment), alpha: alpha)
    }

    private func drawImage(
        _ image: ImageItem, content: SceneContent, in region: RegionScene, assetRoot: String, alpha: UInt8, dx: Int
    ) {
        guard let key = Self.imageKey(for: content, in: region, assetRoot: assetRoot) else { return }
        let loaded = picture(key)
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

    /// The uploaded picture for `key`: cached, else uploaded from what the preparation thread
    /// decoded, else decoded here (counted).
    func picture(_ key: ImageKey) -> Result<(Texture, PixelRect), SDLError> {
        if let cached = images.value(for: key) { return cached }
        let decoded: PreparedImage
        if let ready = prepared?.image(key) {
            decoded = ready
            uploads += 1
        } else {
            decoded = PreparedImage(decoding: key)
            if prepared != nil {
                unprepared += 1
                logger.debug("decoded a picture here, not prepared ahead: \(key.fullPath)")
            }
        }
        let loaded = decoded.result.flatMap { image in
            Result { () throws(SDLError) in (try Texture(renderer: renderer, surface: image.surface), image.destination) }
        }
        images.insert(loaded, cost: (try? loaded.get().0.byteCount) ?? 1, for: key)
        return loaded
    }

    /// Makes ready what drawing `scene` needs, drawing nothing: text and pictures uploaded,
    /// the halves of fades starting in it made. The player calls this in the quiet frames
    /// before a scene is due, so the frame that shows it only draws; each call does one piece
    /// of work at most (what is ready already costs a lookup), to keep every frame short.
    /// - Returns: whether everything is ready.
    @discardableResult
    public func preload(_ scene: Scene) -> Bool {
        for layout in [scene.main] + scene.overlays + (scene.transition.map { [$0.from] } ?? []) {
            for (index, region) in layout.regions.enumerated() {
                if let transition = region.transition, transition.kind == .fade,
                    preloadFade(of: index, in: layout, from: transition.from)
                {
                    return false
                }
                var contents = [region.content]
                if let transition = region.transition { contents.append(transition.from) }
                for content in contents {
                    if let request = Self.textRequest(for: content, in: region), texts.value(for: request) == nil {
                        _ = block(request, region: region)
                        return false
                    } else if let key = Self.imageKey(for: content, in: region, assetRoot: layout.assetRoot),
                        images.value(for: key) == nil
                    {
                        _ = picture(key)
                        return false
                    }
                }
            }
        }
        return true
    }

    /// A dark panel with a cross: visibly "content missing", never a black hole in the board.
    private func drawPlaceholder(in frame: PixelRect, alpha: UInt8) {
        renderer.fill(frame, Color(red: 0x30, green: 0x30, blue: 0x30, alpha: alpha))
        let grey = Color(red: 0x80, green: 0x80, blue: 0x80, alpha: alpha)
        renderer.line(from: (frame.x, frame.y), to: (frame.maxX - 1, frame.maxY - 1), grey)
        renderer.line(from: (frame.x, frame.maxY - 1), to: (frame.maxX - 1, frame.y), grey)
    }
}
