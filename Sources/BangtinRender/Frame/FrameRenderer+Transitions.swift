import BangtinCore

/// Transitions composited exactly through render targets: a region fading over what lies
/// beneath it, a layout fading or sliding into the next.
extension FrameRenderer {
    /// What the two halves of a region fade show: what lies beneath the region, the region,
    /// and the outgoing item. While it stays the same, the halves made for one frame of the
    /// fade serve the next; only the blend between them changes.
    struct FadeKey: Hashable, Sendable {
        var background: Color
        var below: [RegionScene]
        /// The region with its incoming item, its transition left out.
        var region: RegionScene
        var outgoing: SceneContent
        /// Folder the layout's pictures are read from.
        var assetRoot: String

        /// The key of region `index` of `layout` fading in from `outgoing`.
        init(region index: Int, of layout: LayoutScene, from outgoing: SceneContent) {
            let region = layout.regions[index]
            background = layout.background
            below = layout.regions[..<index].filter { $0.frame.intersects(region.frame) }
            var still = region
            still.transition = nil
            self.region = still
            self.outgoing = outgoing
            assetRoot = layout.assetRoot
        }

        /// The region, its item and when it came on: hashing the texts beneath and in it would
        /// normalise them again on every lookup (`==` compares everything).
        func hash(into hasher: inout Hasher) {
            hasher.combine(region.frame)
            hasher.combine(region.itemIndex)
            hasher.combine(region.itemSince)
            hasher.combine(below.count)
        }

        /// The layout showing only what lies beneath the region and the region with `content`.
        func layout(showing content: SceneContent, size: PixelSize) -> LayoutScene {
            var shown = region
            shown.content = content
            return LayoutScene(size: size, background: background, regions: below + [shown], assetRoot: assetRoot)
        }
    }

    /// A region fade's two halves and what they show.
    struct ComposedFade {
        /// Textures holding the region's pixels with the outgoing and the incoming item.
        var halves: TargetPair
        /// Where the region lies in them.
        var source: PixelRect
        /// Whether the halves are render targets composed here (else uploaded, made ahead).
        var composedHere: Bool
        /// What the halves show.
        var key: FadeKey
        /// Whether a frame used it lately (fades not drawn for a whole `draw` are let go);
        /// halves made ready ahead (`preload`) are kept until their fade is drawn.
        var used: Bool
    }

    /// Makes the halves of a fade that starts a moment later, in a quiet frame, keeping them
    /// until the fade is drawn. Returns whether it had work to do.
    func preloadFade(of index: Int, in layout: LayoutScene, from outgoing: SceneContent) -> Bool {
        let region = layout.regions[index]
        let key = FadeKey(region: index, of: layout, from: outgoing)
        guard fades[region.frame]?.key != key else { return false }
        let outer = renderer.target
        defer { try? renderer.setTarget(outer) }
        if let made = try? halves(for: key, size: layout.size, reusing: fades[region.frame]) {
            fades[region.frame] = made
            fadesMadeAhead.insert(region.frame)
        }
        return true
    }

    /// An exact cross-fade of one region: the region is drawn twice over what lies beneath it
    /// (layout background and lower regions), once with the outgoing item and once with the
    /// incoming one, and the two are blended, so even text on a transparent region fades out.
    /// The two halves come from the preparation thread when it made them, else are composed
    /// here; either way once per fade, not once per frame.
    func drawFade(
        of index: Int, in layout: LayoutScene, from outgoing: SceneContent, progress: Int, within visible: PixelRect
    ) {
        let region = layout.regions[index]
        let outer = renderer.target
        let key = FadeKey(region: index, of: layout, from: outgoing)
        do {
            if fades[region.frame]?.key != key {
                fades[region.frame] = try halves(for: key, size: layout.size, reusing: fades[region.frame])
            }
            fades[region.frame]?.used = true
            fadesMadeAhead.remove(region.frame)
            guard let fade = fades[region.frame] else { return }
            try renderer.setTarget(outer)
            renderer.clip(to: visible)
            // The outgoing half is opaque: copied, not blended (the same pixels).
            fade.halves.outgoing.replacesPixels()
            renderer.copy(fade.halves.outgoing, source: fade.source, to: region.frame)
            fade.halves.outgoing.blends()
            fade.halves.incoming.setAlpha(UInt8(255 * progress / 1000))
            renderer.copy(fade.halves.incoming, source: fade.source, to: region.frame)
            fade.halves.incoming.setAlpha(255)
        } catch {
            try? renderer.setTarget(outer)
            fades[region.frame] = nil
            report("cannot composite a fade in region \(region.id): \(error); cut instead")
            renderer.clip(to: visible)
            if let background = region.background { renderer.fill(region.frame, background) }
            drawContent(region.content, in: region, assetRoot: layout.assetRoot, alpha: 255, dx: 0)
        }
    }

    /// The halves for `key`: uploaded from the preparation thread's, else composed into a pair
    /// of render targets (the `previous` fade's, when it composed its own at this size).
    private func halves(for key: FadeKey, size: PixelSize, reusing previous: ComposedFade?) throws(SDLError)
        -> ComposedFade
    {
        let frame = key.region.frame
        if let ready = prepared?.halves(key) {
            uploads += 1
            return ComposedFade(
                halves: (
                    try Texture(renderer: renderer, surface: ready.outgoing),
                    try Texture(renderer: renderer, surface: ready.incoming)
                ), source: PixelRect(x: 0, y: 0, width: frame.width, height: frame.height), composedHere: false, key: key,
                used: true)
        }
        if prepared != nil {
            unprepared += 1
            logger.debug("composed a fade here, not prepared ahead: region \(key.region.name)")
        }
        let targets: TargetPair
        if let previous, previous.composedHere, previous.halves.outgoing.size == size {
            targets = previous.halves
        } else {
            // The incoming half has no alpha of its own: blended at the fade's opacity by SDL's
            // quick path for a surface-wide alpha (halves made ahead are uploaded the same way).
            targets = (
                try Texture(renderTargetFor: renderer, size: size),
                try Texture(renderTargetFor: renderer, size: size, format: Texture.opaqueFormat)
            )
        }
        for (target, content) in [(targets.outgoing, key.outgoing), (targets.incoming, key.region.content)] {
            try renderer.setTarget(target)
            renderer.clip(to: frame)
            renderer.fill(frame, Color(red: key.background.red, green: key.background.green, blue: key.background.blue))
            for below in key.below {
                renderer.clip(to: below.frame.intersection(frame))
                if let background = below.background { renderer.fill(below.frame, background) }
                drawContent(below.content, in: below, assetRoot: key.assetRoot, alpha: 255, dx: 0)
            }
            renderer.clip(to: frame)
            if let background = key.region.background { renderer.fill(frame, background) }
            drawContent(content, in: key.region, assetRoot: key.assetRoot, alpha: 255, dx: 0)
        }
        return ComposedFade(halves: targets, source: frame, composedHere: true, key: key, used: true)
    }

    /// Composites a layout change exactly: each layout is drawn whole into its own texture, then
    /// the two are blended (fade) or placed side by side (slide). The outgoing layout holds its
    /// last frame, so it is drawn once per transition; the incoming one is drawn whole once and
    /// after that only where it changed (a ticker moving on).
    func drawTransition(from outgoing: LayoutScene, to incoming: LayoutScene, kind: TransitionKind, progress: Int) {
        let outer = renderer.target
        do {
            let targets = try transitionTargets(size: incoming.size)
            if composedTransition?.outgoing != outgoing {
                try renderer.setTarget(targets.outgoing)
                drawLayout(outgoing)
            }
            if let before = composedTransition?.incoming,
                let changed = Scene(main: incoming).dirtyRects(since: Scene(main: before))
            {
                if !changed.isEmpty { try renderer.setTarget(targets.incoming) }
                for rect in changed {
                    renderer.clip(to: rect)
                    renderer.fill(
                        rect,
                        Color(red: incoming.background.red, green: incoming.background.green, blue: incoming.background.blue))
                    var pass = Pass.intermediate
                    drawRegions(of: incoming, within: rect, pass: &pass, layer: 0)
                }
            } else {
                try renderer.setTarget(targets.incoming)
                drawLayout(incoming)
            }
            composedTransition = (outgoing, incoming)
            try renderer.setTarget(outer)
            let whole = PixelRect(x: 0, y: 0, width: incoming.size.width, height: incoming.size.height)
            renderer.clip(to: nil)
            // Both layouts are opaque: copied, not blended; the incoming one, which has no alpha
            // of its own, blended over at the transition's opacity.
            targets.outgoing.replacesPixels()
            defer { targets.outgoing.blends() }
            switch kind {
            case .fade:
                renderer.copy(targets.outgoing, to: whole)
                targets.incoming.setAlpha(UInt8(255 * progress / 1000))
                renderer.copy(targets.incoming, to: whole)
                targets.incoming.setAlpha(255)
            case .slideLeft, .cut:
                let shift = whole.width * progress / 1000
                targets.incoming.replacesPixels()
                defer { targets.incoming.blends() }
                renderer.copy(targets.outgoing, to: PixelRect(x: -shift, y: 0, width: whole.width, height: whole.height))
                renderer.copy(
                    targets.incoming, to: PixelRect(x: whole.width - shift, y: 0, width: whole.width, height: whole.height))
            }
        } catch {
            try? renderer.setTarget(outer)
            composedTransition = nil
            report("cannot composite a transition: \(error); cut instead")
            drawLayout(incoming)
        }
    }

    typealias TargetPair = (outgoing: Texture, incoming: Texture)

    /// The pair of targets layout transitions are composed in, without an alpha channel: the
    /// layouts are opaque, copying one in replaces the pixels (alpha included) as drawing it
    /// there would, and blending the incoming one over at the transition's opacity takes SDL's
    /// quick path for a surface-wide alpha.
    private func transitionTargets(size: PixelSize) throws(SDLError) -> TargetPair {
        if let existing = targets, existing.outgoing.size == size { return existing }
        composedTransition = nil
        let made = (
            outgoing: try Texture(renderTargetFor: renderer, size: size, format: Texture.opaqueFormat),
            incoming: try Texture(renderTargetFor: renderer, size: size, format: Texture.opaqueFormat)
        )
        targets = made
        return made
    }
}
