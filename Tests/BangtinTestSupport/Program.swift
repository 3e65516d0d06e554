import Foundation

/// Runs the built `bangtin` executable, for end-to-end tests of the command line.
public enum Program {
    /// What a run printed and how it ended.
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// Whether a signal ended it (a crash, or the kill after `timeout`).
        public var signalled: Bool = false
        /// Whether it was killed for running longer than its timeout.
        public var timedOut: Bool = false
        /// How long it ran.
        public var seconds: Double = 0
    }

    /// The `bangtin` binary next to the test bundle (built by `swift build`).
    public static var executable: URL {
        let besideTests = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("bangtin")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return Fixtures.root.appendingPathComponent(".build/debug/bangtin")
    }

    /// Runs `bangtin` with `arguments` and waits for it, killing it after `timeout` seconds.
    public static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 600) throws -> Result {
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
        let started = Date()
        try process.run()
        let watchdog = Watchdog(pid: process.processIdentifier, seconds: timeout)
        // Read both pipes before waiting so a chatty child never blocks on a full pipe.
        let errData = ReadBox()
        let thread = Thread { errData.data = err.fileHandleForReading.readDataToEndOfFile() }
        thread.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let timedOut = watchdog.finish()
        while errData.data == nil { usleep(1000) }
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData.data!, as: UTF8.self), signalled: process.terminationReason == .uncaughtSignal,
            timedOut: timedOut, seconds: Date().timeIntervalSince(started))
    }

    private final class ReadBox: @unchecked Sendable { var data: Data? }

    /// Kills a process with SIGKILL if it is still running after a time (a hang must fail a
    /// test, not stop the suite; SIGKILL, since a hung program may ignore SIGTERM).
    private final class Watchdog: @unchecked Sendable {
        private let lock = NSLock()
        private var done = false
        private var fired = false

        init(pid: Int32, seconds: Double) {
            let thread = Thread { [self] in
                let deadline = Date().addingTimeInterval(seconds)
                while Date() < deadline {
                    if lock.withLock({ done }) { return }
                    usleep(20_000)
                }
                lock.withLock {
                    if !done {
                        fired = true
                        kill(pid, SIGKILL)
                    }
                }
            }
            thread.start()
        }

        /// Stops watching; returns whether it killed the process.
        func finish() -> Bool {
            lock.withLock {
                done = true
                return fired
            }
        }
    }
}
