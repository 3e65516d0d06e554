import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation

/// `bangtin validate <layout.json|bundle>…`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check layouts and bundles: every problem is named by file and JSON path; exit status 1 if any.")

    @Argument(help: "Layout files or bundle folders to check.")
    var contents: [String]

    @OptionGroup var options: ContentOptions

    func run() throws {
        let fonts = try options.fontLibrary()
        var failed = false
        for path in contents {
            let problems = check(path, fonts: fonts)
            if problems.isEmpty { continue }
            FileHandle.standardError.write(Data((problems.joined(separator: "\n") + "\n").utf8))
            failed = true
        }
        if failed { throw ExitCode(1) }
    }

    /// Every problem of one layout or bundle, as printable lines; prints "ok" when none.
    private func check(_ path: String, fonts: FontLibrary) -> [String] {
        switch BundleCheck.check(path, fonts: fonts) {
        case .failure(let problems): return problems.lines
        case .success(let bundle):
            let items = bundle.layouts.values.reduce(0) { $0 + $1.regions.reduce(0) { $0 + $1.items.count } }
            print(
                "ok: \(path) (\(bundle.schedule.size) pixels, \(bundle.layouts.count) layouts, \(bundle.schedule.entries.count) entries, \(items) items)"
            )
            return []
        }
    }
}

/// What `validate` checks, shared with `pack`: the bundle loads, and every picture decodes.
enum BundleCheck {
    struct Problems: Error { var lines: [String] }

    static func check(_ path: String, fonts: FontLibrary) -> Result<ContentBundle, Problems> {
        let bundle: ContentBundle
        switch Result(catching: { () throws(ContentError) in try BundleFolder.load(path, fonts: fonts.catalog) }) {
        case .success(let loaded): bundle = loaded
        case .failure(let error): return .failure(Problems(lines: [error.description]))
        }
        var problems: [String] = []
        for (_, layout) in bundle.layouts.sorted(by: { $0.key < $1.key }) {
            let file = layout.sourcePath.isEmpty ? path : layout.sourcePath
            problems += ImageProbe.problems(in: layout, root: layout.assetRoot).map { "\(file): \($0)" }
        }
        return problems.isEmpty ? .success(bundle) : .failure(Problems(lines: problems))
    }
}
