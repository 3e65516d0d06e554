import BangtinCore
import CSDL2

/// Owner of the board's `SDL_Window`, placed as a kiosk needs it.
public final class BoardWindow {
    /// How the window sits on the display.
    public enum Mode: Hashable, Sendable {
        /// Fullscreen on a display at its resolution.
        case fullscreen
        /// Borderless, of exact size at an exact position: what LED sender cards capture.
        case borderless
        /// A normal resizable window.
        case windowed
    }

    /// Where and how the window goes.
    public struct Placement: Hashable, Sendable {
        public var mode: Mode
        public var display: Int
        public var x: Int
        public var y: Int
        /// Window size; for fullscreen the display's size is used.
        public var size: PixelSize

        /// Creates a placement.
        public init(mode: Mode, display: Int = 0, x: Int = 0, y: Int = 0, size: PixelSize) {
            self.mode = mode
            self.display = display
            self.x = x
            self.y = y
            self.size = size
        }
    }

    let handle: OpaquePointer

    /// Opens the window: the mouse cursor hidden and the screensaver kept off, since nobody is
    /// on site to wake the board.
    public init(title: String, placement: Placement) throws(SDLError) {
        try SDLRuntime.startVideo()
        var flags = SDL_WINDOW_SHOWN.rawValue
        var x = Int32(placement.x)
        var y = Int32(placement.y)
        var width = Int32(placement.size.width)
        var height = Int32(placement.size.height)
        switch placement.mode {
        case .fullscreen:
            var bounds = SDL_Rect()
            let display = Int32(min(placement.display, max(0, Int(SDL_GetNumVideoDisplays()) - 1)))
            if SDL_GetDisplayBounds(display, &bounds) == 0 {
                (x, y, width, height) = (bounds.x, bounds.y, bounds.w, bounds.h)
            }
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP.rawValue
        case .borderless:
            flags |= SDL_WINDOW_BORDERLESS.rawValue | SDL_WINDOW_ALWAYS_ON_TOP.rawValue
        case .windowed:
            flags |= SDL_WINDOW_RESIZABLE.rawValue
            if placement.x == 0 && placement.y == 0 {
                x = Int32(bitPattern: SDL_WINDOWPOS_CENTERED_MASK)
                y = x
            }
        }
        handle = try sdlNonNull(SDL_CreateWindow(title, x, y, width, height, flags), "SDL_CreateWindow")
        if placement.mode != .windowed { SDL_ShowCursor(SDL_DISABLE) }
        SDL_DisableScreenSaver()
    }

    deinit { SDL_DestroyWindow(handle) }

    /// The window's size in pixels now.
    public var size: PixelSize {
        var w: Int32 = 0
        var h: Int32 = 0
        SDL_GetWindowSize(handle, &w, &h)
        return PixelSize(width: Int(w), height: Int(h))
    }

    /// Asks for a new window size (a window manager or a person may resize a windowed board).
    public func resize(to size: PixelSize) {
        SDL_SetWindowSize(handle, Int32(size.width), Int32(size.height))
    }

    /// The display's refresh rate in Hz, if known.
    public var refreshRate: Int? {
        var mode = SDL_DisplayMode()
        guard SDL_GetWindowDisplayMode(handle, &mode) == 0, mode.refresh_rate > 0 else { return nil }
        return Int(mode.refresh_rate)
    }

    /// The rectangle a board of `board` pixels fills in a window of `window` pixels: exact at
    /// the same size, else scaled to fit and centred.
    static func fit(_ board: PixelSize, in window: PixelSize) -> PixelRect {
        if board == window { return PixelRect(x: 0, y: 0, width: board.width, height: board.height) }
        return ImageFit.contain.placement(of: board, in: PixelRect(x: 0, y: 0, width: window.width, height: window.height))
            .destination
    }
}

/// What happened to the window since the last look.
public enum WindowEvent: Sendable {
    case none
    /// The window was closed (or the session asked to quit).
    case quit
    /// Shown, exposed or moved: redraw everything.
    case redraw
    /// Resized: the window's surface is replaced, and everything drawn anew.
    case resized
    /// The renderer's textures or device were lost: recreate it.
    case rendererLost
}

extension BoardWindow {
    /// Drains pending events into the one outcome the frame loop acts on.
    public func pollEvents() -> WindowEvent {
        var outcome = WindowEvent.none
        var event = SDL_Event()
        while SDL_PollEvent(&event) != 0 {
            switch event.type {
            case SDL_QUIT.rawValue:
                return .quit
            case SDL_RENDER_TARGETS_RESET.rawValue, SDL_RENDER_DEVICE_RESET.rawValue:
                outcome = .rendererLost
            case SDL_WINDOWEVENT.rawValue:
                let kind = SDL_WindowEventID(UInt32(event.window.event))
                if kind == SDL_WINDOWEVENT_SIZE_CHANGED || kind == SDL_WINDOWEVENT_RESIZED {
                    if case .rendererLost = outcome {} else { outcome = .resized }
                } else if case .none = outcome {
                    outcome = .redraw
                }
            default:
                break
            }
        }
        return outcome
    }

}
