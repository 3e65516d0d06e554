import BangtinCore
import Dispatch
import Logging
import Synchronization

extension PreparedAssets {
    /// Sets the text and decodes the pictures `scene` shows, on up to `threads` threads at once
    /// (each opening font faces of its own), the dearest first, and returns when all is done: a
    /// single frame (`bangtin render`) then only draws, instead of setting one region's text
    /// after another on one core. What fails is left out, for the drawing to meet again and
    /// report where the region is drawn.
    /// - Parameters:
    ///   - scene: what the frame shows; only its visible contents (and fades' outgoing halves).
    ///   - fonts: the fonts the layouts name.
    ///   - threads: how many threads may work at once, the calling one included.
    ///   - logger: where a failure goes (at debug level: drawing reports it).
    ///   - alongside: other work for the same threads, done once, second (after the dearest
    ///     piece has started): a single frame makes its renderer there, while the dearest text
    ///     is still being set on the other core.
    public func prepareAll(
        _ scene: Scene, fonts: FontLibrary, threads: Int, logger: Logger, alongside: (@Sendable () -> Void)? = nil
    ) {
        var pieces = Self.work(for: scene).sorted { $0.cost > $1.cost }
        if let alongside { pieces.insert(.other(alongside), at: min(1, pieces.count)) }
        let work = pieces
        guard !work.isEmpty else { return }
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(threads, work.count))) { _ in
            let faces = fonts.faces()
            while true {
                let index = next.withLock { index in
                    defer { index += 1 }
                    return index
                }
                guard index < work.count else { return }
                switch work[index] {
                case .text(let request, let region):
                    do {
                        insert(try TextSetter(fonts: faces).set(request), for: request)
                    } catch {
                        logger.debug("cannot prepare text for region \(region): \(error)")
                    }
                case .image(let key):
                    insert(PreparedImage(decoding: key), for: key)
                case .other(let body):
                    body()
                }
            }
        }
    }

    /// One piece of preparation.
    private enum Work: Sendable {
        case text(TextSetter.Request, region: String)
        case image(FrameRenderer.ImageKey)
        case other(@Sendable () -> Void)

        /// A rough weight, to start the dearest pieces first: text that shrinks to fit is
        /// measured at several sizes; a picture costs by the pixels it fills.
        var cost: Int {
            switch self {
            case .text(let request, _):
                guard case .shrink = request.style.fit, !request.singleLine else { return request.text.utf8.count }
                return request.text.utf8.count * 4
            case .image(let key):
                return key.box.width * key.box.height / 1000
            case .other:
                return 0
            }
        }
    }

    /// The texts and pictures `scene` draws, each once, as `ScenePreparer.prepare` finds them.
    private static func work(for scene: Scene) -> [Work] {
        var layouts = [scene.main] + scene.overlays
        if let transition = scene.transition { layouts.append(transition.from) }
        var texts: Set<TextSetter.Request> = []
        var images: Set<FrameRenderer.ImageKey> = []
        var work: [Work] = []
        for layout in layouts {
            for region in layout.regions {
                var contents = [region.content]
                if let transition = region.transition { contents.append(transition.from) }
                for content in contents {
                    if let request = FrameRenderer.textRequest(for: content, in: region) {
                        if texts.insert(request).inserted { work.append(.text(request, region: region.name)) }
                    } else if let key = FrameRenderer.imageKey(for: content, in: region, assetRoot: layout.assetRoot) {
                        if images.insert(key).inserted { work.append(.image(key)) }
                    }
                }
            }
        }
        return work
    }
}
