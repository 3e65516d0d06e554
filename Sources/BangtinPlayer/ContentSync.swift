import BangtinContent
import BangtinCore
import BangtinNet
import BangtinSync
import BangtinTrust
import Dispatch
import Foundation
import Logging
import Synchronization

/// The player's sync thread: polls the configured source every `pollEvery` seconds (sooner,
/// with backoff, after a failure), and when a new version is active in the cache asks the
/// preparation thread to load it for the next boundary of the schedule. The board plays what
/// it has the whole time; a dead link only delays the next version.
final class ContentSync: Sendable {
    private let settings: SyncSettings
    private let pollEvery: Int
    private let correctClock: Bool
    private let logger: Logger
    private let onActivated: @Sendable (Int) -> Void
    /// Takes a screenshot request a newly active manifest carries (`Manifest.screenshotRequest`).
    private let onScreenshotRequest: @Sendable (String) -> Void
    private let stopped = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)

    /// The sync settings of `config`, or nil when it names no source.
    /// - Throws: `KeyError` for a trust file that cannot be read.
    /// A version is activated only if its layouts load with `fonts`.
    static func settings(of config: PlayerConfig, fonts: FontCatalog) throws(KeyError) -> SyncSettings? {
        guard let source = config.source, let bundle = config.bundle, let cache = config.cache else { return nil }
        var settings = SyncSettings(
            source: source, bundle: bundle, cache: cache, trust: try TrustStore(files: config.trust))
        settings.budgetBytes = Int64(config.cacheBudgetMB) << 20
        settings.link = try link(of: config)
        settings.checkBundle = { BundleFolder.problem(loading: $0, fonts: fonts) }
        return settings
    }

    /// How the board talks to its source system, for sync and reports alike: proxy, private
    /// CA, rate cap, client identity, bearer token.
    static func link(of config: PlayerConfig) throws(KeyError) -> LinkOptions {
        var link = LinkOptions()
        link.proxy = config.proxy
        link.caBundle = config.caBundle
        link.maxBytesPerSecond = config.maxRateKB.map { $0 * 1024 }
        link.clientCertificate = config.clientCert
        link.clientKey = config.clientKey
        if let tokenFile = config.tokenFile { link.bearerToken = try SyncSettings.bearerToken(fromFile: tokenFile) }
        return link
    }

    /// The last successful poll (the board's clock) and the version it left active, and how
    /// far the board's clock is behind the newest trusted time: for the status document.
    var health: (lastSuccess: Instant?, version: Int?, clockBehindSeconds: Double?) { healthState.withLock { $0 } }
    private let healthState = Mutex<(lastSuccess: Instant?, version: Int?, clockBehindSeconds: Double?)>((nil, nil, nil))

    init(
        settings: SyncSettings, pollEvery: Int, correctClock: Bool, logger: Logger,
        onScreenshotRequest: @escaping @Sendable (String) -> Void = { _ in },
        onActivated: @escaping @Sendable (Int) -> Void
    ) {
        self.settings = settings
        self.pollEvery = pollEvery
        self.correctClock = correctClock
        self.logger = logger
        self.onScreenshotRequest = onScreenshotRequest
        self.onActivated = onActivated
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "bangtin-sync"
        thread.start()
    }

    /// Polls at once (SIGHUP), cutting a wait short.
    func pollNow() { wake.signal() }

    func stop() {
        stopped.withLock { $0 = true }
        wake.signal()
    }

    private func run() {
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        var made: Syncer?
        while made == nil, !stopped.withLock({ $0 }) {
            do {
                made = try Syncer(
                    settings: settings, logger: logger, now: SystemClock.boardClock,
                    sleep: { [self] wait in _ = self.wake.wait(timeout: .now() + .nanoseconds(Int(wait.nanoseconds))) })
            } catch {
                // The cache's disk may not be mounted yet: try again at the next poll.
                logger.error("content sync cannot start: \(error); playing what is on disk, trying again in \(pollEvery) s")
                _ = wake.wait(timeout: .now() + .seconds(pollEvery))
            }
        }
        guard let syncer = made else { return }
        // A request is taken once: the one the version active at start carries was taken then.
        var lastRequest = syncer.activeManifest?.screenshotRequest
        var failures = 0
        var refusals = 0
        while !stopped.withLock({ $0 }) {
            let outcome = syncer.run()
            let behind = syncer.trustedTime.behindNanoseconds
            healthState.withLock { health in
                health.clockBehindSeconds = behind > 0 ? Double(behind) / 1e9 : nil
                switch outcome {
                case .activated(let version, _), .upToDate(let version, false):
                    health.lastSuccess = SystemClock.boardClock()
                    health.version = version
                default: break
                }
            }
            switch outcome {
            case .activated(let version, _):
                failures = 0
                refusals = 0
                onActivated(version)
                if let request = syncer.activeManifest?.screenshotRequest, request != lastRequest {
                    logger.info("content sync: version \(version) asks for a screenshot (\(request))")
                    onScreenshotRequest(request)
                }
                lastRequest = syncer.activeManifest?.screenshotRequest
            case .upToDate(_, let stale):
                failures = 0
                refusals = 0
                if stale { logger.warning("content sync: \(outcome)") }
            case .refused(.fileMismatch, _), .refused(.unsafeSource, _):
                // A corrupted copy on a mirror would otherwise be fetched whole at every poll.
                refusals += 1
            case .refused:
                failures = 0
            case .failed:
                failures += 1
            }
            if correctClock { SystemClock.correct(by: syncer.trustedTime) }
            let wait =
                refusals > 0
                ? Backoff(base: .seconds(pollEvery), cap: .seconds(6 * 3_600)).delay(
                    attempt: refusals - 1, random: Double.random(in: 0..<1))
                : failures > 0
                    ? min(.seconds(pollEvery), settings.backoff.delay(attempt: failures - 1, random: Double.random(in: 0..<1)))
                    : Duration.seconds(pollEvery)
            _ = wake.wait(timeout: .now() + .nanoseconds(Int(wait.nanoseconds)))
        }
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
