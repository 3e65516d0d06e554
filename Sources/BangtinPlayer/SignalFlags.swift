import Dispatch
import Foundation
import Synchronization

/// SIGTERM, SIGINT and SIGHUP turned into flags the frame loop polls: signal handlers may do
/// almost nothing, so dispatch sources on a background queue set these instead.
final class SignalFlags {
    /// The flags, shared with the handlers.
    private final class Flags: Sendable {
        let state = Mutex((quit: false, reload: false))
    }

    private let flags = Flags()
    private let sources: [DispatchSourceSignal]

    /// Installs the handlers: the process ignores these signals from now on and the flags
    /// record them.
    init() {
        let queue = DispatchQueue(label: "bangtin-signals")
        var sources: [DispatchSourceSignal] = []
        for (number, quits) in [(SIGTERM, true), (SIGINT, true), (SIGHUP, false)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [flags] in
                flags.state.withLock { if quits { $0.quit = true } else { $0.reload = true } }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    deinit {
        for source in sources { source.cancel() }
    }

    /// Whether a termination was asked for.
    var shouldQuit: Bool { flags.state.withLock { $0.quit } }

    /// Whether a reload was asked for since the last call (clears the request).
    func takeReload() -> Bool {
        flags.state.withLock { flags in
            defer { flags.reload = false }
            return flags.reload
        }
    }
}
