import BangtinCore
import Foundation
import Synchronization

/// The bundled fonts (a folder with `fonts.json`): the catalog and the font files, read once
/// and shared by every thread. Each renderer or preparation thread opens its own faces from
/// it (`faces()`), since a FreeType face must not be used by two threads at once.
public final class FontLibrary: Sendable {
    /// What the folder holds.
    public let catalog: FontCatalog
    /// The folder holding `fonts.json` and the font files.
    public let directory: String
    /// Files read so far, and the ones that could not be read.
    private let files = Mutex<[String: Result<FontFile, SDLError>]>([:])

    /// Reads `directory/fonts.json`.
    /// - Throws: `ContentError` if the catalog is missing or malformed.
    public init(directory: String) throws {
        self.directory = directory
        let path = (directory as NSString).appendingPathComponent("fonts.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ContentError(file: path, problems: [Problem(path: "", message: "cannot read the font catalog")])
        }
        do {
            catalog = try FontCatalog.decode(Array(data))
        } catch {
            throw ContentError(file: path, problems: error.problems)
        }
    }

    /// Faces for one thread to set text with.
    func faces() -> FontFaces { FontFaces(library: self) }

    /// The bytes of `file`, read on first use.
    func file(_ name: String) throws(SDLError) -> FontFile {
        let known = files.withLock { $0[name] }
        if let known { return try known.get() }
        let path = (directory as NSString).appendingPathComponent(name)
        let read = Result { () throws(SDLError) in try FontFile(path: path) }
        // Two threads may read the same file at once; the first one kept wins.
        return try files.withLock { files in
            if let first = files[name] { return first }
            files[name] = read
            return read
        }.get()
    }
}

/// The faces one thread (a renderer, the preparation thread) sets text with, opened on
/// demand from the shared `FontLibrary` and kept per size. Not Sendable: one thread owns it.
final class FontFaces {
    let library: FontLibrary
    private var open: [String: Font] = [:]
    private var failed: [String: SDLError] = [:]

    init(library: FontLibrary) {
        self.library = library
    }

    /// The fonts to try for `spec`, in order: the family asked for, then the catalog's
    /// fallbacks. Only the first font that opens is opened now; the fallbacks when text needs them.
    /// - Throws: `SDLError` if the family asked for cannot be opened, or no font can.
    func chain(for spec: FontSpec) throws(SDLError) -> FontChain {
        let catalog = library.catalog
        var families = [spec.family]
        families += catalog.fallback.filter { $0 != spec.family }
        var files = families.map { catalog.file(family: $0, weight: spec.weight) }
        while !files.isEmpty {
            let (family, file) = (families.removeFirst(), files.removeFirst())
            guard let file else { continue }
            do {
                let primary = try font(file: file, size: spec.size)
                return FontChain(primary: primary, fallbacks: files.compactMap { $0 }, size: spec.size, faces: self)
            } catch  where family == spec.family {
                throw error
            } catch {
                continue  // A broken fallback font only loses its own characters.
            }
        }
        throw SDLError(call: "FontLibrary.chain", message: "no font for \(spec.family)")
    }

    fileprivate func font(file: String, size: Int) throws(SDLError) -> Font {
        let key = "\(file)@\(size)"
        if let font = open[key] { return font }
        if let error = failed[key] { throw error }
        do throws(SDLError) {
            // The preparation thread may be the first to open a font, before any window.
            try SDLRuntime.start()
            let path = (library.directory as NSString).appendingPathComponent(file)
            let font = try Font(file: try library.file(file), path: path, size: size)
            open[key] = font
            return font
        } catch {
            failed[key] = error
            throw error
        }
    }
}

/// The fonts one style sets text in, in order: the family asked for, then the catalog's
/// fallbacks. A fallback is opened (and its file read) only when a character that no font
/// before it has turns up: Vietnamese text, which the first font covers, never opens the
/// symbol and math fonts at each size tried. Each character still goes to the first font in
/// the order that has it, as if all were open. Not Sendable: it belongs to its `FontFaces`.
final class FontChain {
    /// The first font that opened: lines are measured with its metrics.
    let primary: Font
    /// The fonts opened so far, in chain order; an index into it never changes.
    private var fonts: [Font]
    /// The files of the fallbacks not tried yet, in order.
    private var pending: [String]
    private let size: Int
    private let faces: FontFaces

    fileprivate init(primary: Font, fallbacks: [String], size: Int, faces: FontFaces) {
        self.primary = primary
        fonts = [primary]
        pending = fallbacks
        self.size = size
        self.faces = faces
    }

    /// The font at `index`, as `index(covering:)` returned it.
    subscript(index: Int) -> Font { fonts[index] }

    /// The index of the first font having every scalar of `character`, opening fallbacks in
    /// order until one does; 0 (the primary font) when none does.
    func index(covering character: Character) -> Int {
        if let index = fonts.firstIndex(where: { $0.covers(character) }) { return index }
        while !pending.isEmpty {
            // A broken fallback font only loses its own characters.
            guard let font = try? faces.font(file: pending.removeFirst(), size: size) else { continue }
            fonts.append(font)
            if font.covers(character) { return fonts.count - 1 }
        }
        return 0
    }
}

extension FontLibrary {
    /// Finds the bundled `fonts/` folder: `$BANGTIN_FONTS`, then beside or above the executable
    /// and the current directory (a source checkout), then `/usr/share/bangtin/fonts`.
    public static func locateBundled(executablePath: String = CommandLine.arguments[0]) -> String? {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["BANGTIN_FONTS"] { return env }
        var starts: [URL] = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        let exe = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath()
        starts.insert(exe.deletingLastPathComponent(), at: 0)
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<8 {
                let candidate = dir.appendingPathComponent("fonts")
                if fm.fileExists(atPath: candidate.appendingPathComponent("fonts.json").path) { return candidate.path }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        let system = "/usr/share/bangtin/fonts"
        return fm.fileExists(atPath: system + "/fonts.json") ? system : nil
    }
}
