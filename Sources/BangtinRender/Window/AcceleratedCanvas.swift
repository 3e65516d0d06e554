import BangtinCore
import CSDL2
import Logging

/// The GPU renderer with vsync: frames are kept in a board-sized texture (so only what changed
/// is redrawn into it), then copied to the back buffer and presented.
final class AcceleratedCanvas: WindowCanvas {
    let frames: FrameRenderer
    let hasVsync: Bool
    let drawsSubpixels = true
    let name: String
    private let window: BoardWindow
    private let canvas: Texture

    init(window: BoardWindow, board: PixelSize, fonts: FontLibrary, prepared: PreparedAssets?, logger: Logger)
        throws(SDLError)
    {
        self.window = window
        let renderer = try Renderer(window: window, vsync: true, requireAcceleration: true)
        var info = SDL_RendererInfo()
        SDL_GetRendererInfo(renderer.handle, &info)
        hasVsync = info.flags & SDL_RENDERER_PRESENTVSYNC.rawValue != 0
        name = String(cString: info.name)
        canvas = try Texture(renderTargetFor: renderer, size: board)
        frames = FrameRenderer(renderer: renderer, fonts: fonts, prepared: prepared, logger: logger)
    }

    /// Frames drawn ahead are not used: a GPU draws faster than copying them up.
    func draw(_ scene: Scene, dirty: [PixelRect]?, brightness: Int, from frame: PreparedFrame?) {
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

    /// The renderer follows the window itself (SDL resizes its back buffer).
    func windowChanged() {}

    /// The board texture holds the frame: copied to the back buffer and presented again.
    func refresh() {
        let renderer = frames.renderer
        try? renderer.setTarget(nil)
        renderer.clip(to: nil)
        renderer.clear(.black)
        renderer.copy(canvas, to: BoardWindow.fit(canvas.size, in: window.size))
        renderer.present()
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
