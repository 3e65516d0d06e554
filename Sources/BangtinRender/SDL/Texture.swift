import BangtinCore
import CSDL2

/// Owner of one `SDL_Texture`; destroys it when released.
final class Texture {
    let handle: OpaquePointer
    /// Width and height in pixels.
    let size: PixelSize

    /// Uploads a surface to `renderer`.
    init(renderer: Renderer, surface: Surface) throws(SDLError) {
        handle = try sdlNonNull(
            SDL_CreateTextureFromSurface(renderer.handle, surface.handle),
            "SDL_CreateTextureFromSurface")
        size = surface.size
        SDL_SetTextureBlendMode(handle, SDL_BLENDMODE_BLEND)
    }

    deinit { SDL_DestroyTexture(handle) }

    /// Bytes of pixel memory the texture holds, for cache accounting.
    var byteCount: Int { size.width * size.height * 4 }
}
