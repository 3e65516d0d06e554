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
    }

    private let store: Mutex<Store>

    /// Creates an empty store holding up to `budgetBytes` of pixels.
    public init(budgetBytes: Int = 96 << 20) {
        store = Mutex(Store(texts: BoundedCache(budget: budgetBytes / 2), images: BoundedCache(budget: budgetBytes / 2)))
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

    /// Drops the pictures read from `paths` (their files changed).
    public func forgetImages(paths: Set<String>) {
        guard !paths.isEmpty else { return }
        store.withLock { $0.images.removeAll { paths.contains($0.path) } }
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
                let prepared = try ImageScaler.prepare(path: key.path, fit: key.fit, box: key.box)
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
    private let faces: FontFaces
    private let store: PreparedAssets
    private let logger: Logger
    /// How many texts and pictures it has prepared.
    public private(set) var prepared = 0

    /// Creates a preparer filling `store`, with faces of its own from `fonts`.
    public init(fonts: FontLibrary, store: PreparedAssets, logger: Logger) {
        faces = fonts.faces()
        self.store = store
        self.logger = logger
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
