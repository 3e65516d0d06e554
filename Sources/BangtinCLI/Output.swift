import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinRender
import Foundation

/// Where a command writes its pictures: every file whole or not at all (`OutputFile`), and
/// never over a file the command read (its layout, schedule, pictures or fonts).
struct Output {
    let inputs: InputFiles

    /// The outputs of a command that read `bundle` from `contentPath` with `fonts`.
    init(bundle: ContentBundle, contentPath: String, fonts: FontLibrary) {
        let fontFiles = ["fonts.json"] + fonts.catalog.families.values.flatMap(\.values)
        inputs = InputFiles(
            paths: BundleFolder.inputFiles(of: bundle, at: contentPath)
                + fontFiles.map { (fonts.directory as NSString).appendingPathComponent($0) })
    }

    /// Refuses `path` before any work is done when writing it could only fail or do harm.
    func check(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { return }
        if inputs.contains(path: path) {
            throw failure("cannot write \(path): it is one of the input files; name another file")
        }
        if status.st_mode & S_IFMT != S_IFREG {
            throw failure(
                "cannot write \(path): it exists and is not a regular file (a device, a pipe or a folder); name a new .png file")
        }
    }

    /// Makes the folder `path` for a sequence of frames (it may exist).
    func makeFolder(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw failure("cannot write frames into \(path): it is not a folder") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot make the folder \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `surface`, a board frame or a sheet of them, as an RGB PNG file at `path`.
    func write(_ surface: Surface, to path: String) throws {
        try write(png: surface.pngBytes(opaque: true), to: path)
    }

    /// Writes encoded bytes at `path`; `sync: false` for the files of a sequence, which
    /// `OutputFile.syncFolder(_:)` makes durable together at the end.
    func write(png bytes: [UInt8], to path: String, sync: Bool = true) throws {
        do {
            try OutputFile.write(bytes, to: path, inputs: inputs, sync: sync)
        } catch {
            throw self.failure(error.description)
        }
    }

    private func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
        return ExitCode(1)
    }
}
