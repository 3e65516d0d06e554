import BangtinCore
import CSDL2
import CSDL2TTF
import Foundation
import Synchronization

/// FreeType's library object, which SDL_ttf keeps one of per process. FreeType allows one
/// library to serve several threads "as long as a mutex lock is used around FT_New_Face and
/// FT_Done_Face" (FreeType's documentation), each face being used by one thread at a time: so
/// every thread that sets text opens its own faces (`FontFaces`), and opening and closing a
/// face happens only inside `withLock`.
enum FreeType {
    /// What is done with the library.
    enum Operation: Hashable {
        case open, close
    }

    /// How many faces each thread opened and closed, counted under the lock (tests read it).
    private static let lock = Mutex([Key: Int]())

    private struct Key: Hashable {
        var thread: UInt
        var operation: Operation
    }

    /// Runs `body` (opening or closing a face) with the library to itself.
    static func withLock<T, E: Error>(_ operation: Operation, _ body: () throws(E) -> T) throws(E) -> T {
        try lock.withLock { counts throws(E) in
            counts[Key(thread: UInt(pthread_self()), operation: operation), default: 0] += 1
            return try body()
        }
    }

    /// How many faces the calling thread has opened or closed under the lock so far.
    static func count(_ operation: Operation) -> Int {
        lock.withLock { $0[Key(thread: UInt(pthread_self()), operation: operation)] ?? 0 }
    }
}

/// A font file read into memory once and shared by every size opened from it, on every
/// thread: glyphs are loaded again and again (SDL_ttf keeps few), and reading them through the
/// file would seek and read the disk each time. Its bytes never change after reading, so
/// faces on several threads may read them at once.
final class FontFile: @unchecked Sendable {
    let bytes: UnsafeMutableRawBufferPointer

    /// Reads the whole file.
    init(path: String) throws(SDLError) {
        guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else {
            throw SDLError(call: "read(\(path))", message: "cannot read the font file")
        }
        bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: data.count, alignment: 16)
        data.withUnsafeBytes { bytes.copyMemory(from: $0) }
    }

    deinit { bytes.deallocate() }
}

/// Owner of one `TTF_Font` at one pixel size: used by one thread only (its `FontFaces`').
final class Font {
    let handle: OpaquePointer
    /// The bytes the font reads its glyphs from, kept as long as the font.
    private let file: FontFile
    /// Pixels from the top of a line to the baseline.
    let ascent: Int
    /// Line height as SDL_ttf lays out a surface (ascent + descent).
    let height: Int
    /// Recommended distance between baselines.
    let lineSkip: Int

    /// Opens `file` (read from `path`) at `size` pixels, shaping Latin left to right
    /// (Vietnamese, Ê Đê …).
    init(file: FontFile, path: String, size: Int) throws(SDLError) {
        let stream = try sdlNonNull(SDL_RWFromConstMem(file.bytes.baseAddress, Int32(file.bytes.count)), "SDL_RWFromConstMem")
        // SDL_ttf closes the stream with the font (or at once if opening fails).
        handle = try FreeType.withLock(.open) { () throws(SDLError) in
            try sdlNonNull(TTF_OpenFontRW(stream, 1, Int32(size)), "TTF_OpenFont(\(path))")
        }
        self.file = file
        TTF_SetFontKerning(handle, 1)
        TTF_SetFontHinting(handle, TTF_HINTING_NORMAL)
        _ = TTF_SetFontDirection(handle, TTF_DIRECTION_LTR)
        _ = TTF_SetFontScriptName(handle, "Latn")
        ascent = Int(TTF_FontAscent(handle))
        height = Int(TTF_FontHeight(handle))
        lineSkip = Int(TTF_FontLineSkip(handle))
    }

    deinit {
        let handle = handle
        FreeType.withLock(.close) { TTF_CloseFont(handle) }
    }

    /// Whether the font has a glyph for every scalar of `character`.
    func covers(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { TTF_GlyphIsProvided32(handle, $0.value) != 0 }
    }

    /// Width in pixels of `text` set on one line (shaped).
    func width(of text: String) -> Int {
        guard !text.isEmpty else { return 0 }
        var w: Int32 = 0
        var h: Int32 = 0
        TTF_SizeUTF8(handle, text, &w, &h)
        return Int(w)
    }

    /// Rasterises `text` anti-aliased in `color`; nil for text that draws nothing.
    func render(_ text: String, color: Color) throws(SDLError) -> Surface? {
        guard !text.isEmpty else { return nil }
        let fg = SDL_Color(r: color.red, g: color.green, b: color.blue, a: color.alpha)
        return Surface(taking: try sdlNonNull(TTF_RenderUTF8_Blended(handle, text, fg), "TTF_RenderUTF8_Blended"))
    }
}
