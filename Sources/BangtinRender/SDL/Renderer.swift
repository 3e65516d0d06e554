import BangtinCore
import CSDL2
import Foundation

/// Owner of one `SDL_Renderer`: drawing primitives in board pixels.
public final class Renderer {
    let handle: OpaquePointer
    /// Keeps a software renderer's target alive as long as the renderer (a `Surface`, or the
    /// window whose surface it draws into).
    private let owner: AnyObject?
    /// The pixel format textures made to be copied without conversion should have.
    let nativeFormat: UInt32
    /// A software renderer's target surface, whose pixels can be moved in place.
    private let targetSurface: UnsafeMutablePointer<SDL_Surface>?

    /// A software renderer drawing into `surface` (headless: no display needed).
    init(softwareTarget surface: Surface) throws(SDLError) {
        handle = try sdlNonNull(SDL_CreateSoftwareRenderer(surface.handle), "SDL_CreateSoftwareRenderer")
        owner = surface
        targetSurface = surface.handle
        nativeFormat = surface.handle.pointee.format.pointee.format
        SDL_SetRenderDrawBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    /// A software renderer drawing straight into a window's own surface, which the window
    /// owns; `keepAlive` (the window's owner) outlives the renderer.
    init(windowSurface: UnsafeMutablePointer<SDL_Surface>, keepAlive: AnyObject) throws(SDLError) {
        handle = try sdlNonNull(SDL_CreateSoftwareRenderer(windowSurface), "SDL_CreateSoftwareRenderer")
        owner = keepAlive
        targetSurface = windowSurface
        nativeFormat = windowSurface.pointee.format.pointee.format
        SDL_SetRenderDrawBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    /// A renderer for a window: accelerated with vsync when available, else software (unless
    /// acceleration is required). The window is kept alive as long as the renderer: SDL
    /// destroys a window's renderer with the window.
    init(window: BoardWindow, vsync: Bool, requireAcceleration: Bool = false) throws(SDLError) {
        let flags =
            SDL_RENDERER_ACCELERATED.rawValue | SDL_RENDERER_TARGETTEXTURE.rawValue
            | (vsync ? SDL_RENDERER_PRESENTVSYNC.rawValue : 0)
        if let accelerated = SDL_CreateRenderer(window.handle, -1, flags) {
            handle = accelerated
        } else if requireAcceleration {
            throw SDLError.current("SDL_CreateRenderer(accelerated)")
        } else {
            handle = try sdlNonNull(
                SDL_CreateRenderer(window.handle, -1, SDL_RENDERER_SOFTWARE.rawValue), "SDL_CreateRenderer")
        }
        owner = window
        targetSurface = nil
        nativeFormat = SDL_PIXELFORMAT_ARGB8888.rawValue
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

    /// Fills `rect` inside the clip, blending by the colour's alpha; an opaque colour simply
    /// replaces the pixels (the same result as blending at alpha 255, without the per-pixel
    /// arithmetic).
    func fill(_ rect: PixelRect, _ color: Color) {
        guard color.alpha > 0 else { return }
        setColor(color)
        var r = SDL_Rect(rect)
        if color.alpha == 255 {
            SDL_SetRenderDrawBlendMode(handle, SDL_BLENDMODE_NONE)
            SDL_RenderFillRect(handle, &r)
            SDL_SetRenderDrawBlendMode(handle, SDL_BLENDMODE_BLEND)
        } else {
            SDL_RenderFillRect(handle, &r)
        }
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

    /// The clip rectangle in force for the current target, nil for none.
    var clipRect: PixelRect? {
        guard SDL_RenderIsClipEnabled(handle) == SDL_TRUE else { return nil }
        var r = SDL_Rect()
        SDL_RenderGetClipRect(handle, &r)
        return PixelRect(x: Int(r.x), y: Int(r.y), width: Int(r.w), height: Int(r.h))
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

    /// Moves the pixels of `rect` left by `distance`, in place (what scrolling leaves at the
    /// right edge is stale: the caller draws it). Only a software renderer drawing into its
    /// surface can; returns false, having done nothing, otherwise.
    func scrollLeft(_ rect: PixelRect, by distance: Int) -> Bool {
        guard target == nil, let surface = targetSurface, surface.pointee.format.pointee.BytesPerPixel == 4,
            distance > 0, distance < rect.width, rect.x >= 0, rect.y >= 0, rect.maxX <= Int(surface.pointee.w),
            rect.maxY <= Int(surface.pointee.h)
        else { return false }
        // Queued drawing must land first: this writes the pixels directly.
        SDL_RenderFlush(handle)
        let mustLock = surface.pointee.flags & UInt32(SDL_RLEACCEL) != 0
        if mustLock && SDL_LockSurface(surface) != 0 { return false }
        defer { if mustLock { SDL_UnlockSurface(surface) } }
        guard let pixels = surface.pointee.pixels else { return false }
        let pitch = Int(surface.pointee.pitch)
        for y in rect.y..<rect.maxY {
            let row = pixels.advanced(by: y * pitch + rect.x * 4)
            memmove(row, row.advanced(by: distance * 4), (rect.width - distance) * 4)
        }
        return true
    }

    /// Copies the pixels of `rects` from `surface` (a frame of the same size) to the same places
    /// of the target, replacing what was there. Only a software renderer drawing into a 32-bit
    /// surface with the same layout of colour bytes can; returns false, having done nothing,
    /// otherwise.
    func copyPixels(from surface: Surface, rects: [PixelRect]) -> Bool {
        guard target == nil, let destination = targetSurface, let pixels = destination.pointee.pixels,
            let source = surface.handle.pointee.pixels, Int(destination.pointee.w) == surface.size.width,
            Int(destination.pointee.h) == surface.size.height,
            Self.sameColourBytes(destination.pointee.format.pointee.format, surface.handle.pointee.format.pointee.format)
        else { return false }
        // Queued drawing must land first: this writes the pixels directly, outside SDL's
        // clip state (which it leaves as it was).
        SDL_RenderFlush(handle)
        let bounds = PixelRect(x: 0, y: 0, width: surface.size.width, height: surface.size.height)
        let (to, from) = (Int(destination.pointee.pitch), Int(surface.handle.pointee.pitch))
        for rect in rects {
            let r = rect.intersection(bounds)
            guard !r.isEmpty else { continue }
            for y in r.y..<r.maxY {
                memcpy(pixels.advanced(by: y * to + r.x * 4), source.advanced(by: y * from + r.x * 4), r.width * 4)
            }
        }
        return true
    }

    /// Whether two pixel formats keep red, green and blue in the same bytes of a 32-bit pixel
    /// (ARGB8888 and XRGB8888 differ only in whether the top byte means anything).
    private static func sameColourBytes(_ a: UInt32, _ b: UInt32) -> Bool {
        let xrgb: Set<UInt32> = [SDL_PIXELFORMAT_ARGB8888.rawValue, SDL_PIXELFORMAT_RGB888.rawValue]
        return a == b || (xrgb.contains(a) && xrgb.contains(b))
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
