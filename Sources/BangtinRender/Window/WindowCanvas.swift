import BangtinCore
import CSDL2
import Foundation
import Logging

/// Where a player's frames are drawn before they reach the window.
public protocol WindowCanvas: AnyObject {
    /// The drawing path.
    var frames: FrameRenderer { get }
    /// Whether `present()` waits for the display's vertical blank.
    var hasVsync: Bool { get }
    /// A short description for logs.
    var name: String { get }
    /// Draws `scene` (only `dirty` when given) and prepares it for the window, without waiting.
    func draw(_ scene: Scene, dirty: [PixelRect]?, brightness: Int)
    /// Shows what was drawn (may wait for vsync).
    func present()
}

/// Opens the canvas a config asks for, falling back to software when the GPU path fails.
public func makeCanvas(
    window: BoardWindow, board: PixelSize, kind: PlayerConfig.RendererKind, fonts: FontLibrary, logger: Logger
) throws(SDLError) -> any WindowCanvas {
    // No GPU device at all (a headless server, Xvfb): OpenGL could only be emulated on the CPU,
    // dearer than SDL's own software path, so `auto` does not even try it.
    let hasGPU = ((try? FileManager.default.contentsOfDirectory(atPath: "/dev/dri")) ?? []).contains {
        $0.hasPrefix("card") || $0.hasPrefix("renderD")
    }
    if kind == .accelerated || (kind == .auto && hasGPU) {
        do {
            let canvas = try AcceleratedCanvas(window: window, board: board, fonts: fonts, logger: logger)
            // OpenGL emulated on the CPU (Mesa llvmpipe, no GPU) costs far more than SDL's own
            // software path: let `auto` take the software path there.
            if kind == .auto, let gl = canvas.glRenderer,
                ["llvmpipe", "softpipe", "swrast", "Software"].contains(where: gl.contains)
            {
                logger.notice("OpenGL is emulated on the CPU (\(gl)); using the software renderer")
            } else {
                return canvas
            }
        } catch  where kind == .auto {
            logger.notice("no accelerated renderer (\(error)); using the software renderer")
        }
    }
    return try SoftwareCanvas(window: window, board: board, fonts: fonts, logger: logger)
}

/// SDL's software renderer into a board-sized surface (exactly the pixels `render` produces),
/// copied to the window surface rectangle by rectangle: a steady board with a moving ticker
/// pushes only the ticker's strip to the display.
final class SoftwareCanvas: WindowCanvas {
    let frames: FrameRenderer
    let hasVsync = false
    var name: String { "software" }
    private let window: BoardWindow
    private let surface: Surface
    private var pending: [PixelRect]?
    private var pendingAll = false

    init(window: BoardWindow, board: PixelSize, fonts: FontLibrary, logger: Logger) throws(SDLError) {
        self.window = window
        surface = try Surface(size: board)
        frames = FrameRenderer(renderer: try Renderer(softwareTarget: surface), fonts: fonts, logger: logger)
    }

    func draw(_ scene: Scene, dirty: [PixelRect]?, brightness: Int) {
        frames.draw(scene, dirty: dirty, brightness: brightness, present: false)
        SDL_RenderFlush(frames.renderer.handle)
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
            pending = dirty
            pendingAll = false
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
        if pendingAll {
            SDL_UpdateWindowSurface(window.handle)
        } else if let rects = pending, !rects.isEmpty {
            var sdlRects = rects.map(SDL_Rect.init)
            SDL_UpdateWindowSurfaceRects(window.handle, &sdlRects, Int32(sdlRects.count))
        }
        pending = nil
        pendingAll = false
    }
}

/// The GPU renderer with vsync: frames are kept in a board-sized texture (so only what changed
/// is redrawn into it), then copied to the back buffer and presented.
final class AcceleratedCanvas: WindowCanvas {
    let frames: FrameRenderer
    let hasVsync: Bool
    let name: String
    private let window: BoardWindow
    private let canvas: Texture

    init(window: BoardWindow, board: PixelSize, fonts: FontLibrary, logger: Logger) throws(SDLError) {
        self.window = window
        let renderer = try Renderer(window: window.handle, vsync: true, requireAcceleration: true)
        var info = SDL_RendererInfo()
        SDL_GetRendererInfo(renderer.handle, &info)
        hasVsync = info.flags & SDL_RENDERER_PRESENTVSYNC.rawValue != 0
        name = String(cString: info.name)
        canvas = try Texture(renderTargetFor: renderer, size: board)
        frames = FrameRenderer(renderer: renderer, fonts: fonts, logger: logger)
    }

    func draw(_ scene: Scene, dirty: [PixelRect]?, brightness: Int) {
        let renderer = frames.renderer
        do {
            try renderer.setTarget(canvas)
        } catch {
            return
        }
        frames.draw(scene, dirty: dirty, brightness: brightness, present: false)
        try? renderer.setTarget(nil)
        renderer.clip(to: nil)
        renderer.clear(.black)
        renderer.copy(canvas, to: BoardWindow.fit(canvas.size, in: window.size))
    }

    func present() {
        frames.renderer.present()
    }

    /// The OpenGL renderer string (e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"), when SDL renders
    /// through OpenGL.
    var glRenderer: String? {
        guard name.hasPrefix("opengl"), let address = SDL_GL_GetProcAddress("glGetString") else { return nil }
        typealias GetString = @convention(c) (UInt32) -> UnsafePointer<UInt8>?
        let getString = unsafeBitCast(address, to: GetString.self)
        guard let text = getString(0x1F01) else { return nil }  // GL_RENDERER
        return String(cString: text)
    }
}
