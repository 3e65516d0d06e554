import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation
import Logging

/// Options every command that reads content shares.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "Folder holding fonts.json and the font files (default: the bundled fonts/).")
    var fonts: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (default notice).")
    var logLevel: Logger.Level?

    /// The font library named by `--fonts` or found beside the program.
    func fontLibrary() throws -> FontLibrary {
        guard let directory = fonts ?? FontLibrary.locateBundled() else {
            throw ValidationError("cannot find the bundled fonts/ folder; pass --fonts DIR or set BANGTIN_FONTS")
        }
        try checkFonts(in: directory)
        let library = try FontLibrary(directory: directory)
        try checkFonts(in: directory, catalog: library.catalog)
        return library
    }

    /// The catalog and the font files as the content edge's reader would take them: regular
    /// files of bounded size inside the folder (a named pipe there would hang the first text).
    private func checkFonts(in directory: String, catalog: FontCatalog? = nil) throws {
        let files = catalog.map { $0.families.values.flatMap(\.values) } ?? ["fonts.json"]
        for file in Set(files).sorted() {
            let path = (directory as NSString).appendingPathComponent(file)
            do {
                try ContentFile.check(path, kind: .font, inside: directory, folder: "the fonts folder")
            } catch {
                throw fail(with: ContentError(file: path, problems: [Problem(path: "", message: error.description)]))
            }
        }
    }

    func logger() -> Logger {
        var logger = Logger(label: "bangtin")
        logger.logLevel = logLevel ?? .notice
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

/// Prints content problems the way a person fixing a file wants them, and fails the command.
func fail(with error: ContentError) -> ExitCode {
    FileHandle.standardError.write(Data((error.description + "\n").utf8))
    return ExitCode(1)
}

/// Reads one line to standard error.
func warn(_ message: String) {
    FileHandle.standardError.write(Data(("warning: " + message + "\n").utf8))
}
