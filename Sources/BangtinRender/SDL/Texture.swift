import BangtinCore
import CSDL2

/// Owner of one `SDL_Texture`; destroys it when released.
final class Texture {
    let handle: OpaquePointer
    /// Width and height in pixels.
    let size: PixelSize
    /// The renderer that owns the texture's memory: destroying it frees its textures, so it
    /// must outlive them.
    private let renderer: Renderer

    /// Uploads a surface to `renderer`.
    init(renderer: Renderer, surface: Surface) throws(SDLError) {
        handle = try sdlNonNull(
            SDL_CreateTextureFromSurface(renderer.handle, surface.handle),
            "SDL_CreateTextureFromSurface")
        size = surface.size
        self.renderer = renderer
        SDL_SetTextureBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    /// A texture the renderer can draw into (for compositing transitions), ARGB unless another
    /// `format` is asked for.
    init(renderTargetFor renderer: Renderer, size: PixelSize, format: UInt32 = SDL_PIXELFORMAT_ARGB8888.rawValue)
        throws(SDLError)
    {
        handle = try sdlNonNull(
            SDL_CreateTexture(
                renderer.handle, format, Int32(SDL_TEXTUREACCESS_TARGET.rawValue),
                Int32(size.width), Int32(size.height)),
            "SDL_CreateTexture(target)")
        self.size = size
        self.renderer = renderer
        SDL_SetTextureBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    /// 32-bit pixels without alpha: a texture that is opaque by construction.
    static let opaqueFormat = SDL_PIXELFORMAT_RGB888.rawValue

    deinit { SDL_DestroyTexture(handle) }

    /// Sets the opacity the texture is drawn with (255 opaque).
    func setAlpha(_ alpha: UInt8) {
        SDL_SetTextureAlphaMod(handle, alpha)
    }

    /// Copies replace the pixels beneath instead of blending (for opaque textures: the same
    /// result, at the cost of a memory copy).
    func replacesPixels() {
        SDL_SetTextureBlendMode(handle, SDL_BLENDMODE_NONE)
    }

    /// Copies blend by alpha again (the default).
    func blends() {
        SDL_SetTextureBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    /// Bytes of pixel memory the texture holds, for cache accounting.
    var byteCount: Int { size.width * size.height * 4 }
}
