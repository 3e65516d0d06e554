import Foundation

/// A `bangtin` process running in the background as a kiosk runs it (clean signal mask), with
/// its output collected.
public final class RunningProgram: @unchecked Sendable {
    public let process: CleanChild
    private let outputPath: String
    private let errorPath: String

    /// Starts `bangtin` with `arguments`.
    public init(_ arguments: [String], environment: [String: String], ownGroup: Bool = false) throws {
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("bangtin-run-\(UUID().uuidString)").path
        outputPath = base + ".out"
        errorPath = base + ".err"
        process = try CleanChild(
            Program.executable.path, arguments, environment: env, directory: Fixtures.root.path, output: outputPath,
            errors: errorPath, ownGroup: ownGroup)
    }

    deinit {
        process.stop(seconds: 5)
        try? FileManager.default.removeItem(atPath: outputPath)
        try? FileManager.default.removeItem(atPath: errorPath)
    }

    public var stdout: String { (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "" }
    public var stderr: String { (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "" }

    /// Waits until `condition` holds or `seconds` pass; returns whether it held.
    public func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }

    /// Sends a signal.
    public func signal(_ number: Int32) { process.signal(number) }

    /// Waits for the process to end; returns its status, or nil if it is still running.
    public func waitForExit(seconds: Double) -> Int32? {
        _ = wait(seconds: seconds) { !process.isRunning }
        return process.exitStatus
    }
}
