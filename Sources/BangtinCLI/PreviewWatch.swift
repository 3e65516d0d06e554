import ArgumentParser
import BangtinPlayer
import Dispatch
import Foundation
import Logging
import Synchronization

/// `bangtin preview … --watch`: the preview written once, then again after each save of a
/// file of the content (a layout, the schedule, a picture), one line per rewrite. A save that
/// does not load prints its problems (file and JSON path) and leaves the last good output as
/// it was: nothing is written until the content loads. Runs until interrupted.
struct PreviewWatch {
    /// The command as given; each rewrite runs it without `--watch`.
    var preview: PreviewCommand

    func run() throws {
        var once = preview
        once.watch = false
        // (fflush(nil): every stream, the command's `print`s among them.)
        // A first run that fails for anything but the content (a bad --from) fails the command.
        if !(try write(once, rethrowingUsageErrors: true)) { note("fix the content and save; watching for changes") }
        let saves = Saves()
        let watcher: FileWatcher
        do {
            watcher = try FileWatcher(content: preview.content, logger: preview.options.logger()) { saves.add($0) }
        } catch {
            throw ValidationError("--watch: \(error)")
        }
        defer { watcher.stop() }
        note("watching \(watcher.root) for changes (Ctrl-C stops)")
        // What this command writes changes files in the folder too, when it is written there.
        let written = Set([preview.out, preview.video].compactMap { $0 }.map(Self.absolute))
        while true {
            let files = saves.wait().filter { !written.contains(Self.absolute(watcher.root + "/" + $0)) }
            if files.isEmpty { continue }
            note("changed: \(files.joined(separator: ", "))")
            if !(try write(once, rethrowingUsageErrors: false)) {
                note("kept the last good output; fix the content and save again")
            }
        }
    }

    /// Writes the preview; false when it failed (its problems already printed).
    private func write(_ command: PreviewCommand, rethrowingUsageErrors: Bool) throws -> Bool {
        defer { fflush(nil) }
        do {
            try command.run()
            return true
        } catch is ExitCode {
            // Content problems: `loadContent` printed each with its file and JSON path.
            return false
        } catch {
            if rethrowingUsageErrors { throw error }
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return false
        }
    }

    private static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// A line on standard output, at once (it may be a pipe).
    private func note(_ line: String) {
        print(line)
        fflush(nil)
    }
}

/// Saves the watcher reported, waited for by the command's thread.
private final class Saves: Sendable {
    private let files = Mutex<[String]>([])
    private let signal = DispatchSemaphore(value: 0)

    func add(_ changed: [String]) {
        files.withLock { $0 += changed }
        signal.signal()
    }

    /// Waits for a save; the files changed since the last call.
    func wait() -> [String] {
        while true {
            signal.wait()
            let taken = files.withLock { files in
                defer { files = [] }
                return files
            }
            if !taken.isEmpty { return taken }
        }
    }
}
