import Foundation

/// A real X server (Xvfb) for tests of the windowed player, started on a free display number
/// and stopped when the test is done.
public final class XServer: @unchecked Sendable {
    public let display: String
    private let server: CleanChild

    /// Starts Xvfb with one screen of `width`×`height` at `depth` bits a pixel.
    public init(width: Int = 1024, height: Int = 768, depth: Int = 24) throws {
        var number = 80 + Int.random(in: 0..<400)
        while FileManager.default.fileExists(atPath: "/tmp/.X11-unix/X\(number)")
            || FileManager.default.fileExists(atPath: "/tmp/.X\(number)-lock")
        {
            number += 1
        }
        display = ":\(number)"
        server = try CleanChild(
            "/usr/bin/Xvfb", [display, "-screen", "0", "\(width)x\(height)x\(depth)", "-nolisten", "tcp", "-noreset"])
        let socket = "/tmp/.X11-unix/X\(number)"
        let deadline = Date().addingTimeInterval(15)
        while !FileManager.default.fileExists(atPath: socket) {
            guard Date() < deadline, server.isRunning else {
                throw SetupError(message: "Xvfb did not start on \(display) (install the xvfb package; .ci/run does)")
            }
            usleep(20_000)
        }
    }

    deinit { stop() }

    /// Stops the server (SIGTERM; SIGKILL if it has not gone after 10 s).
    public func stop() {
        server.stop(seconds: 10)
    }

    /// A screenshot of `width`×`height` at `x`,`y` of the root window, as a PNG file.
    public func screenshot(x: Int = 0, y: Int = 0, width: Int, height: Int, to path: String) throws {
        // Waited for by pid here: reaping a Foundation `Process` behind its back leaves it
        // "running" forever, and reading its status then traps.
        let shot = try CleanChild(
            "/usr/bin/env",
            [
                "import", "-display", display, "-window", "root", "-crop", "\(width)x\(height)+\(x)+\(y)", "+repage",
                "png24:\(path)",
            ])
        let deadline = Date().addingTimeInterval(30)
        while shot.isRunning && Date() < deadline { usleep(5_000) }
        shot.stop(seconds: 1)
        guard shot.exitStatus == 0 else {
            throw SetupError(message: "ImageMagick import failed on \(display) (install imagemagick; .ci/run does)")
        }
    }

    public struct SetupError: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
