import BangtinCore
import CSDL2
import Foundation
import Logging

/// Plays a layout live in a window with the same drawing path as headless rendering.
/// Must run on the process's main thread (SDL's rule for video).
public final class WindowPlayer {
    private let window: OpaquePointer
    private let frames: FrameRenderer
    private let renderer: Renderer
    private let logger: Logger

    /// Opens a window for a board of `size` pixels, shown at `scale` (the picture keeps the
    /// board's exact pixels; the window only magnifies it for a desktop).
    public init(title: String, size: PixelSize, scale: Double, fonts: FontLibrary, logger: Logger) throws(SDLError) {
        try SDLRuntime.startVideo()
        let width = Int32((Double(size.width) * scale).rounded())
        let height = Int32((Double(size.height) * scale).rounded())
        let centred = Int32(bitPattern: SDL_WINDOWPOS_CENTERED_MASK)
        window = try sdlNonNull(
            SDL_CreateWindow(title, centred, centred, width, height, SDL_WINDOW_SHOWN.rawValue | SDL_WINDOW_RESIZABLE.rawValue),
            "SDL_CreateWindow")
        renderer = try Renderer(window: window, vsync: true)
        SDL_RenderSetLogicalSize(renderer.handle, Int32(size.width), Int32(size.height))
        frames = FrameRenderer(renderer: renderer, fonts: fonts, logger: logger)
        self.logger = logger
    }

    deinit { SDL_DestroyWindow(window) }

    /// Shows `scene(instant)` every frame until the window is closed, Escape is pressed or
    /// `seconds` pass. Time comes from `now`, called once per frame.
    public func run(seconds: Double?, now: () -> Instant, scene: (Instant) -> Scene) {
        let start = now()
        var event = SDL_Event()
        while true {
            while SDL_PollEvent(&event) != 0 {
                if event.type == SDL_QUIT.rawValue { return }
                if event.type == SDL_KEYDOWN.rawValue && event.key.keysym.sym == Int32(SDLK_ESCAPE.rawValue) { return }
            }
            let instant = now()
            if let seconds, Double(instant.nanoseconds(since: start)) / 1e9 >= seconds { return }
            frames.draw(scene(instant))
        }
    }
}
