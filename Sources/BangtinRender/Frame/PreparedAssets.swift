import BangtinCore
import Logging
import Synchronization

/// Text set and pictures decoded ahead of time on the preparation thread, kept as surfaces
/// until the frame loop uploads them: the loop itself never shapes a glyph or decodes a file
/// for content that was prepared in time. Bounded: the oldest go first.
public final class PreparedAssets: Sendable {
    private struct Store {
        var texts: BoundedCache<TextSetter.Request, SetText>
        var images: BoundedCache<FrameRenderer.ImageKey, PreparedImage>
        /// Whole frames drawn ahead, newest last.
        var frames: [PreparedFrame] = []
        /// The two halves of region fades, made ahead.
        var halves: BoundedCache<FrameRenderer.FadeKey, FadeHalves>
    }

    /// How many whole frames are kept at most.
    public static let frameCount = 3

    private let store: Mutex<Store>

    /// Creates an empty store holding up to `budgetBytes` of pixels.
    public init(budgetBytes: Int = 96 << 20) {
        store = Mutex(
            Store(
                texts: BoundedCache(budget: budgetBytes * 3 / 8), images: BoundedCache(budget: budgetBytes * 3 / 8),
                halves: BoundedCache(budget: budgetBytes / 4)))
    }

    func text(_ request: TextSetter.Request) -> SetText? {
        store.withLock { $0.texts.value(for: request) }
    }

    func image(_ key: FrameRenderer.ImageKey) -> PreparedImage? {
        store.withLock { $0.images.value(for: key) }
    }

    func hasText(_ request: TextSetter.Request) -> Bool {
        store.withLock { $0.texts.contains(request) }
    }

    func hasImage(_ key: FrameRenderer.ImageKey) -> Bool {
        store.withLock { $0.images.contains(key) }
    }

    func insert(_ text: SetText, for request: TextSetter.Request) {
        store.withLock { $0.texts.insert(text, cost: max(1, text.byteCount), for: request) }
    }

    func insert(_ image: PreparedImage, for key: FrameRenderer.ImageKey) {
        store.withLock { $0.images.insert(image, cost: max(1, image.byteCount), for: key) }
    }

    /// Drops the pictures read from `paths` (their files changed), and every frame drawn ahead.
    public func forgetImages(paths: Set<String>) {
        guard !paths.isEmpty else { return }
        store.withLock {
            $0.images.removeAll { paths.contains($0.fullPath) }
            $0.frames.removeAll()
        }
    }

    func halves(_ key: FrameRenderer.FadeKey) -> FadeHalves? {
        store.withLock { $0.halves.value(for: key) }
    }

    func hasHalves(_ key: FrameRenderer.FadeKey) -> Bool {
        store.withLock { $0.halves.contains(key) }
    }

    func insert(_ halves: FadeHalves, for key: FrameRenderer.FadeKey) {
        store.withLock { $0.halves.insert(halves, cost: halves.byteCount, for: key) }
    }

    func insert(_ frame: PreparedFrame) {
        store.withLock {
            $0.frames.append(frame)
            if $0.frames.count > Self.frameCount { $0.frames.removeFirst() }
        }
    }

    /// Whether a frame of `scene` is held (or its drawing is under way elsewhere).
    func hasFrame(_ scene: Scene, brightness: Int) -> Bool {
        store.withLock { $0.frames.contains { $0.brightness == brightness && $0.scene.showsTheSame(as: scene) } }
    }

    /// A frame drawn ahead that shows what `scene` shows at `brightness` (but for tickers).
    public func frame(showing scene: Scene, brightness: Int) -> PreparedFrame? {
        let candidates = store.withLock { $0.frames.filter { $0.brightness == brightness && $0.scene.size == scene.size } }
        return candidates.last { $0.scene.showsTheSame(as: scene) }
    }
}

/// The two halves of a region fade, made ahead: the region's pixels with the outgoing item and
/// with the incoming one (without alpha), over what lies beneath. Never changed once made.
final class FadeHalves: @unchecked Sendable {
    let outgoing: Surface
    let incoming: Surface

    init(outgoing: Surface, incoming: Surface) {
        self.outgoing = outgoing
        self.incoming = incoming
    }

    var byteCount: Int { 2 * outgoing.size.width * outgoing.size.height * 4 }
}

/// A whole board frame drawn ahead on the preparation thread, with the same renderer code the
/// frame loop uses: where the loop must redraw a large part of the board for a new scene, it
/// copies those pixels instead (a memory copy, not text blending and picture scaling). Never
/// changed once made.
public final class PreparedFrame: @unchecked Sendable {
    /// What it shows.
    let scene: Scene
    let brightness: Int
    /// The pixels, ARGB8888 at the board's size.
    let surface: Surface
    /// Where its pixels go stale while the scene holds (tickers, item transitions): never
    /// copied from.
    let moving: [PixelRect]

    init(scene: Scene, brightness: Int, surface: Surface) {
        self.scene = scene
        self.brightness = brightness
        self.surface = surface
        moving = scene.movingRects
    }
}

/// A picture decoded and scaled to its exact pixels, or why it could not be. Never changed
/// once made, so the preparation thread and the frame loop may both read it.
final class PreparedImage: @unchecked Sendable {
    let result: Result<(surface: Surface, destination: PixelRect), SDLError>

    init(_ result: Result<(surface: Surface, destination: PixelRect), SDLError>) {
        self.result = result
    }

    /// Decodes and scales the picture for `key`.
    convenience init(decoding key: FrameRenderer.ImageKey) {
        self.init(
            Result { () throws(SDLError) in
                let prepared = try ImageScaler.prepare(path: key.path, root: key.root, fit: key.fit, box: key.box)
                return (prepared.surface, prepared.destination)
            })
    }

    var byteCount: Int {
        guard case .success(let image) = result else { return 1 }
        return image.surface.size.width * image.surface.size.height * 4
    }
}

/// Prepares what scenes will need, on the thread that owns it (its own font faces): text set,
/// pictures decoded and scaled, into a `PreparedAssets` the frame loop takes them from.
public final class ScenePreparer {
    private let fonts: FontLibrary
    private let faces: FontFaces
    private let store: PreparedAssets
    private let logger: Logger
    /// Draws whole frames ahead (made for the board's size when first needed).
    private var board: HeadlessRenderer?
    /// How many texts, pictures and frames it has prepared.
    public private(set) var prepared = 0

    /// Creates a preparer filling `store`, with faces of its own from `fonts`.
    public init(fonts: FontLibrary, store: PreparedAssets, logger: Logger) {
        self.fonts = fonts
        faces = fonts.faces()
        self.store = store
        self.logger = logger
    }

    /// Makes the two halves of every region fade `scene` shows that the store lacks.
    public func prepareFades(_ scene: Scene) {
        for layout in [scene.main] + scene.overlays {
            for (index, region) in layout.regions.enumerated() {
                guard let transition = region.transition, transition.kind == .fade else { continue }
                let key = FrameRenderer.FadeKey(region: index, of: layout, from: transition.from)
                guard !store.hasHalves(key) else { continue }
                do {
                    let board = try boardRenderer(size: scene.size)
                    var halves: [Surface] = []
                    for content in [transition.from, region.content] {
                        board.frames.draw(Scene(main: key.layout(showing: content, size: scene.size)), dirty: [region.frame])
                        halves.append(try board.surface.cropped(to: region.frame))
                    }
                    // The incoming half without alpha, as the frame loop's own composing makes it.
                    store.insert(FadeHalves(outgoing: halves[0], incoming: try halves[1].opaqueCopy()), for: key)
                    prepared += 1
                } catch {
                    logger.debug("cannot make a fade's halves ahead: \(error)")
                }
            }
        }
    }

    private func boardRenderer(size: PixelSize) throws(SDLError) -> HeadlessRenderer {
        if let board, board.surface.size == size { return board }
        let made = try HeadlessRenderer(size: size, fonts: fonts, prepared: store, logger: logger)
        board = made
        return made
    }

    /// Draws `scene` whole at `brightness` for the frame loop to copy from, unless a frame of
    /// it is held already. Scenes in a layout transition change every frame: not drawn.
    public func prepareFrame(_ scene: Scene, brightness: Int) {
        guard scene.transition == nil, !store.hasFrame(scene, brightness: brightness) else { return }
        do {
            let board = try boardRenderer(size: scene.size)
            board.frames.draw(scene, brightness: brightness)
            let copy = try Surface(size: scene.size)
            try copy.blit(board.surface, x: 0, y: 0)
            store.insert(PreparedFrame(scene: scene, brightness: brightness, surface: copy))
            prepared += 1
        } catch {
            logger.debug("cannot draw a frame ahead: \(error)")
        }
    }

    /// Sets the text and decodes the pictures `scene` needs that the store does not hold yet.
    public func prepare(_ scene: Scene) {
        var layouts = [scene.main] + scene.overlays
        if let transition = scene.transition { layouts.append(transition.from) }
        for layout in layouts {
            for region in layout.regions {
                var contents = [region.content]
                if let transition = region.transition { contents.append(transition.from) }
                for content in contents { prepare(content, in: region, assetRoot: layout.assetRoot) }
            }
        }
    }

    private func prepare(_ content: SceneContent, in region: RegionScene, assetRoot: String) {
        if let request = FrameRenderer.textRequest(for: content, in: region) {
            guard !store.hasText(request) else { return }
            do {
                store.insert(try TextSetter(fonts: faces).set(request), for: request)
                prepared += 1
            } catch {
                // The frame loop tries again and reports it where the region is drawn.
                logger.debug("cannot prepare text for region \(region.name): \(error)")
            }
        } else if let key = FrameRenderer.imageKey(for: content, in: region, assetRoot: assetRoot) {
            guard !store.hasImage(key) else { return }
            store.insert(PreparedImage(decoding: key), for: key)
            prepared += 1
        }
    }
}
