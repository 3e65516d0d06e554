import BangtinContent
import BangtinCore
import CSDL2

/// Owner of one `SDL_Surface`; frees it when released. Not Sendable: one owner, one thread.
public final class Surface {
    /// The C handle, valid for the owner's lifetime.
    let handle: UnsafeMutablePointer<SDL_Surface>

    /// Takes ownership of a surface SDL returned.
    init(taking handle: UnsafeMutablePointer<SDL_Surface>) {
        self.handle = handle
    }

    /// Creates a 32-bit ARGB surface, transparent black.
    public convenience init(size: PixelSize) throws(SDLError) {
        let raw = SDL_CreateRGBSurfaceWithFormat(
            0, Int32(size.width), Int32(size.height), 32,
            SDL_PIXELFORMAT_ARGB8888.rawValue)
        self.init(taking: try sdlNonNull(raw, "SDL_CreateRGBSurfaceWithFormat"))
    }

    deinit { SDL_FreeSurface(handle) }

    /// Width and height in pixels.
    public var size: PixelSize { PixelSize(width: Int(handle.pointee.w), height: Int(handle.pointee.h)) }

    /// The colour of one pixel (surface must be 32-bit ARGB, as those this module creates are).
    public func pixel(x: Int, y: Int) -> Color {
        let value = row(y)[x]
        return Color(
            red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF),
            alpha: UInt8(value >> 24))
    }

    /// One row of 32-bit pixels.
    func row(_ y: Int) -> UnsafeMutableBufferPointer<UInt32> {
        let base = handle.pointee.pixels!.advanced(by: y * Int(handle.pointee.pitch))
        return UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: UInt32.self), count: Int(handle.pointee.w))
    }

    /// All pixels as ARGB words, row by row (for tests and comparisons).
    public var argbPixels: [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(size.width * size.height)
        for y in 0..<size.height { out.append(contentsOf: row(y)) }
        return out
    }

    /// How many pixels differ from `other`'s (every pixel when the sizes differ): rows compared
    /// whole first, so equal surfaces cost a memory comparison.
    public func differingPixels(from other: Surface) -> Int {
        guard size == other.size else { return max(size.width * size.height, other.size.width * other.size.height) }
        var count = 0
        for y in 0..<size.height {
            let (a, b) = (row(y), other.row(y))
            guard memcmp(a.baseAddress!, b.baseAddress!, size.width * 4) != 0 else { continue }
            for x in 0..<size.width where a[x] != b[x] { count += 1 }
        }
        return count
    }

    /// Rows (top, bottom) holding any pixel with alpha above `threshold`, or nil if none.
    /// Used to find where glyph ink really lies, since stacked marks rise above the font's ascent.
    func inkRows(threshold: UInt32 = 0) -> (top: Int, bottom: Int)? {
        var top: Int?
        var bottom = 0
        for y in 0..<size.height where row(y).contains(where: { $0 >> 24 > threshold }) {
            if top == nil { top = y }
            bottom = y
        }
        return top.map { ($0, bottom) }
    }

    /// Writes the surface as a PNG file: encoded in memory, then written whole (a temporary
    /// file synced and renamed, `OutputFile`), so a failed write leaves no partial file.
    /// - Throws: `OutputFile.Failure` naming the file and why (a full disk, a folder missing).
    public func savePNG(to path: String) throws {
        try OutputFile.write(pngBytes(), to: path)
    }
}

extension Surface {
    /// Loads a picture file (PNG, JPEG or WebP), 32-bit ARGB, so its pixels can be read and
    /// compared (frames written, goldens). Content pictures are read by `PictureFile`.
    public static func loadARGB(path: String) throws(SDLError) -> Surface {
        do {
            return try decode(picture: ContentFile.read(path, kind: .picture))
        } catch let error as SDLError {
            throw error
        } catch {
            throw SDLError(call: "read(\(path))", message: "\(error)")
        }
    }

    /// A copy in 32-bit pixels without alpha (a texture made from it is opaque by construction).
    func opaqueCopy() throws(SDLError) -> Surface {
        let converted = SDL_ConvertSurfaceFormat(handle, SDL_PIXELFORMAT_RGB888.rawValue, 0)
        return Surface(taking: try sdlNonNull(converted, "SDL_ConvertSurfaceFormat"))
    }

    /// A copy of the pixels inside `rect`.
    public func cropped(to rect: PixelRect) throws(SDLError) -> Surface {
        let copy = try Surface(size: rect.size)
        var src = SDL_Rect(rect)
        SDL_SetSurfaceBlendMode(handle, SDL_BLENDMODE_NONE)
        try sdlCheck(SDL_UpperBlit(handle, &src, copy.handle, nil), "SDL_BlitSurface")
        return copy
    }
}

extension Surface {
    /// Fills `rect` with `color`, replacing what was there (no blending).
    public func fill(_ rect: PixelRect, with color: Color) {
        SDL_SetClipRect(handle, nil)
        var r = SDL_Rect(rect)
        let value = UInt32(color.alpha) << 24 | UInt32(color.red) << 16 | UInt32(color.green) << 8 | UInt32(color.blue)
        SDL_FillRect(handle, &r, value)
    }
}

extension Surface {
    /// A filtered copy at `size` (halving first for large reductions, then bilinear).
    public func scaled(to size: PixelSize) throws(SDLError) -> Surface {
        try ImageScaler.scale(self, to: size)
    }

    /// Copies `other` onto this surface with its top-left at `x`, `y` (no blending).
    public func blit(_ other: Surface, x: Int, y: Int) throws(SDLError) {
        var destination = SDL_Rect(x: Int32(x), y: Int32(y), w: Int32(other.size.width), h: Int32(other.size.height))
        SDL_SetSurfaceBlendMode(other.handle, SDL_BLENDMODE_NONE)
        // A software renderer leaves its last clip rectangle on its target surface.
        SDL_SetClipRect(handle, nil)
        try sdlCheck(SDL_UpperBlit(other.handle, nil, handle, &destination), "SDL_BlitSurface")
    }
}
