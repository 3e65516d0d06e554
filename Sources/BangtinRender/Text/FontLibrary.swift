import BangtinCore
import Foundation

/// The bundled fonts (a folder with `fonts.json`), opened on demand and kept per size.
public final class FontLibrary {
    /// What the folder holds.
    public let catalog: FontCatalog
    /// The folder holding `fonts.json` and the font files.
    public let directory: String
    private var open: [String: Font] = [:]
    private var files: [String: FontFile] = [:]
    private var failed: [String: SDLError] = [:]

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

    /// The fonts to try for `spec`, in order: the family asked for, then the catalog's fallbacks.
    func chain(for spec: FontSpec) throws(SDLError) -> [Font] {
        var families = [spec.family]
        families += catalog.fallback.filter { $0 != spec.family }
        var fonts: [Font] = []
        for family in families {
            guard let file = catalog.file(family: family, weight: spec.weight) else { continue }
            do {
                fonts.append(try font(file: file, size: spec.size))
            } catch  where family == spec.family {
                throw error
            } catch {
                continue  // A broken fallback font only loses its own characters.
            }
        }
        return fonts
    }

    private func font(file: String, size: Int) throws(SDLError) -> Font {
        let key = "\(file)@\(size)"
        if let font = open[key] { return font }
        if let error = failed[key] { throw error }
        do throws(SDLError) {
            let path = (directory as NSString).appendingPathComponent(file)
            let bytes: FontFile
            if let known = files[file] {
                bytes = known
            } else {
                bytes = try FontFile(path: path)
                files[file] = bytes
            }
            let font = try Font(file: bytes, path: path, size: size)
            open[key] = font
            return font
        } catch {
            failed[key] = error
            throw error
        }
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
