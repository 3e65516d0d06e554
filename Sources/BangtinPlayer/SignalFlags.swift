import Dispatch
import Foundation

/// SIGTERM, SIGINT and SIGHUP turned into flags the frame loop polls: signal handlers may do
/// almost nothing, so dispatch sources on a background queue set these instead.
final class SignalFlags: @unchecked Sendable {
    private let lock = NSLock()
    private var quit = false
    private var reload = false
    private var sources: [DispatchSourceSignal] = []

    init() {
        let queue = DispatchQueue(label: "bangtin-signals")
        for (number, action) in [(SIGTERM, true), (SIGINT, true), (SIGHUP, false)] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                self.lock.lock()
                if action { self.quit = true } else { self.reload = true }
                self.lock.unlock()
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a termination was asked for.
    var shouldQuit: Bool {
        lock.lock()
        defer { lock.unlock() }
        return quit
    }

    /// Whether a reload was asked for since the last call (clears the request).
    func takeReload() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let value = reload
        reload = false
        return value
    }
}
