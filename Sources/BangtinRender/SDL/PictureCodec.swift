import BangtinCore
import CSDL2
import CSDL2Image

/// Pictures to and from bytes in memory: decoded only from bytes read by the content edge's
/// safe reader, after their header was checked; encoded into memory, so whoever writes the file
/// sees every error (SDL_image writing to a path hid a full disk).
extension Surface {
    /// Decodes a PNG, JPEG or WebP picture, 32-bit ARGB.
    /// - Throws: for a header that is not one of those or declares too many pixels
    ///   (`PictureHeader`), before any decoder runs; for a picture the decoder refuses.
    public static func decode(picture bytes: [UInt8]) throws(SDLError) -> Surface {
        let header: PictureHeader
        do {
            header = try PictureHeader.read(bytes)
        } catch {
            throw SDLError(call: "PictureHeader.read", message: error.message)
        }
        let decoded = try bytes.withUnsafeBytes { buffer in
            Result { () throws(SDLError) -> Surface in try decode(buffer, format: header.format) }
        }.get()
        guard decoded.size == header.size else {
            throw SDLError(
                call: "IMG_Load\(header.format.rawValue)_RW",
                message: "decoded \(decoded.size), not the \(header.size) its header declares")
        }
        let converted = SDL_ConvertSurfaceFormat(decoded.handle, SDL_PIXELFORMAT_ARGB8888.rawValue, 0)
        return Surface(taking: try sdlNonNull(converted, "SDL_ConvertSurfaceFormat"))
    }

    private static func decode(_ buffer: UnsafeRawBufferPointer, format: PictureHeader.Format) throws(SDLError) -> Surface {
        let stream = try sdlNonNull(SDL_RWFromConstMem(buffer.baseAddress, Int32(buffer.count)), "SDL_RWFromConstMem")
        defer { SDL_RWclose(stream) }
        // The decoder of the format the header names, and no other.
        let surface: UnsafeMutablePointer<SDL_Surface>?
        switch format {
        case .png: surface = IMG_LoadPNG_RW(stream)
        case .jpeg: surface = IMG_LoadJPG_RW(stream)
        case .webP: surface = IMG_LoadWEBP_RW(stream)
        }
        return Surface(taking: try sdlNonNull(surface, "IMG_Load\(format.rawValue)_RW"))
    }

    /// The surface as PNG bytes (`PNGEncoder`: fast, lossless, the same bytes every time).
    /// - Parameter opaque: the surface is a board's frame: written as RGB, its alpha dropped as
    ///   the board's window drops it.
    public func pngBytes(opaque: Bool = false) -> [UInt8] {
        let pitch = Int(handle.pointee.pitch)
        return PNGEncoder.encode(
            argb: handle.pointee.pixels!, width: size.width, height: size.height, pitch: pitch, opaque: opaque)
    }

    /// The surface as PNG bytes the way SDL_image writes them (libpng's default settings):
    /// about six times slower; kept for the benchmark's comparison.
    public func sdlImagePNGBytes() throws(SDLError) -> [UInt8] {
        let sink = MemorySink()
        let stream = try sdlNonNull(SDL_AllocRW(), "SDL_AllocRW")
        defer { SDL_FreeRW(stream) }
        stream.pointee.type = UInt32(SDL_RWOPS_UNKNOWN)
        stream.pointee.hidden.unknown.data1 = Unmanaged.passUnretained(sink).toOpaque()
        stream.pointee.size = { context in Int64(MemorySink.of(context).bytes.count) }
        stream.pointee.seek = { context, offset, whence in MemorySink.of(context).seek(offset, whence) }
        stream.pointee.read = { _, _, _, _ in 0 }
        stream.pointee.write = { context, pointer, size, count in
            MemorySink.of(context).write(pointer, size * count) ? count : 0
        }
        stream.pointee.close = { _ in 0 }
        try withExtendedLifetime(sink) { () throws(SDLError) in
            _ = try sdlCheck(IMG_SavePNG_RW(handle, stream, 0), "IMG_SavePNG_RW")
        }
        return sink.bytes
    }
}

/// A growable in-memory stream for `SDL_RWops`.
private final class MemorySink {
    var bytes: [UInt8] = []
    var position = 0

    static func of(_ context: UnsafeMutablePointer<SDL_RWops>?) -> MemorySink {
        Unmanaged<MemorySink>.fromOpaque(context!.pointee.hidden.unknown.data1).takeUnretainedValue()
    }

    func write(_ pointer: UnsafeRawPointer?, _ count: Int) -> Bool {
        guard let pointer, count > 0 else { return count == 0 }
        let end = position + count
        if end > bytes.count { bytes.append(contentsOf: repeatElement(0, count: end - bytes.count)) }
        bytes.withUnsafeMutableBytes { buffer in
            (buffer.baseAddress! + position).copyMemory(from: pointer, byteCount: count)
        }
        position = end
        return true
    }

    func seek(_ offset: Int64, _ whence: Int32) -> Int64 {
        let base: Int
        switch whence {
        case RW_SEEK_SET: base = 0
        case RW_SEEK_CUR: base = position
        case RW_SEEK_END: base = bytes.count
        default: return -1
        }
        let target = base + Int(offset)
        guard target >= 0 else { return -1 }
        position = target
        return Int64(target)
    }
}
