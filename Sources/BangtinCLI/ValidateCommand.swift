import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation

/// `bangtin validate <layout.json>…`
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check layouts: every problem is named by its JSON path; exit status 1 if any.")

    @Argument(help: "Layout files to check.")
    var layouts: [String]

    @OptionGroup var content: ContentOptions

    func run() throws {
        let fonts = try content.fontLibrary()
        var failed = false
        for path in layouts {
            do {
                let file = try LayoutFile.load(path, fonts: fonts.catalog)
                let imageProblems = ImageProbe.problems(in: file.layout, root: file.assetRoot)
                if !imageProblems.isEmpty { throw ContentError(file: path, problems: imageProblems) }
                let layout = file.layout
                print(
                    "ok: \(path) (\(layout.size) pixels, \(layout.regions.count) regions, \(layout.regions.reduce(0) { $0 + $1.items.count }) items)"
                )
            } catch let error as ContentError {
                _ = fail(with: error)
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
