import Foundation

/// Runs the built `bangtin` executable, for end-to-end tests of the command line.
public enum Program {
    /// What a run printed and how it ended.
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `bangtin` binary next to the test bundle (built by `swift build`).
    public static var executable: URL {
        let besideTests = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("bangtin")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return Fixtures.root.appendingPathComponent(".build/debug/bangtin")
    }

    /// Runs `bangtin` with `arguments` and waits for it.
    public static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "DISPLAY")
        env.removeValue(forKey: "WAYLAND_DISPLAY")
        env.merge(environment) { $1 }
        process.environment = env
        process.currentDirectoryURL = Fixtures.root
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a chatty child never blocks on a full pipe.
        let errData = ReadBox()
        let thread = Thread { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
        thread.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while errData.data == nil { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.data!, as: UTF8.self))
    }

    private final class ReadBox: @unchecked Sendable { var data: Data? }
}
