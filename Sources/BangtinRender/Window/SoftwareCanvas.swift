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
final class SoftwareCanvas: WindowCanvas {
    private(set) var frames: FrameRenderer
    let hasVsync = false
    let drawsSubpixels = false
    var name: String {
        guard let direct else { return "software (scaled)" }
        return "software (\(String(cString: SDL_GetPixelFormatName(direct.pointee.format.pointee.format))))"
    }
    private let window: BoardWindow
    private let board: PixelSize
    private let fonts: FontLibrary
    private let logger: Logger
    /// The window surface drawn into directly, or nil when drawing into `surface`.
    private var direct: UnsafeMutablePointer<SDL_Surface>?
    private var surface: Surface?
    /// A window surface found unable to take the board directly.
    private var refused: UnsafeMutablePointer<SDL_Surface>?
    private var pending: [PixelRect] = []
    private var pendingAll = false

    init(window: BoardWindow, board: PixelSize, fonts: FontLibrary, logger: Logger) throws(SDLError) {
        self.window = window
        self.board = board
        self.fonts = fonts
        self.logger = logger
        (direct, surface, frames) = try Self.target(window: window, board: board, fonts: fonts, logger: logger, refusing: nil)
        if direct == nil { refused = SDL_GetWindowSurface(window.handle) }
    }

    /// A window surface the board can be drawn into directly: its size, 4 bytes a pixel.
    private static func takesBoard(_ target: UnsafeMutablePointer<SDL_Surface>, _ board: PixelSize) -> Bool {
        Int(target.pointee.w) == board.width && Int(target.pointee.h) == board.height
            && target.pointee.format.pointee.BytesPerPixel == 4
    }

    /// The window's surface when it can be drawn into as the board (and was not `refusing`d
    /// before), else a board surface.
    private static func target(
        window: BoardWindow, board: PixelSize, fonts: FontLibrary, logger: Logger,
        refusing: UnsafeMutablePointer<SDL_Surface>?
    ) throws(SDLError) -> (UnsafeMutablePointer<SDL_Surface>?, Surface?, FrameRenderer) {
        if let own = SDL_GetWindowSurface(window.handle), own != refusing, takesBoard(own, board) {
            do {
                let renderer = try Renderer(windowSurface: own, keepAlive: window)
                return (own, nil, FrameRenderer(renderer: renderer, fonts: fonts, logger: logger))
            } catch {
                logger.warning("cannot draw into the window surface (\(error)); drawing into a board surface")
            }
        }
        let surface = try Surface(size: board)
        return (nil, surface, FrameRenderer(renderer: try Renderer(softwareTarget: surface), fonts: fonts, logger: logger))
    }

    func draw(_ scene: Scene, dirty: [PixelRect]?, brightness: Int) {
        // SDL replaces the window surface when the window changes size; the renderer must
        // follow, and everything is drawn anew. A surface that cannot take the board directly
        // (another size, 2 or 3 bytes a pixel, a failed renderer) is not tried again.
        var dirty = dirty
        let current = SDL_GetWindowSurface(window.handle)
        let wantsDirect = current.map { $0 != refused && Self.takesBoard($0, board) } ?? false
        if current != direct && (direct != nil || wantsDirect) {
            do {
                (direct, surface, frames) = try Self.target(
                    window: window, board: board, fonts: fonts, logger: logger, refusing: refused)
                if direct == nil { refused = current }
                logger.notice("window surface replaced; drawing \(name) anew")
            } catch {
                logger.error("cannot draw into the new window surface: \(error)")
                pendingAll = false
                return
            }
            dirty = nil
        }
        let changed = frames.draw(scene, dirty: dirty, brightness: brightness, present: false)
        SDL_RenderFlush(frames.renderer.handle)
        if direct != nil {
            if dirty != nil { pending += changed } else { pendingAll = true }
            return
        }
        copyBoard(dirty: dirty.map { _ in changed })
    }

    /// Scaled mode: the board surface onto the window surface.
    private func copyBoard(dirty: [PixelRect]?) {
        guard let surface, let target = SDL_GetWindowSurface(window.handle) else {
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

    func present() {
        var failed = false
        if pendingAll {
            failed = SDL_UpdateWindowSurface(window.handle) != 0
        } else if !pending.isEmpty {
            var rects = pending.map(SDL_Rect.init)
            failed = SDL_UpdateWindowSurfaceRects(window.handle, &rects, Int32(rects.count)) != 0
        }
        if failed { logger.warning("window update failed: \(SDLError.current("SDL_UpdateWindowSurface"))") }
        pending.removeAll(keepingCapacity: true)
        pendingAll = false
    }
}
