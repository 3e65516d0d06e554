import Dispatch
import Foundation
import Synchronization

/// While a video is written: Ctrl-C (which reaches ffmpeg too, and makes it finish the file it
/// has), SIGTERM or SIGHUP kill ffmpeg at once, remove its part file and log, and end the
/// command with the signal, as it would have ended without the handler. A signal ignored when
/// the video began (`nohup`, a background job) stays ignored. `end()` puts back the handling
/// there was, so what the command does after the video can be interrupted as before.
final class VideoInterrupts: @unchecked Sendable {
    /// Whether an interrupt came, and whether the video ended (moved into place or abandoned):
    /// the handler and `finishing` take turns under it.
    private final class Shared: Sendable {
        let state = Mutex((interrupted: false, ended: false))
    }

    private let shared = Shared()
    private var sources: [DispatchSourceSignal] = []
    private var previous: [(number: Int32, action: sigaction)] = []

    /// Watches for interrupts while ffmpeg (`pid`) writes `part`, its messages going to `log`.
    init(ffmpeg pid: pid_t, part: String, log: String) {
        let queue = DispatchQueue(label: "bangtin-video-interrupt")
        for number in [SIGINT, SIGTERM, SIGHUP] {
            var old = sigaction()
            sigaction(number, nil, &old)
            // SIG_IGN is handler 1: a signal the command was told to ignore stays ignored.
            if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == 1 { continue }
            previous.append((number, old))
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [shared] in
                shared.state.withLock { state in
                    state.interrupted = true
                    guard !state.ended else { return }
                    // Not reaped here: the video's Process does that.
                    kill(pid, SIGKILL)
                    unlink(part)
                    unlink(log)
                }
                signal(number, SIG_DFL)
                kill(getpid(), number)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit { end() }

    /// Runs `move` (the part file renamed into place) unless an interrupt came first; from then
    /// on an interrupt removes nothing.
    /// - Returns: false when an interrupt came first (`move` did not run).
    func finishing(_ move: () throws -> Void) rethrows -> Bool {
        try shared.state.withLock { state in
            guard !state.interrupted else { return false }
            state.ended = true
            try move()
            return true
        }
    }

    /// Stops watching and puts back the handling there was before. Calling it again does nothing.
    func end() {
        shared.state.withLock { $0.ended = true }
        for source in sources { source.cancel() }
        sources = []
        for (number, action) in previous {
            var action = action
            sigaction(number, &action, nil)
        }
        previous = []
    }
}
