import BangtinCore
import Foundation
import Logging

/// Draws scenes with one renderer; the single drawing path shared by `render`, previews and
/// the live window. Text and images are rasterised once and cached as textures, so a steady
/// frame only copies pixels.
public final class FrameRenderer {
    let renderer: Renderer
    /// This renderer's own font faces (a face serves one thread).
    let faces: FontFaces
    /// Text and pictures made ready ahead by a preparation thread, when there is one.
    let prepared: PreparedAssets?
    let logger: Logger
    var texts: BoundedCache<TextSetter.Request, TextBlock>
    var images: BoundedCache<ImageKey, Result<(Texture, PixelRect), SDLError>>
    var bands: BoundedCache<BandKey, Texture>
    /// Region frames of the final target that hold a band's ground everywhere but the rows its
    /// text crosses, as its last draw left them (so the next draw may copy only those rows).
    var steadyBands: [PixelRect: SteadyBand] = [:]
    /// Render-target pairs for layout transitions and region fades (`+Transitions`).
    var targets: (outgoing: Texture, incoming: Texture)?
    /// The layouts last drawn into `targets` (a layout transition in progress).
    var composedTransition: (outgoing: LayoutScene, incoming: LayoutScene)?
    /// Region fades in progress, by region frame (`+Transitions`).
    var fades: [PixelRect: ComposedFade] = [:]
    /// Regions whose fade's halves were made ahead and not drawn yet (kept, not let go).
    var fadesMadeAhead: Set<PixelRect> = []
    private var reported: Set<String> = []
    /// Problems met while drawing (broken image, unreadable font), each once, in order.
    public private(set) var problems: [String] = []
    /// How many times text was rasterised here; steady frames must not add to it.
    public internal(set) var textRasterisations = 0
    /// How many times pixels were copied from a frame drawn ahead instead of drawn.
    public internal(set) var framesCopied = 0
    /// How many prepared texts and pictures were uploaded.
    public internal(set) var uploads = 0
    /// How many texts and pictures had to be set or decoded here although a preparation
    /// thread serves this renderer (it had not got to them in time).
    public internal(set) var unprepared = 0
    /// Whether tickers on an opaque ground are copied from a band composed once (the same
    /// pixels as drawing them copy by copy, for a fraction of the work). Off only to compare.
    public var composesTickerBands = true
    /// How many times a ticker was drawn from its band.
    public internal(set) var bandDraws = 0

    init(
        renderer: Renderer, fonts: FontLibrary, prepared: PreparedAssets? = nil, logger: Logger,
        cacheBudgetBytes: Int = 128 << 20
    ) {
        self.renderer = renderer
        faces = fonts.faces()
        self.prepared = prepared
        self.logger = logger
        texts = BoundedCache(budget: cacheBudgetBytes * 3 / 8)
        images = BoundedCache(budget: cacheBudgetBytes * 3 / 8)
        bands = BoundedCache(budget: cacheBudgetBytes / 4)
    }

    /// Draws `scene`. Never throws: a part that cannot be drawn is replaced by a placeholder
    /// and reported once in `problems` and the log.
    /// - Parameters:
    ///   - scene: what the board shows.
    ///   - dirty: redraw only these rectangles (the rest of the target keeps the previous frame);
    ///     nil redraws everything.
    ///   - brightness: percent; below 100 the picture is dimmed (LED walls at night).
    ///   - present: whether to present at the end (a player presents itself, to time the work).
    ///   - frame: a frame drawn ahead showing the same scene (but for tickers) at the same
    ///     brightness: what it holds outside its moving parts is copied instead of drawn.
    /// - Returns: the rectangles whose pixels may have changed (within `dirty`, often less: a
    ///   scrolling ticker changes only the rows its letters cross).
    @discardableResult
    public func draw(
        _ scene: Scene, dirty: [PixelRect]? = nil, brightness: Int = 100, present: Bool = true, from frame: PreparedFrame? = nil
    ) -> [PixelRect] {
        let whole = PixelRect(x: 0, y: 0, width: scene.size.width, height: scene.size.height)
        if let frame, frame.brightness == brightness, scene.transition == nil {
            let wanted = dirty ?? [whole]
            // Copy every piece the frame's moving parts do not touch; draw those parts.
            let still = wanted.indices.flatMap { wanted[$0].subtracting(frame.moving + wanted[..<$0]) }
            if !still.isEmpty, renderer.copyPixels(from: frame.surface, rects: still) {
                framesCopied += 1
                if !steadyBands.isEmpty {
                    steadyBands = steadyBands.filter { band in !still.contains { band.key.intersects($0) } }
                }
                let rest = wanted.flatMap { rect in frame.moving.map { $0.intersection(rect) }.filter { !$0.isEmpty } }
                let drawn = rest.isEmpty ? [] : draw(scene, dirty: rest, brightness: brightness, present: false)
                if present { renderer.present() }
                return still + drawn
            }
        }
        let shade = brightness < 100 ? UInt8(255 * (100 - max(0, brightness)) / 100) : 0
        var pass = Pass(scene: scene, shade: shade)
        if let dirty {
            for rect in dirty {
                // Drawing here may cover the steady ground of any band it touches; a band's own
                // frame is handed to its next draw, which checks it can rely on it.
                pass.steadyCandidate = steadyBands.removeValue(forKey: rect)
                if !steadyBands.isEmpty { steadyBands = steadyBands.filter { !$0.key.intersects(rect) } }
                pass.steadyDamage = nil
                renderer.clip(to: rect)
                // Regions under one that paints all of the rectangle over one ground need not be drawn.
                let main = scene.main
                pass.first = main.regions.indices.last {
                    main.regions[$0].transition == nil && main.regions[$0].frame.contains(rect)
                        && ground(of: $0, in: main, isMain: true) != nil
                }
                if pass.first == nil { renderer.fill(rect, opaque(main.background)) }
                drawRegions(of: main, from: pass.first ?? 0, within: rect, pass: &pass, layer: 0)
                for (layer, overlay) in scene.overlays.enumerated() {
                    drawRegions(of: overlay, within: rect, pass: &pass, layer: layer + 1)
                }
                pass.damage.append(pass.steadyDamage ?? rect)
            }
        } else {
            steadyBands.removeAll()
            if let transition = scene.transition, transition.kind != .cut {
                drawTransition(from: transition.from, to: scene.main, kind: transition.kind, progress: transition.progress)
            } else {
                renderer.clear(scene.main.background)
                drawRegions(of: scene.main, within: nil, pass: &pass, layer: 0)
            }
            for (layer, overlay) in scene.overlays.enumerated() {
                drawRegions(of: overlay, within: nil, pass: &pass, layer: layer + 1)
            }
            pass.damage = [whole]
        }
        if shade > 0 {
            let black = Color(red: 0, green: 0, blue: 0, alpha: shade)
            // Each pixel once: dirty rectangles may overlap.
            let rects = dirty ?? [whole]
            let pieces = rects.indices.flatMap { rects[$0].subtracting(pass.dimmed + rects[..<$0]) }
            for piece in pieces {
                renderer.clip(to: piece)
                renderer.fill(piece, black)
            }
        }
        renderer.clip(to: nil)
        if present { renderer.present() }
        // A fade not drawn in this frame is over: let its targets go.
        if !fades.isEmpty {
            fades = fades.filter { $0.value.used || fadesMadeAhead.contains($0.key) }
            for frame in fades.keys { fades[frame]?.used = false }
        }
        return pass.damage
    }

    /// One call of `draw`: what may be drawn already dimmed, and what was.
    struct Pass {
        let scene: Scene?
        /// Alpha of the black laid over the frame to dim it; 0 at full brightness.
        let shade: UInt8
        /// Areas drawn at their final brightness, which the dimming pass leaves alone.
        var dimmed: [PixelRect] = []
        /// What changed, rectangle by rectangle.
        var damage: [PixelRect] = []
        /// For the dirty rectangle being drawn: the first main region drawn in it (nothing
        /// beneath drawn), the band whose steady ground it held, and what a steady band changed.
        var first: Int?
        var steadyCandidate: SteadyBand?
        var steadyDamage: PixelRect?

        /// A drawing into an intermediate texture: nothing is final yet.
        static let intermediate = Pass(scene: nil, shade: 0)

        /// Whether the drawing goes straight to the final target.
        var isFinal: Bool { scene != nil }

        /// Whether nothing drawn after region `index` of layer `layer` (0 the main layout, then
        /// overlays) touches `frame`, so it may be drawn at its final brightness right away.
        func isTopmost(_ frame: PixelRect, index: Int, layer: Int) -> Bool {
            guard let scene else { return false }
            let layers = [scene.main] + scene.overlays
            for (other, layout) in layers.enumerated() where other >= layer {
                for region in layout.regions.dropFirst(other == layer ? index + 1 : 0) where region.frame.intersects(frame) {
                    return false
                }
            }
            return true
        }
    }

    private func opaque(_ color: Color) -> Color {
        Color(red: color.red, green: color.green, blue: color.blue)
    }

    /// Draws one layout as the whole board.
    public func draw(_ layout: LayoutScene) {
        draw(Scene(main: layout))
    }

    /// Draws a layout whole into an intermediate texture (transitions).
    func drawLayout(_ layout: LayoutScene) {
        renderer.clear(layout.background)
        var pass = Pass.intermediate
        drawRegions(of: layout, within: nil, pass: &pass, layer: 0)
    }

    /// Draws the regions of a layout from index `first` on, only inside `limit` when given.
    /// Layer 0 is the main layout, whose background lies under every region.
    func drawRegions(of layout: LayoutScene, from first: Int = 0, within limit: PixelRect?, pass: inout Pass, layer: Int) {
        for (index, region) in layout.regions.enumerated().dropFirst(first) {
            let visible = limit.map { region.frame.intersection($0) } ?? region.frame
            guard !visible.isEmpty else { continue }
            if let transition = region.transition, transition.kind == .fade {
                drawFade(of: index, in: layout, from: transition.from, progress: transition.progress, within: visible)
                continue
            }
            renderer.clip(to: visible)
            if let transition = region.transition, transition.kind == .slideLeft {
                if let background = region.background { renderer.fill(region.frame, background) }
                let shift = region.frame.width * transition.progress / 1000
                drawContent(transition.from, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: -shift)
                drawContent(region.content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: region.frame.width - shift)
                continue
            }
            let ground = ground(of: index, in: layout, isMain: layer == 0)
            if composesTickerBands, let ground, case .ticker(let ticker, let travelled, 0) = region.content,
                drawTicker(ticker, travelled: travelled, index: index, region: region, ground: ground, pass: &pass, layer: layer)
            {
                continue
            }
            if let fill = ground ?? region.background { renderer.fill(region.frame, fill) }
            drawContent(region.content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
        }
        renderer.clip(to: nil)
    }

    /// Draws a ticker region from its band when that gives exactly the same pixels, and notes
    /// what it may rely on next time. Returns whether it drew.
    private func drawTicker(
        _ ticker: TickerItem, travelled: Int64, index: Int, region: RegionScene, ground: Color, pass: inout Pass, layer: Int
    ) -> Bool {
        let topmost = pass.isTopmost(region.frame, index: index, layer: layer)
        let whole = renderer.clipRect == region.frame
        // Steady: the frame still holds this band's ground from the last frame, nothing beneath
        // was drawn over it now, and nothing is drawn over it after.
        let steady = pass.isFinal && layer == 0 && topmost && whole && index == pass.first ? pass.steadyCandidate : nil
        guard
            let drawn = drawTickerBand(
                ticker, travelled: travelled, in: region, ground: ground, shade: topmost ? pass.shade : 0, steady: steady)
        else { return false }
        if pass.shade > 0 && topmost { pass.dimmed.append(drawn.final) }
        if drawn.steady { pass.steadyDamage = drawn.changed }
        if pass.isFinal && layer == 0 && topmost && whole {
            steadyBands[region.frame] = SteadyBand(key: drawn.key, travelled: travelled)
        }
        return true
    }

    /// The opaque colour a region's content is drawn over, when it is one colour: its own
    /// opaque background, or the layout's when the region has none and lies on the bare layout
    /// background (nothing beneath it).
    private func ground(of index: Int, in layout: LayoutScene, isMain: Bool) -> Color? {
        let region = layout.regions[index]
        if let background = region.background {
            if background.alpha == 255 { return background }
            if background.alpha > 0 { return nil }
        }
        guard isMain, !layout.regions[..<index].contains(where: { $0.frame.intersects(region.frame) }) else { return nil }
        return opaque(layout.background)
    }

    func report(_ problem: String) {
        guard reported.insert(problem).inserted else { return }
        problems.append(problem)
        logger.warning("\(problem)")
    }

    /// Drops the pictures read from `paths` (their files changed on disk).
    public func forgetImages(paths: Set<String>) {
        guard !paths.isEmpty else { return }
        images.removeAll { paths.contains($0.fullPath) }
    }

    /// Drops every cached texture (benchmarks: the cost of drawing from nothing).
    public func purgeCaches() {
        texts.removeAll()
        images.removeAll()
        bands.removeAll()
        steadyBands.removeAll()
        fades.removeAll()
        fadesMadeAhead.removeAll()
        composedTransition = nil
    }
}
