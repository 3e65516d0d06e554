import BangtinCore
import BangtinNet
import Dispatch
import Foundation
import Logging
import Synchronization

/// Sends a board's reports to the source system by HTTP PUT, on a thread of its own, whenever
/// the link allows: `<base>/<board>/status.json`, `<base>/<board>/screen.png` and
/// `<base>/<board>/plays/<batch-id>.ndjson` (`.ndjson.gz`, compressed, with `gzip`).
///
/// Only the newest status document and screenshot offered are kept, and they go before the
/// backlog. Batches go oldest first and back to back; one is confirmed to the source (which
/// then forgets it) only after the server answered 2xx. On a failure the same batch is sent
/// again after a backoff: a batch never changes, so a retry after a lost answer replaces the
/// same file and counts nothing twice.
///
///     let uploader = try ReportUploader(baseURL: url, board: "hn-001", link: link, source: store, logger: logger)
///     uploader.start()
///     uploader.offerStatus(document)
///     …
///     uploader.stop()
public final class ReportUploader: Sendable {
    /// What the uploader has done, for the status document and tests.
    public struct Snapshot: Sendable, Equatable {
        /// Batches the server confirmed.
        public var batchesSent = 0
        /// Status documents the server took.
        public var statusesSent = 0
        /// Screenshots the server took.
        public var screenshotsSent = 0
        /// Body bytes the server took (batches, status documents and screenshots).
        public var bodyBytesSent: Int64 = 0
        /// Bytes on the link for them, both ways (failed attempts are not counted).
        public var wireBytes: Int64 = 0
        /// When the server last took something.
        public var lastSuccess: Instant?
        /// What went wrong last (kept after a later success); nil before any failure.
        public var lastError: String?
        /// Failed attempts since the last success.
        public var consecutiveFailures = 0
        /// Failed attempts in all.
        public var failures = 0
    }

    private let base: String
    private let link: LinkOptions
    private let source: any BatchSource
    private let logger: Logger
    private let idleWait: Duration
    /// The board's clock, for `Snapshot.lastSuccess` (nil: not recorded).
    private let clock: (@Sendable () -> Instant)?
    private let gzip: Bool
    private let state: Mutex<(plan: UploadPlan, snapshot: Snapshot, stopped: Bool, started: Bool, running: Bool)>
    private let wakeUp = DispatchSemaphore(value: 0)
    private let epoch = ContinuousClock.now

    /// An uploader of `board`'s reports to `baseURL`; it starts with `start()`.
    /// - Parameters:
    ///   - baseURL: The configured `report.url`; the board's folder goes under it.
    ///   - board: The board's id (percent-encoded in paths).
    ///   - link: Timeouts, proxy, CA, client identity and token: the same as sync's.
    ///   - source: Where batches come from and are confirmed to.
    ///   - logger: Failures and recoveries.
    ///   - backoff: The wait after failures in a row (default 5 s growing to 5 min).
    ///   - idleWait: With nothing to send, how long before asking the source again.
    ///   - clock: The board's clock, read when the server takes something.
    ///   - gzip: Whether batches go gzip-compressed, as `plays/<batch>.ndjson.gz`.
    /// - Throws: `ReportPathError` for a board id that cannot name a folder (`SafeIdentifier`).
    public init(
        baseURL: String, board: String, link: LinkOptions, source: any BatchSource, logger: Logger,
        backoff: Backoff = Backoff(base: .seconds(5), cap: .seconds(300)), idleWait: Duration = .seconds(60),
        clock: (@Sendable () -> Instant)? = nil, gzip: Bool = false
    ) throws(ReportPathError) {
        self.clock = clock
        self.gzip = gzip
        base = try ReportPaths.folder(baseURL: baseURL, board: board)
        self.link = link
        self.source = source
        self.logger = logger
        self.idleWait = idleWait
        state = Mutex((UploadPlan(backoff: backoff), Snapshot(), false, false, false))
    }

    /// Starts the thread (once; later calls do nothing).
    public func start() {
        let starting = state.withLock { state in
            defer { state.started = true }
            state.running = !state.started && !state.stopped
            return state.running
        }
        guard starting else { return }
        let thread = Thread { [self] in run() }
        thread.name = "bangtin-report"
        thread.start()
    }

    /// Stops the thread: at once when it is waiting; an upload under way ends first (or times
    /// out by the link's limits). Nothing is lost: unconfirmed batches stay in the source.
    public func stop() {
        state.withLock { $0.stopped = true }
        wakeUp.signal()
    }

    /// Sends now: cuts a backoff or idle wait short and asks the source for batches again.
    public func uploadNow() {
        state.withLock { $0.plan.wake() }
        wakeUp.signal()
    }

    /// The status document to send next (JSON); it replaces any not yet sent.
    public func offerStatus(_ json: [UInt8]) {
        state.withLock { $0.plan.offerStatus(json) }
        wakeUp.signal()
    }

    /// The screenshot to send next (PNG); it replaces any not yet sent.
    public func offerScreenshot(_ png: [UInt8]) {
        state.withLock { $0.plan.offerScreenshot(png) }
        wakeUp.signal()
    }

    /// What it has done so far.
    public var snapshot: Snapshot { state.withLock { $0.snapshot } }

    /// Whether its thread is still going (from `start()` until it has seen `stop()`).
    public var isRunning: Bool { state.withLock { $0.running } }

    // MARK: - The thread

    private var now: Duration { ContinuousClock.now - epoch }
    private var stopped: Bool { state.withLock { $0.stopped } }

    private func run() {
        defer { state.withLock { $0.running = false } }
        var transfer: Transfer?
        while !stopped {
            let now = self.now
            let step = state.withLock { $0.plan.next(now: now) }
            switch step {
            case .wait(let until):
                wait(until - now)
            case .idle:
                if !wait(idleWait) { state.withLock { $0.plan.lookAgain() } }
            case .send(let item):
                do {
                    let ready = try transfer ?? Transfer(options: link)
                    transfer = ready
                    try send(item, with: ready)
                } catch {
                    failed(error, sending: item)
                }
            }
        }
    }

    /// Sends `item`; for a batch, asks the source for it and confirms it once stored.
    private func send(_ item: UploadPlan.Item, with transfer: Transfer) throws {
        switch item {
        case .status(let bytes, _):
            let response = try transfer.put(base + "status.json", body: bytes, contentType: "application/json")
            succeeded(item, response, bytes: bytes.count) { $0.statusesSent += 1 }
        case .screenshot(let bytes, _):
            let response = try transfer.put(base + "screen.png", body: bytes, contentType: "image/png")
            succeeded(item, response, bytes: bytes.count) { $0.screenshotsSent += 1 }
        case .batch:
            guard let batch = try source.nextBatch() else {
                state.withLock { $0.plan.drained() }
                return
            }
            let url = base + "plays/\(ReportPaths.encode(batch.id)).ndjson" + (gzip ? ".gz" : "")
            let body = gzip ? Gzip.compress(batch.body) : batch.body
            let response: Response
            do {
                response = try transfer.put(url, body: body, contentType: gzip ? "application/gzip" : "application/x-ndjson")
            } catch {
                throw UploadFailure(description: "batch \(batch.id) not stored: \(error)")
            }
            do {
                try source.confirm(batch.id)
            } catch {
                throw UploadFailure(description: "batch \(batch.id) stored at \(url) but not confirmed: \(error)")
            }
            succeeded(item, response, bytes: body.count) { $0.batchesSent += 1 }
        }
    }

    private func succeeded(_ item: UploadPlan.Item, _ response: Response, bytes: Int, count: (inout Snapshot) -> Void) {
        let recovered = state.withLock { state in
            let failures = state.snapshot.consecutiveFailures
            state.plan.sent(item)
            count(&state.snapshot)
            state.snapshot.bodyBytesSent += Int64(bytes)
            state.snapshot.wireBytes += response.wireBytes
            state.snapshot.lastSuccess = clock?()
            state.snapshot.consecutiveFailures = 0
            return failures
        }
        if recovered > 0 { logger.info("report upload: the server takes reports again after \(recovered) failures") }
    }

    private func failed(_ error: any Error, sending item: UploadPlan.Item) {
        let now = self.now
        let (wait, failures) = state.withLock { state in
            let wait = state.plan.failed(item, now: now, random: Double.random(in: 0..<1))
            state.snapshot.lastError = "\(error)"
            state.snapshot.consecutiveFailures += 1
            state.snapshot.failures += 1
            return (wait, state.snapshot.consecutiveFailures)
        }
        logger.warning(
            "report upload failed (\(failures) in a row): \(error); kept on the board, trying again in \(wait.seconds) s")
    }

    /// Waits `duration` unless woken or stopped first; whether it was woken.
    @discardableResult
    private func wait(_ duration: Duration) -> Bool {
        // At most a day at a time: DispatchTime overflows on much longer waits.
        let nanoseconds = Int((min(max(duration.seconds, 0), 86_400) * 1e9).rounded(.up))
        return wakeUp.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success
    }
}

extension Duration {
    /// In seconds, fractions included.
    fileprivate var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// A failed upload step, described for the log and the snapshot.
struct UploadFailure: Error, CustomStringConvertible {
    var description: String
}
