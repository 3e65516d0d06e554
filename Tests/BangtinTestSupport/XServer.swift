import Foundation

/// A real X server (Xvfb) for tests of the windowed player, started on a free display number
/// and stopped when the test is done.
public final class XServer: @unchecked Sendable {
    public let display: String
    private let process: Process

    /// Starts Xvfb with one screen of `width`×`height`.
    public init(width: Int = 1024, height: Int = 768) throws {
        var number = 80 + Int.random(in: 0..<400)
        while FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(number)")
            || FileManager.default.fileExists(atPath: "/tmp/.X\(number)-lock")
        {
            number += 1
        }
        display = ":\(number)"
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/Xvfb")
        process.arguments = [display, "-screen", "0", "\(width)x\(height)x24", "-nolisten", "tcp", "-noreset"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let socket = "/tmp/.X11-unix/X\(number)"
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: socket) {
            guard Date() < deadline, process.isRunning else {
                throw SetupError(message: "Xvfb did not start on \(display) (install the xvfb package; .ci/run does)")
            }
            usleep(20_000)
        }
    }

    deinit { stop() }

    /// Stops the server.
    public func stop() {
        guard process.isRunning else { return }
        process.terminate()
        // Poll rather than waitUntilExit(), which can miss the exit from a test thread.
        process.waitBounded(seconds: 10)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// A screenshot of `width`×`height` at `x`,`y` of the root window, as a PNG file.
    public func screenshot(x: Int = 0, y: Int = 0, width: Int, height: Int, to path: String) throws {
        let shot = Process()
        shot.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        shot.arguments = [
            "import", "-display", display, "-window", "root", "-crop", "\(width)x\(height)+\(x)+\(y)", "+repage", "png24:\(path)",
        ]
        shot.standardOutput = FileHandle.nullDevice
        shot.standardError = FileHandle.nullDevice
        try shot.run()
        shot.waitBounded(seconds: 30)
        guard shot.terminationStatus == 0 else {
            throw SetupError(message: "ImageMagick import failed on \(display) (install imagemagick; .ci/run does)")
        }
    }

    public struct SetupError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}

/// A `bangtin` process running in the background, with its output collected.
public final class RunningProgram: @unchecked Sendable {
    public let process = Process()
    private let lock = NSLock()
    private var out = Data()
    private var err = Data()

    /// Starts `bangtin` with `arguments`.
    public init(_ arguments: [String], environment: [String: String]) throws {
        process.executableURL = Program.executable
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        process.currentDirectoryURL = Fixtures.root
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.out.append(data) }
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            self?.lock.withLock { self?.err.append(data) }
        }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    public var stdout: String { lock.withLock { String(decoding: out, as: UTF8.self) } }
    public var stderr: String { lock.withLock { String(decoding: err, as: UTF8.self) } }

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
    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to end; returns its status, or nil if it is still running.
    public func waitForExit(seconds: Double) -> Int32? {
        _ = wait(seconds: seconds) { !process.isRunning }
        return process.isRunning ? nil : process.terminationStatus
    }
}

extension Process {
    /// Waits for the process to end, polling (Foundation's waitUntilExit() can hang when the
    /// exit is reaped on another thread); gives up after `seconds`.
    public func waitBounded(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while isRunning && Date() < deadline {
            // Reap it ourselves if Foundation has not noticed the exit.
            if waitpid(processIdentifier, &status, WNOHANG) == processIdentifier { return }
            usleep(10_000)
        }
    }
}
