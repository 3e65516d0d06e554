import BangtinCore
import CSDL2
import Logging

/// SDL's software renderer, drawing exactly the pixels `render` produces, and pushing only the
/// rectangles that changed to the display: a steady board with a moving ticker sends only the
/// ticker's strip.
///
/// When the window is the board's size (the normal case: a borderless window for a sender
/// card, or fullscreen at the panel's resolution) it draws straight into the window's own
/// surface, which X shares with the server; otherwise into a board-sized surface scaled onto
/// the window.
///
/// SDL frees a window's surface when the window changes size, the next time anyone asks for
/// it. So the canvas keeps no pointer to it between frames of its own: it asks for the window
/// surface only when it builds its drawing path (after a size change, an event saying the
/// window was resized, or a failed update), having let go of the path that drew into the old one.
final class SoftwareCanvas: WindowCanvas {
    private(set) var frames: FrameRenderer
    let hasVsync = false
    let drawsSubpixels = false
    private(set) var name: String
    private let window: BoardWindow
    private let board: PixelSize
    private let fonts: FontLibrary
    private let prepared: PreparedAssets?
    private let logger: Logger
    /// Where frames are drawn.
    private var path: Path
    /// The window size the path was built for.
    private var builtFor: PixelSize
    /// A window size at which drawing straight into the window surface failed or cannot work
    /// (another pixel format): not tried again until the size changes.
    private var refusedAt: PixelSize?
    /// The window was resized, or an update failed: build the path anew before drawing.
    private var mustRebuild = false
    private var pending: [PixelRect] = []
    private var pendingAll = false

    private enum Path {
        /// Drawing straight into the window's surface.
        case direct
        /// Drawing into a board surface, copied (scaled when sizes differ) onto the window.
        case scaled(Surface)
    }

    init(window: BoardWindow, board: PixelSize, fonts: FontLibrary, prepared: PreparedAssets?, logger: Logger)
        throws(SDLError)
    {
        self.window = window
        self.board = board
        self.fonts = fonts
        self.prepared = prepared
        self.logger = logger
        builtFor = window.size
        (path, frames, name, refusedAt) = try Self.build(
            window: window, board: board, fonts: fonts, prepared: prepared, logger: logger, refusedAt: nil)
    }

    /// The drawing path for the window as it is now.
    private static func build(
        window: BoardWindow, board: PixelSize, fonts: FontLibrary, prepared: PreparedAssets?, logger: Logger,
        refusedAt: PixelSize?
    ) throws(SDLError) -> (Path, FrameRenderer, String, PixelSize?) {
        let size = window.size
        var refused = refusedAt
        if size == board, refusedAt != size {
            if let own = SDL_GetWindowSurface(window.handle), own.pointee.format.pointee.BytesPerPixel == 4,
                Int(own.pointee.w) == board.width, Int(own.pointee.h) == board.height
            {
                do {
                    let renderer = try Renderer(windowSurface: own, keepAlive: window)
                    let name = "software (\(String(cString: SDL_GetPixelFormatName(own.pointee.format.pointee.format))))"
                    return (
                        .direct, FrameRenderer(renderer: renderer, fonts: fonts, prepared: prepared, logger: logger), name,
                        nil
                    )
                } catch {
                    logger.warning("cannot draw into the window surface (\(error)); drawing into a board surface")
                }
            }
            refused = size
        }
        let surface = try Surface(size: board)
        let frames = FrameRenderer(
            renderer: try Renderer(softwareTarget: surface), fonts: fonts, prepared: prepared, logger: logger)
        return (.scaled(surface), frames, "software (scaled)", refused)
    }

    func windowChanged() {
        mustRebuild = true
    }

    func draw(_ scene: Scene, dirty: [PixelRect]?, brightness: Int, from frame: PreparedFrame?) {
        var dirty = dirty
        let size = window.size
        if mustRebuild || size != builtFor {
            // A board surface survives a window's change; only the window's own surface must
            // be let go of (and a new size may allow drawing into it directly again).
            let wasDirect: Bool
            if case .direct = path { wasDirect = true } else { wasDirect = false }
            if wasDirect || (size == board && refusedAt != size) {
                do {
                    (path, frames, name, refusedAt) = try Self.build(
                        window: window, board: board, fonts: fonts, prepared: prepared, logger: logger,
                        refusedAt: size == builtFor ? refusedAt : nil)
                    logger.notice("window is \(size) now; drawing \(name) anew")
                } catch {
                    logger.error("cannot draw for the changed window: \(error)")
                    return
                }
            }
            builtFor = size
            mustRebuild = false
            dirty = nil
        }
        let changed = frames.draw(scene, dirty: dirty, brightness: brightness, present: false, from: frame)
        SDL_RenderFlush(frames.renderer.handle)
        switch path {
        case .direct:
            if dirty != nil { pending += changed } else { pendingAll = true }
        case .scaled(let surface):
            copyBoard(surface, dirty: dirty.map { _ in changed })
        }
    }

    /// Scaled mode: the board surface onto the window surface (asked for afresh: only this
    /// call uses it).
    private func copyBoard(_ surface: Surface, dirty: [PixelRect]?) {
        guard let target = SDL_GetWindowSurface(window.handle) else {
            pendingAll = true
            return
        }
        let windowSize = PixelSize(width: Int(target.pointee.w), height: Int(target.pointee.h))
        SDL_SetSurfaceBlendMode(surface.handle, SDL_BLENDMODE_NONE)
        SDL_SetClipRect(surface.handle, nil)
        if windowSize == surface.size, let dirty {
            for rect in dirty {
                var r = SDL_Rect(rect)
                var d = r
                SDL_UpperBlit(surface.handle, &r, target, &d)
            }
            pending += dirty
        } else {
            SDL_FillRect(target, nil, 0)
            var destination = SDL_Rect(BoardWindow.fit(surface.size, in: windowSize))
            if windowSize == surface.size {
                SDL_UpperBlit(surface.handle, nil, target, &destination)
            } else {
                SDL_UpperBlitScaled(surface.handle, nil, target, &destination)
            }
            pendingAll = true
        }
    }

    func refresh() {
        switch path {
        case .direct: pendingAll = true
        case .scaled(let surface): copyBoard(surface, dirty: nil)
        }
        present()
    }

    func present() {
        var failed = false
        if pendingAll {
            failed = SDL_UpdateWindowSurface(window.handle) != 0
        } else if !pending.isEmpty {
            var rects = pending.map(SDL_Rect.init)
            failed = SDL_UpdateWindowSurfaceRects(window.handle, &rects, Int32(rects.count)) != 0
        }
        if failed {
            // The window's surface went stale (SDL invalidates it on a resize): build anew.
            logger.warning("window update failed: \(SDLError.current("SDL_UpdateWindowSurface")); drawing anew")
            mustRebuild = true
        }
        pending.removeAll(keepingCapacity: true)
        pendingAll = false
    }
}
