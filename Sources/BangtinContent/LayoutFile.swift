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
    /// - Throws: `ContentError` listing every problem by JSON path.
    public static func load(_ path: String, fonts: FontCatalog) throws(ContentError) -> LayoutFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "file not found"
            throw ContentError(file: path, problems: [Problem(path: "", message: reason)])
        }
        let (layout, problems) = LayoutDecoder(fonts: fonts).decode(Array(data))
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

/// Checks asset files on disk: present, regular files, and not leading out of the layout's
/// folder through a symbolic link.
public enum AssetCheck {
    /// Problems with the assets `layout` names, resolved against `root`.
    public static func problems(in layout: Layout, root: String) -> [Problem] {
        let rootURL = URL(fileURLWithPath: root).resolvingSymlinksInPath().standardizedFileURL
        var problems: [Problem] = []
        for reference in layout.assetReferences {
            let url = rootURL.appendingPathComponent(reference.path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                problems.append(Problem(path: reference.jsonPath, message: "file not found: \(reference.path)"))
                continue
            }
            if isDirectory.boolValue {
                problems.append(Problem(path: reference.jsonPath, message: "is a folder, not a file: \(reference.path)"))
                continue
            }
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL.path
            if !resolved.hasPrefix(rootURL.path + "/") {
                problems.append(
                    Problem(
                        path: reference.jsonPath,
                        message: "\(reference.path) leads outside the layout's folder (to \(resolved))"))
            }
        }
        return problems
    }
}
