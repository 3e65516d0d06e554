import BangtinCore
import Foundation

/// Reads content from disk: a bundle folder (`schedule.json`, its layouts and their assets) or
/// a single layout file, which plays as a bundle of one.
public enum BundleFolder {
    /// Loads `path`: a folder holding `schedule.json`, or a layout file.
    /// - Throws: `ContentError`s for every file with problems, joined into one.
    public static func load(_ path: String, fonts: FontCatalog) throws(ContentError) -> ContentBundle {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ContentError(file: path, problems: [Problem(path: "", message: "no such file or folder")])
        }
        guard isDirectory.boolValue else {
            let file = try LayoutFile.load(path, fonts: fonts)
            let name = URL(fileURLWithPath: path).deletingLastPathComponent().lastPathComponent
            return ContentBundle.single(file.layout, name: name.isEmpty ? "layout" : name)
        }
        let schedulePath = (path as NSString).appendingPathComponent("schedule.json")
        let bytes: [UInt8]
        do {
            bytes = try ContentFile.read(schedulePath, kind: .schedule, inside: path, folder: "the bundle folder")
        } catch {
            let reason = error.description == "file not found" ? "a bundle folder needs a schedule.json" : error.description
            throw ContentError(file: schedulePath, problems: [Problem(path: "", message: reason)])
        }
        let (decoded, problems) = ScheduleDecoder.decode(bytes)
        guard let schedule = decoded else { throw ContentError(file: schedulePath, problems: problems) }
        var layouts: [String: Layout] = [:]
        var failures: [String] = []
        for (name, reference) in schedule.layouts.sorted(by: { $0.key < $1.key }) {
            let layoutPath = (path as NSString).appendingPathComponent(reference.path)
            do {
                layouts[name] = try LayoutFile.load(layoutPath, fonts: fonts, inside: path).layout
            } catch {
                failures.append(error.description)
            }
        }
        if !failures.isEmpty {
            // Each line already names its own file.
            let lines = failures.flatMap { $0.split(separator: "\n").map(String.init) }
            throw ContentError(file: path, problems: lines.map { Problem(path: "", message: $0) }, preformatted: true)
        }
        let bundle = ContentBundle(schedule: schedule, layouts: layouts)
        let consistency = bundle.problems()
        guard consistency.isEmpty else { throw ContentError(file: schedulePath, problems: consistency) }
        return bundle
    }

    /// Why the bundle at `path` does not load with `fonts`, or nil when it does: the check a
    /// synced version passes before it is activated.
    public static func problem(loading path: String, fonts: FontCatalog) -> String? {
        switch Result(catching: { () throws(ContentError) in try load(path, fonts: fonts) }) {
        case .success: return nil
        case .failure(let error): return error.description
        }
    }

    /// Every file `load` read for `bundle` from `path` (the layout file or the bundle's
    /// schedule, layouts and pictures): what a command writes must replace none of them.
    public static func inputFiles(of bundle: ContentBundle, at path: String) -> [String] {
        var paths = [path, (path as NSString).appendingPathComponent("schedule.json")]
        for layout in bundle.layouts.values {
            paths.append(layout.sourcePath)
            paths += layout.assetReferences.map { (layout.assetRoot as NSString).appendingPathComponent($0.path) }
        }
        return paths
    }
}
