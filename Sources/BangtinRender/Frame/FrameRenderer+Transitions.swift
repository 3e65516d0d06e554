import BangtinCore

/// Transitions composited exactly through render targets: a region fading over what lies
/// beneath it, a layout fading or sliding into the next.
extension FrameRenderer {
    /// An exact cross-fade of one region: the region is drawn twice over what lies beneath it
    /// (layout background and lower regions), once with the outgoing item and once with the
    /// incoming one, and the two are blended, so even text on a transparent region fades out.
    func drawFade(
        of index: Int, in layout: LayoutScene, from outgoing: SceneContent, progress: Int, within visible: PixelRect
    ) {
        let region = layout.regions[index]
        let outer = renderer.target
        do {
            let targets = try regionTargets(size: layout.size)
            for (target, content) in [(targets.outgoing, outgoing), (targets.incoming, region.content)] {
                try renderer.setTarget(target)
                renderer.clear(layout.background)
                for below in layout.regions[..<index] {
                    renderer.clip(to: below.frame.intersection(region.frame))
                    if let background = below.background { renderer.fill(below.frame, background) }
                    drawContent(below.content, in: below, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
                }
                renderer.clip(to: region.frame)
                if let background = region.background { renderer.fill(region.frame, background) }
                drawContent(content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
            }
            try renderer.setTarget(outer)
            renderer.clip(to: visible)
            targets.outgoing.setAlpha(255)
            renderer.copy(targets.outgoing, source: region.frame, to: region.frame)
            targets.incoming.setAlpha(UInt8(255 * progress / 1000))
            renderer.copy(targets.incoming, source: region.frame, to: region.frame)
            targets.incoming.setAlpha(255)
        } catch {
            try? renderer.setTarget(outer)
            report("cannot composite a fade in region \(region.id): \(error); cut instead")
            renderer.clip(to: visible)
            if let background = region.background { renderer.fill(region.frame, background) }
            drawContent(region.content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
        }
    }

    /// Composites a layout change exactly: each layout is drawn whole into its own texture, then
    /// the two are blended (fade) or placed side by side (slide).
    func drawTransition(from outgoing: LayoutScene, to incoming: LayoutScene, kind: TransitionKind, progress: Int) {
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

    typealias TargetPair = (outgoing: Texture, incoming: Texture)

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
}
