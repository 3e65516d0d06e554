import ArgumentParser
import BangtinCore
import BangtinRender
import Foundation

/// A video written through Debian's `ffmpeg` command: the board's frames piped in raw, encoded
/// for messaging apps (H.264 in MP4, VP9 in WebM, or an animated GIF), into a temporary file
/// beside the output that is renamed into place only when ffmpeg succeeded. Any failure,
/// ffmpeg missing, or the command interrupted (Ctrl-C, SIGTERM, SIGHUP) leaves no file behind.
final class VideoOutput {
    /// The formats, by the output's extension.
    enum Format: String, CaseIterable {
        case mp4, webm, gif

        /// The format `path` names, or nil for another file (a PNG, a folder).
        init?(path: String) {
            self.init(rawValue: (path as NSString).pathExtension.lowercased())
        }

        /// ffmpeg's encoder options: widely playable, quick to make.
        var encoding: [String] {
            // H.264 and VP9 in 4:2:0 want even sides: a pixel of black is added where needed.
            let even = "pad=ceil(iw/2)*2:ceil(ih/2)*2"
            switch self {
            case .mp4:
                return [
                    "-vf", even, "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-movflags",
                    "+faststart", "-f", "mp4",
                ]
            case .webm:
                return [
                    "-vf", even, "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "32", "-deadline", "realtime", "-cpu-used", "8",
                    "-row-mt", "1", "-pix_fmt", "yuv420p", "-f", "webm",
                ]
            case .gif:
                return [
                    "-vf", "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=none", "-loop", "0", "-f", "gif",
                ]
            }
        }
    }

    let path: String
    private let temporary: String
    private let process = Process()
    private let input: FileHandle
    private let errors: URL
    private let size: PixelSize
    private var finished = false
    private var started = false
    private var interrupts: VideoInterrupts?

    /// The `ffmpeg` on PATH, or nil.
    static func ffmpeg() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/ffmpeg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Starts ffmpeg writing `format` frames of `size` at `fps` a second to `path`.
    /// - Throws: a clear error when ffmpeg is missing or does not start; nothing is written.
    init(path: String, format: Format, size: PixelSize, fps: Double) throws {
        guard let ffmpeg = Self.ffmpeg() else {
            throw Self.failure(
                "writing \(path) needs the ffmpeg command, which is not installed (Debian: apt-get install ffmpeg); nothing was written"
            )
        }
        self.path = path
        self.size = size
        let folder = (path as NSString).deletingLastPathComponent
        temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).part"
        // ffmpeg's messages go to a private file (mkstemp: not a name another user can plant).
        let log = try Self.privateLog()
        errors = URL(fileURLWithPath: log.path)
        process.executableURL = URL(fileURLWithPath: ffmpeg)
        process.arguments =
            [
                "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "bgra", "-video_size",
                "\(size.width)x\(size.height)", "-framerate", String(fps), "-i", "pipe:0",
            ] + format.encoding + ["-y", temporary]
        let pipe = Pipe()
        process.standardInput = pipe
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log.handle
        input = pipe.fileHandleForWriting
        // A dying ffmpeg must be an error here, not a SIGPIPE that kills the command.
        signal(SIGPIPE, SIG_IGN)
        do {
            try process.run()
            started = true
            interrupts = VideoInterrupts(ffmpeg: process.processIdentifier, part: temporary, log: errors.path)
        } catch {
            try? FileManager.default.removeItem(at: errors)
            throw Self.failure("cannot start \(ffmpeg): \(error); nothing was written")
        }
    }

    deinit {
        abandon()
        interrupts?.end()
    }

    /// A new file for ffmpeg's messages, made by `mkstemp` in the temporary folder.
    private static func privateLog() throws -> (path: String, handle: FileHandle) {
        let folder = FileManager.default.temporaryDirectory.path
        var template = Array("\(folder)/bangtin-ffmpeg-XXXXXX.log".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 4) }
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw failure("cannot make a file for ffmpeg's messages in \(folder): \(reason); nothing was written")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        return (path, FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }

    /// Sends one frame (the board's size).
    func append(_ surface: Surface) throws {
        let pixels = surface.argbPixels
        let bytes = pixels.withUnsafeBytes { Data($0) }
        do {
            try input.write(contentsOf: bytes)
        } catch {
            let said = ffmpegSaid()
            abandon()
            throw Self.failure("ffmpeg stopped taking frames for \(path)\(said); nothing was written")
        }
    }

    /// Ends the video: waits for ffmpeg and moves the file into place.
    func finish() throws {
        guard started, !finished else { return }
        try? input.close()
        process.waitUntilExit()
        finished = true
        defer {
            interrupts?.end()
            try? FileManager.default.removeItem(at: errors)
        }
        guard process.terminationStatus == 0 else {
            unlink(temporary)
            throw Self.failure("ffmpeg could not write \(path)\(ffmpegSaid()); nothing was written")
        }
        var reason: String?
        let move = {
            if rename(self.temporary, self.path) != 0 { reason = String(cString: strerror(errno)) }
        }
        if let interrupts {
            // An interrupt that came first has removed the part file; the command is ending.
            guard interrupts.finishing(move) else { throw Self.failure("interrupted; nothing was written") }
        } else {
            move()
        }
        if let reason {
            unlink(temporary)
            throw Self.failure("cannot write \(path): \(reason); nothing was written")
        }
    }

    /// Stops ffmpeg and removes what it wrote (an error, or an interrupted command).
    func abandon() {
        guard !finished, started else { return }
        finished = true
        try? input.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        unlink(temporary)
        try? FileManager.default.removeItem(at: errors)
        interrupts?.end()
    }

    /// The command's error: said on standard error, exit status 1.
    private static func failure(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
        return ExitCode(1)
    }

    private func ffmpegSaid() -> String {
        let text = (try? String(contentsOf: errors, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        return text.isEmpty ? "" : " (ffmpeg: \(text.split(separator: "\n").suffix(3).joined(separator: " / ")))"
    }
}

/// Frames of a scheduler's board into a video: one frame per `1/fps` s from `start` (or the
/// scenes given), with progress on standard error once it takes more than a second.
enum VideoRender {
    /// Writes `count` frames, the frame at `index` showing `instant(index)`.
    static func write(
        to path: String, format: VideoOutput.Format, scheduler: Scheduler, alerts: [Alert], renderer: HeadlessRenderer,
        fps: Double, count: Int, instant: (Int) -> Instant
    ) throws {
        let video = try VideoOutput(path: path, format: format, size: scheduler.bundle.schedule.size, fps: fps)
        let progress = ProgressLine(toTerminal: isatty(STDERR_FILENO) == 1, unit: .frames, quietForSeconds: 1)
        for index in 0..<count {
            try video.append(renderer.render(scheduler.scene(at: instant(index), alerts: alerts)))
            progress.update(done: Int64(index + 1), total: Int64(count), file: path)
        }
        progress.finish()
        try video.finish()
    }
}
