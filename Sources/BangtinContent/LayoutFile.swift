import BangtinCore
import Foundation

/// A layout read from disk: the decoded layout and the folder its assets live in.
public struct LayoutFile: Sendable {
    /// The decoded, validated layout.
    public var layout: Layout
    /// The file it came from, as given.
    public var path: String
    /// The folder asset paths are relative to.
    public var assetRoot: String

    /// Reads, decodes and validates a layout file, and checks that every asset it names exists
    /// inside the layout's folder.
    /// - Parameters:
    ///   - root: the bundle folder the file must lie in (after following symbolic links); nil
    ///     for a layout file named on its own.
    /// - Throws: `ContentError` listing every problem by JSON path.
    public static func load(_ path: String, fonts: FontCatalog, inside root: String? = nil) throws(ContentError) -> LayoutFile {
        let bytes: [UInt8]
        do {
            bytes = try ContentFile.read(path, kind: .layout, inside: root, folder: "the bundle folder")
        } catch {
            throw ContentError(file: path, problems: [Problem(path: "", message: error.description)])
        }
        let (layout, problems) = LayoutDecoder(fonts: fonts).decode(bytes)
        let root = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let decodedProblems = problems
        guard var layout else { throw ContentError(file: path, problems: decodedProblems) }
        layout.assetRoot = root
        layout.sourcePath = path
        let assetProblems = AssetCheck.problems(in: layout, root: root)
        guard assetProblems.isEmpty else { throw ContentError(file: path, problems: assetProblems) }
        return LayoutFile(layout: layout, path: path, assetRoot: root)
    }
}

/// Checks asset files on disk: present, regular files no larger than a picture may be, and not
/// leading out of the layout's folder through a symbolic link (`ContentFile.check`).
public enum AssetCheck {
    /// Problems with the assets `layout` names, resolved against `root`.
    public static func problems(in layout: Layout, root: String) -> [Problem] {
        layout.assetReferences.compactMap { reference in
            do throws(ContentFile.Refusal) {
                try ContentFile.check(
                    (root as NSString).appendingPathComponent(reference.path), kind: .picture, inside: root,
                    folder: "the layout's folder")
                return nil
            } catch {
                return Problem(path: reference.jsonPath, message: message(error, path: reference.path))
            }
        }
    }

    /// `file not found: assets/a.jpg`, `assets/a.jpg is a named pipe (FIFO), not a regular file`.
    static func message(_ refusal: ContentFile.Refusal, path: String) -> String {
        refusal.description == "file not found" ? "file not found: \(path)" : "\(path) \(refusal)"
    }
}
