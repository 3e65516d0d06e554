import BangtinCore
import CSDL2

/// Owner of one `SDL_Renderer`: drawing primitives in board pixels.
public final class Renderer {
    let handle: OpaquePointer
    /// Keeps a software renderer's target surface alive as long as the renderer.
    private let surface: Surface?

    /// A software renderer drawing into `surface` (headless: no display needed).
    init(softwareTarget surface: Surface) throws(SDLError) {
        handle = try sdlNonNull(SDL_CreateSoftwareRenderer(surface.handle), "SDL_CreateSoftwareRenderer")
        self.surface = surface
        SDL_SetRenderDrawBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    /// A renderer for a window: accelerated with vsync when available, else software (unless
    /// acceleration is required).
    init(window: OpaquePointer, vsync: Bool, requireAcceleration: Bool = false) throws(SDLError) {
        let flags =
            SDL_RENDERER_ACCELERATED.rawValue | SDL_RENDERER_TARGETTEXTURE.rawValue
            | (vsync ? SDL_RENDERER_PRESENTVSYNC.rawValue : 0)
        if let accelerated = SDL_CreateRenderer(window, -1, flags) {
            handle = accelerated
        } else if requireAcceleration {
            throw SDLError.current("SDL_CreateRenderer(accelerated)")
        } else {
            handle = try sdlNonNull(SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE.rawValue), "SDL_CreateRenderer")
        }
        surface = nil
        SDL_SetRenderDrawBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    deinit { SDL_DestroyRenderer(handle) }

    func setColor(_ color: Color) {
        SDL_SetRenderDrawColor(handle, color.red, color.green, color.blue, color.alpha)
    }

    /// Fills the whole target, ignoring blending and clipping.
    func clear(_ color: Color) {
        SDL_RenderSetClipRect(handle, nil)
        setColor(Color(red: color.red, green: color.green, blue: color.blue))
        SDL_RenderClear(handle)
    }

    func fill(_ rect: PixelRect, _ color: Color) {
        guard color.alpha > 0 else { return }
        setColor(color)
        var r = SDL_Rect(rect)
        SDL_RenderFillRect(handle, &r)
    }

    func line(from a: (Int, Int), to b: (Int, Int), _ color: Color) {
        setColor(color)
        SDL_RenderDrawLine(handle, Int32(a.0), Int32(a.1), Int32(b.0), Int32(b.1))
    }

    /// Restricts drawing to `rect`, or lifts the restriction with nil.
    func clip(to rect: PixelRect?) {
        if var r = rect.map(SDL_Rect.init) {
            SDL_RenderSetClipRect(handle, &r)
        } else {
            SDL_RenderSetClipRect(handle, nil)
        }
    }

    /// Draws part of a texture (`source`, nil for all) into `destination`.
    func copy(_ texture: Texture, source: PixelRect? = nil, to destination: PixelRect) {
        var dst = SDL_Rect(destination)
        if var src = source.map(SDL_Rect.init) {
            SDL_RenderCopy(handle, texture.handle, &src, &dst)
        } else {
            SDL_RenderCopy(handle, texture.handle, nil, &dst)
        }
    }

    /// Draws a whole texture at a fractional position (smooth motion on GPU renderers).
    func copy(_ texture: Texture, toX x: Float, y: Float, width: Float, height: Float) {
        var dst = SDL_FRect(x: x, y: y, w: width, h: height)
        SDL_RenderCopyF(handle, texture.handle, nil, &dst)
    }

    /// Where drawing goes now: a texture, or nil for the window or surface.
    private(set) var target: Texture?

    /// Sends drawing into `texture`, or back to the window or surface with nil.
    func setTarget(_ texture: Texture?) throws(SDLError) {
        try sdlCheck(SDL_SetRenderTarget(handle, texture?.handle), "SDL_SetRenderTarget")
        target = texture
    }

    /// Finishes drawing (software targets are written synchronously; windows present here).
    func present() { SDL_RenderPresent(handle) }
}

extension SDL_Rect {
    init(_ rect: PixelRect) {
        self.init(x: Int32(rect.x), y: Int32(rect.y), w: Int32(rect.width), h: Int32(rect.height))
    }
}
