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
    private var regionPair: (outgoing: Texture, incoming: Texture)?
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
    /// - Parameters:
    ///   - dirty: redraw only these rectangles (the rest of the target keeps the previous frame);
    ///     nil redraws everything.
    ///   - brightness: percent; below 100 the picture is dimmed (LED walls at night).
    ///   - present: whether to present at the end (a player presents itself, to time the work).
    public func draw(_ scene: Scene, dirty: [PixelRect]? = nil, brightness: Int = 100, present: Bool = true) {
        SDLRuntime.renderLock.lock()
        defer { SDLRuntime.renderLock.unlock() }
        let whole = PixelRect(x: 0, y: 0, width: scene.size.width, height: scene.size.height)
        if let dirty {
            for rect in dirty {
                renderer.clip(to: rect)
                renderer.fill(rect, opaque(scene.main.background))
                drawRegions(of: scene.main, within: rect)
                for overlay in scene.overlays { drawRegions(of: overlay, within: rect) }
            }
        } else {
            if let transition = scene.transition, transition.kind != .cut {
                drawTransition(from: transition.from, to: scene.main, kind: transition.kind, progress: transition.progress)
            } else {
                drawLayout(scene.main)
            }
            for overlay in scene.overlays {
                drawRegions(of: overlay, within: nil)
            }
        }
        if brightness < 100 {
            let shade = Color(red: 0, green: 0, blue: 0, alpha: UInt8(255 * (100 - max(0, brightness)) / 100))
            for rect in dirty ?? [whole] {
                renderer.clip(to: rect)
                renderer.fill(rect, shade)
            }
        }
        renderer.clip(to: nil)
        if present { renderer.present() }
    }

    private func opaque(_ color: Color) -> Color {
        Color(red: color.red, green: color.green, blue: color.blue)
    }

    /// Draws one layout as the whole board.
    public func draw(_ layout: LayoutScene) {
        draw(Scene(main: layout))
    }

    private func drawLayout(_ layout: LayoutScene) {
        renderer.clear(layout.background)
        drawRegions(of: layout, within: nil)
    }

    /// Draws the regions of a layout, only inside `limit` when given.
    private func drawRegions(of layout: LayoutScene, within limit: PixelRect?) {
        for (index, region) in layout.regions.enumerated() {
            let visible = limit.map { intersection(region.frame, $0) } ?? region.frame
            guard visible.width > 0, visible.height > 0 else { continue }
            if let transition = region.transition, transition.kind == .fade {
                drawFade(of: index, in: layout, from: transition.from, progress: transition.progress)
                continue
            }
            renderer.clip(to: visible)
            if let background = region.background { renderer.fill(region.frame, background) }
            if let transition = region.transition, transition.kind == .slideLeft {
                let shift = region.frame.width * transition.progress / 1000
                drawContent(transition.from, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: -shift)
                drawContent(region.content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: region.frame.width - shift)
            } else {
                drawContent(region.content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
            }
        }
        renderer.clip(to: nil)
    }

    /// An exact cross-fade of one region: the region is drawn twice over what lies beneath it
    /// (layout background and lower regions), once with the outgoing item and once with the
    /// incoming one, and the two are blended, so even text on a transparent region fades out.
    private func drawFade(of index: Int, in layout: LayoutScene, from outgoing: SceneContent, progress: Int) {
        let region = layout.regions[index]
        let outer = renderer.target
        do {
            let targets = try regionTargets(size: layout.size)
            for (target, content) in [(targets.outgoing, outgoing), (targets.incoming, region.content)] {
                try renderer.setTarget(target)
                renderer.clear(layout.background)
                for below in layout.regions[..<index] {
                    renderer.clip(to: intersection(below.frame, region.frame))
                    if let background = below.background { renderer.fill(below.frame, background) }
                    drawContent(below.content, in: below, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
                }
                renderer.clip(to: region.frame)
                if let background = region.background { renderer.fill(region.frame, background) }
                drawContent(content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
            }
            try renderer.setTarget(outer)
            renderer.clip(to: region.frame)
            targets.outgoing.setAlpha(255)
            renderer.copy(targets.outgoing, source: region.frame, to: region.frame)
            targets.incoming.setAlpha(UInt8(255 * progress / 1000))
            renderer.copy(targets.incoming, source: region.frame, to: region.frame)
            targets.incoming.setAlpha(255)
        } catch {
            try? renderer.setTarget(outer)
            report("cannot composite a fade in region \(region.id): \(error); cut instead")
            renderer.clip(to: region.frame)
            if let background = region.background { renderer.fill(region.frame, background) }
            drawContent(region.content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
        }
    }

    private func intersection(_ a: PixelRect, _ b: PixelRect) -> PixelRect {
        let x = max(a.x, b.x)
        let y = max(a.y, b.y)
        return PixelRect(x: x, y: y, width: max(0, min(a.maxX, b.maxX) - x), height: max(0, min(a.maxY, b.maxY) - y))
    }

    /// Composites a layout change exactly: each layout is drawn whole into its own texture, then
    /// the two are blended (fade) or placed side by side (slide).
    private func drawTransition(from outgoing: LayoutScene, to incoming: LayoutScene, kind: TransitionKind, progress: Int) {
        let outer = renderer.target
        do {
            let targets = try transitionTargets(size: incoming.size)
            try renderer.setTarget(targets.outgoing)
            drawLayout(outgoing)
            try renderer.setTarget(targets.incoming)
            drawLayout(incoming)
            try renderer.setTarget(outer)
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
            try? renderer.setTarget(outer)
            report("cannot composite a transition: \(error); cut instead")
            drawLayout(incoming)
        }
    }

    private typealias TargetPair = (outgoing: Texture, incoming: Texture)

    private func transitionTargets(size: PixelSize) throws(SDLError) -> TargetPair {
        try pair(&targets, size: size)
    }

    /// A second pair for region fades, which may run inside a layout transition's drawing.
    private func regionTargets(size: PixelSize) throws(SDLError) -> TargetPair {
        try pair(&regionPair, size: size)
    }

    /// The render-target pair in `slot`, (re)made at `size` when missing or of another size.
    private func pair(_ slot: inout TargetPair?, size: PixelSize) throws(SDLError) -> TargetPair {
        if let existing = slot, existing.outgoing.size == size { return existing }
        let made = (
            outgoing: try Texture(renderTargetFor: renderer, size: size),
            incoming: try Texture(renderTargetFor: renderer, size: size)
        )
        slot = made
        return made
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
