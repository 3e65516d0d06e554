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
    var texts: BoundedCache<TextSetter.Request, TextBlock>
    var images: BoundedCache<ImageKey, Result<(Texture, PixelRect), SDLError>>
    private var targets: (outgoing: Texture, incoming: Texture)?
    private var reported: Set<String> = []
    /// Problems met while drawing (broken image, unreadable font), each once, in order.
    public private(set) var problems: [String] = []
    /// How many times text was rasterised; steady frames must not add to it.
    public internal(set) var textRasterisations = 0

    init(renderer: Renderer, fonts: FontLibrary, logger: Logger, cacheBudgetBytes: Int = 128 << 20) {
        self.renderer = renderer
        self.fonts = fonts
        self.logger = logger
        texts = BoundedCache(budget: cacheBudgetBytes / 2)
        images = BoundedCache(budget: cacheBudgetBytes / 2)
    }

    /// Draws `scene`. Never throws: a part that cannot be drawn is replaced by a placeholder
    /// and reported once in `problems` and the log.
    public func draw(_ scene: Scene) {
        SDLRuntime.renderLock.lock()
        defer { SDLRuntime.renderLock.unlock() }
        if let transition = scene.transition, transition.kind != .cut {
            drawTransition(from: transition.from, to: scene.main, kind: transition.kind, progress: transition.progress)
        } else {
            drawLayout(scene.main)
        }
        for overlay in scene.overlays {
            drawRegions(of: overlay)
        }
        renderer.clip(to: nil)
        renderer.present()
    }

    /// Draws one layout as the whole board.
    public func draw(_ layout: LayoutScene) {
        draw(Scene(main: layout))
    }

    private func drawLayout(_ layout: LayoutScene) {
        renderer.clear(layout.background)
        drawRegions(of: layout)
    }

    private func drawRegions(of layout: LayoutScene) {
        for region in layout.regions {
            renderer.clip(to: region.frame)
            if let background = region.background { renderer.fill(region.frame, background) }
            let assetRoot = layout.assetRoot
            if let transition = region.transition, transition.kind != .cut {
                let shift = region.frame.width * transition.progress / 1000
                switch transition.kind {
                case .fade:
                    let alpha = UInt8(255 * transition.progress / 1000)
                    drawContent(transition.from, in: region, assetRoot: assetRoot, alpha: 255 - alpha, dx: 0)
                    drawContent(region.content, in: region, assetRoot: assetRoot, alpha: alpha, dx: 0)
                case .slideLeft:
                    drawContent(transition.from, in: region, assetRoot: assetRoot, alpha: 255, dx: -shift)
                    drawContent(region.content, in: region, assetRoot: assetRoot, alpha: 255, dx: region.frame.width - shift)
                case .cut:
                    break
                }
            } else {
                drawContent(region.content, in: region, assetRoot: assetRoot, alpha: 255, dx: 0)
            }
        }
        renderer.clip(to: nil)
    }

    /// Composites a layout change exactly: each layout is drawn whole into its own texture, then
    /// the two are blended (fade) or placed side by side (slide).
    private func drawTransition(from outgoing: LayoutScene, to incoming: LayoutScene, kind: TransitionKind, progress: Int) {
        do {
            let targets = try transitionTargets(size: incoming.size)
            try renderer.setTarget(targets.outgoing)
            drawLayout(outgoing)
            try renderer.setTarget(targets.incoming)
            drawLayout(incoming)
            try renderer.setTarget(nil)
            let whole = PixelRect(x: 0, y: 0, width: incoming.size.width, height: incoming.size.height)
            renderer.clip(to: nil)
            switch kind {
            case .fade:
                renderer.clear(.black)
                targets.outgoing.setAlpha(255)
                renderer.copy(targets.outgoing, to: whole)
                targets.incoming.setAlpha(UInt8(255 * progress / 1000))
                renderer.copy(targets.incoming, to: whole)
                targets.incoming.setAlpha(255)
            case .slideLeft, .cut:
                let shift = whole.width * progress / 1000
                renderer.clear(.black)
                renderer.copy(targets.outgoing, to: PixelRect(x: -shift, y: 0, width: whole.width, height: whole.height))
                renderer.copy(
                    targets.incoming, to: PixelRect(x: whole.width - shift, y: 0, width: whole.width, height: whole.height))
            }
        } catch {
            try? renderer.setTarget(nil)
            report("cannot composite a transition: \(error); cut instead")
            drawLayout(incoming)
        }
    }

    private func transitionTargets(size: PixelSize) throws(SDLError) -> (outgoing: Texture, incoming: Texture) {
        if let targets, targets.outgoing.size == size { return targets }
        let made = (try Texture(renderTargetFor: renderer, size: size), try Texture(renderTargetFor: renderer, size: size))
        made.0.setAlpha(255)
        targets = (made.0, made.1)
        return (made.0, made.1)
    }

    func report(_ problem: String) {
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
