import BangtinContent
import BangtinCore
import BangtinNet
import BangtinTrust
import Foundation
import Logging

/// Everything one sync needs to know.
public struct SyncSettings: Sendable {
    /// `http(s)://…` base URL or a folder (a USB stick).
    public var source: String
    /// The bundle this board plays: manifests naming another are refused.
    public var bundle: String
    /// The cache folder.
    public var cache: String
    /// Public keys the board trusts.
    public var trust: TrustStore
    /// How the board talks over its link.
    public var link: LinkOptions
    /// The most bytes the cache may hold.
    public var budgetBytes: Int64
    /// Disk space that must stay free.
    public var minimumFreeBytes: Int64
    /// Tries per file within one sync before giving up until the next poll.
    public var attemptsPerFile: Int
    /// Waits between tries.
    public var backoff: Backoff
    /// Whether a version folder loads on this board (its layouts decode with this board's
    /// fonts): the reason when it does not, checked before it is activated. Nil checks nothing.
    public var checkBundle: (@Sendable (String) -> String?)?

    /// Settings with the defaults: a 2 GB budget, 200 MB kept free, 6 tries per file.
    public init(source: String, bundle: String, cache: String, trust: TrustStore) {
        self.source = source
        self.bundle = bundle
        self.cache = cache
        self.trust = trust
        link = LinkOptions()
        budgetBytes = 2 << 30
        minimumFreeBytes = 200 << 20
        attemptsPerFile = 6
        backoff = Backoff()
        checkBundle = nil
    }

    /// Reads a bearer token file (the board's identity towards its source) through the content
    /// reader: a regular file of bounded size, never a pipe that would hang the sync.
    public static func bearerToken(fromFile path: String) throws(KeyError) -> String {
        do {
            let bytes = try ContentFile.read(path, kind: .configuration)
            return String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw KeyError(file: path, reason: "the bearer token file cannot be read: \(error)")
        }
    }

    /// Whether the source is a URL rather than a folder.
    public var isRemote: Bool { source.hasPrefix("http://") || source.hasPrefix("https://") }
}

/// How a sync ended.
public enum SyncOutcome: Sendable, Equatable, CustomStringConvertible {
    /// The newest trusted version is active (nothing new, or the 304 said so).
    case upToDate(version: Int, stale: Bool)
    /// A new version was fetched and activated.
    case activated(version: Int, previous: Int?)
    /// Refused: the board keeps what it had.
    case refused(SyncRefusal, keeping: Int?)
    /// The link failed; try again at the next poll.
    case failed(String, keeping: Int?)

    public var description: String {
        switch self {
        case .upToDate(let version, let stale):
            return stale
                ? "version \(version) is active but STALE: its manifest has expired and the source offers nothing newer"
                : "up to date: version \(version) is active"
        case .activated(let version, let previous):
            return "activated version \(version)" + (previous.map { " (was \($0))" } ?? "")
        case .refused(let refusal, let keeping):
            return "\(refusal); " + (keeping.map { "keeping version \($0)" } ?? "nothing active yet")
        case .failed(let reason, let keeping):
            return "sync failed: \(reason); " + (keeping.map { "keeping version \($0)" } ?? "nothing active yet")
        }
    }

    /// Whether the cache now holds the newest trusted version.
    public var isSuccess: Bool {
        switch self {
        case .upToDate(_, let stale): return !stale
        case .activated: return true
        default: return false
        }
    }
}

/// Progress of the files of one version, for a progress bar or log lines.
public struct SyncProgress: Sendable {
    /// Bytes of the version still to fetch when the sync began.
    public var totalBytes: Int64
    /// Bytes fetched so far.
    public var doneBytes: Int64
    /// The file being fetched, as its path prints (`PrintableText.escaped`).
    public var file: String
}

/// One sync: fetch the signed manifest, check it, fetch what is missing with resume and retries,
/// activate in one rename. Blocking; run it on its own thread.
public final class Syncer {
    private let settings: SyncSettings
    private let logger: Logger
    private let cache: ContentCache
    private let source: BundleSource
    private let state: SyncStateFile
    private let sleep: (Duration) -> Void
    private let now: () -> Instant

    /// The manifest of the version active in the cache (its signature checked again), or nil.
    public var activeManifest: Manifest? { cache.currentManifest(trust: settings.trust) }

    /// Opens the cache and the source.
    /// - Parameters:
    ///   - now: the board's own clock, never a corrected one (the correction is worked out
    ///     against it).
    ///   - sleep: how backoff waits (tests pass a recorder).
    public init(
        settings: SyncSettings, logger: Logger, now: @escaping () -> Instant,
        sleep: @escaping (Duration) -> Void = { Thread.sleep(forTimeInterval: Double($0.components.seconds)) }
    ) throws(SyncSetupError) {
        self.settings = settings
        self.logger = logger
        self.now = now
        self.sleep = sleep
        do {
            cache = try ContentCache(
                root: settings.cache, budgetBytes: settings.budgetBytes, minimumFreeBytes: settings.minimumFreeBytes)
        } catch {
            throw SyncSetupError(description: error.description)
        }
        state = SyncStateFile(path: settings.cache + "/state.json")
        if settings.isRemote {
            do {
                source = try HTTPSource(base: settings.source, link: settings.link)
            } catch {
                throw SyncSetupError(description: error.description)
            }
        } else {
            source = FolderSource(root: settings.source)
        }
    }

    /// The active bundle folder.
    public var currentPath: String { cache.currentPath }
    /// The active version.
    public var currentVersion: Int? { cache.currentVersion }
    /// Bytes on the wire (or read from a folder) since the syncer was made.
    public var wireBytes: Int64 { source.wireBytes }
    /// What the board knows about the true time.
    public var trustedTime: TrustedTime { state.load().trustedTime }

    /// Runs one sync. Holds the cache's lock for the whole run: a second sync of the same cache
    /// (the player's thread and `bangtin sync` from a USB stick) is told so and changes nothing.
    public func run(progress: (SyncProgress) -> Void = { _ in }) -> SyncOutcome {
        guard let lock = CacheLock(root: cache.root) else {
            return .failed(
                "another sync holds \(cache.root)/lock (the player's sync thread, or a bangtin sync); nothing changed",
                keeping: cache.currentVersion)
        }
        defer { withExtendedLifetime(lock) {} }
        cache.cleanUp()
        let keeping = cache.currentVersion
        let board = now()
        var memory = state.load()
        let current = cache.currentManifest(trust: settings.trust)
        let accepted = cache.acceptedManifest(trust: settings.trust).flatMap { $0.bundle == settings.bundle ? $0 : nil }
        // A 304 is trusted only when the active version is whole and is the one accepted.
        let healthy = keeping != nil && current?.version == keeping && current?.bundle == settings.bundle
        let finished = healthy && accepted?.version == keeping
        let fetched: ManifestFetch
        do {
            fetched = try source.manifest(etag: finished ? memory.etag : nil)
        } catch {
            return outcome(for: error, keeping: keeping)
        }
        let bytes: [UInt8]
        let etag: String?
        switch fetched {
        case .unchanged(let date):
            logger.debug("sync: \(source.description)manifest.json unchanged (304)")
            observe(date: date, board: board, memory: &memory)
            state.save(memory)
            let stale = current.map { $0.isExpired(at: memory.trustedTime.corrected(board)) } ?? false
            return .upToDate(version: keeping ?? 0, stale: stale)
        case .fetched(let fetchedBytes, let fetchedETag, let date):
            bytes = fetchedBytes
            etag = fetchedETag
            let offered: Manifest
            do {
                offered = try settings.trust.manifest(from: bytes)
            } catch {
                logger.error("sync: \(source.description)manifest.json: \(error); kept playing what it had")
                return .refused(error, keeping: keeping)
            }
            var verdict = ManifestPolicy.judge(
                offered, bundle: settings.bundle, accepted: accepted, now: memory.trustedTime.corrected(board))
            if let floor = memory.floor, floor.bundle == settings.bundle, offered.bundle == floor.bundle,
                offered.version < floor.version
            {
                verdict = .refused(.rollback(offered: offered.version, accepted: floor.version))
            }
            if case .refused(let refusal) = verdict {
                // Nothing from a refused manifest is believed, its times included.
                logger.error("sync: \(refusal); kept playing what it had")
                return .refused(refusal, keeping: keeping)
            }
            memory.trustedTime.observeSigned(offered.signedAt, board: board)
            observe(date: date, board: board, memory: &memory)
            if case .current(let stale) = verdict, keeping == offered.version, healthy {
                if offered.expires != accepted?.expires || offered != current {
                    do {
                        try cache.refresh(envelope: bytes, version: offered.version)
                    } catch {
                        return .failed(error.description, keeping: keeping)
                    }
                }
                memory.etag = etag
                state.save(memory)
                if stale {
                    logger.warning(
                        "sync: version \(offered.version) expired at \(ISO8601.format(offered.expires)): content is stale")
                }
                return .upToDate(version: offered.version, stale: stale)
            }
            if memory.floor.map({ $0.bundle != settings.bundle || $0.version < offered.version }) ?? true {
                memory.floor = (settings.bundle, offered.version)
            }
            state.save(memory)
            let result = install(offered, envelope: bytes, keeping: keeping, progress: progress)
            if case .activated = result {
                memory.etag = etag
                state.save(memory)
            }
            return result
        }
    }

    /// Believes a response's `Date` within the signed bounds, and warns of a clock behind.
    private func observe(date: Instant?, board: Instant, memory: inout SyncStateFile.Memory) {
        if let date, !memory.trustedTime.observeDateHeader(date, board: board) {
            logger.warning(
                "sync: the source's Date header \(ISO8601.format(date)) lies over ten minutes past the newest signed time (\(memory.trustedTime.latest.map(ISO8601.format) ?? "none yet")): ignored (an unsigned Date never moves the clock further)"
            )
        }
        if let warning = memory.trustedTime.warning(board: board) { logger.warning("clock: \(warning)") }
    }

    private func install(
        _ manifest: Manifest, envelope: [UInt8], keeping: Int?, progress: (SyncProgress) -> Void
    ) -> SyncOutcome {
        let current = cache.currentManifest(trust: settings.trust)
        do {
            try cache.accept(envelope: envelope)
        } catch {
            return .failed(error.description, keeping: keeping)
        }
        do {
            try cache.checkRoom(for: manifest, keeping: current.map { [$0] } ?? [])
        } catch {
            logger.error("sync: \(error)")
            return .refused(error, keeping: keeping)
        }
        var unique: [String: ManifestFile] = [:]
        for file in manifest.files where !cache.has(file) { unique[file.sha256] = file }
        let missing = unique.values.sorted { $0.path < $1.path }
        var report = SyncProgress(totalBytes: missing.reduce(0) { $0 + $1.size }, doneBytes: 0, file: "")
        // Room first: what no version in use needs goes before the download, not after it.
        let previous = cache.previousVersion(before: keeping)
        cache.evict(
            keepVersions: Set([keeping, previous].compactMap { $0 }), keeping: [manifest] + (current.map { [$0] } ?? []),
            reserve: report.totalBytes)
        logger.info(
            "sync: version \(manifest.version) accepted (signed \(ISO8601.format(manifest.signedAt))); fetching \(missing.count) of \(manifest.files.count) files, \(Bytes.text(report.totalBytes))"
        )
        for file in missing {
            // Shown on a terminal: a manifest's path may hold C1 or bidi controls.
            report.file = PrintableText.escaped(file.path)
            if let failure = fetch(file, report: &report, progress: progress) {
                return outcome(for: failure, keeping: keeping)
            }
        }
        do {
            try cache.activate(manifest, envelope: envelope, trust: settings.trust, check: settings.checkBundle)
        } catch {
            logger.error(
                "sync: activation of version \(manifest.version) failed: \(error); kept version \(keeping.map(String.init) ?? "none")"
            )
            return .failed(error.description, keeping: keeping)
        }
        cache.evict(
            keepVersions: Set([manifest.version] + (keeping.map { [$0] } ?? [])),
            keeping: [manifest] + (current.map { [$0] } ?? []))
        logger.notice("sync: version \(manifest.version) is active at \(cache.currentPath)")
        return .activated(version: manifest.version, previous: keeping)
    }

    /// Fetches one file with retries; nil when it is in the store.
    private func fetch(_ file: ManifestFile, report: inout SyncProgress, progress: (SyncProgress) -> Void) -> SourceFailure? {
        let done = report.doneBytes
        var lastFailure: SourceFailure = .link("no attempt")
        for attempt in 0..<max(settings.attemptsPerFile, 1) {
            if attempt > 0 {
                let wait = settings.backoff.delay(attempt: attempt - 1, random: Double.random(in: 0..<1))
                logger.info(
                    "sync: \(PrintableText.escaped(file.path)): \(lastFailure); retrying in \(wait.components.seconds) s")
                sleep(wait)
            }
            do throws(SourceFailure) {
                let part: PartFile
                do {
                    part = try PartFile(path: cache.part(file.sha256), for: file)
                } catch {
                    throw .link(error.description)
                }
                var current = report
                // All here already (killed before the rename): the hash below decides.
                if part.size < file.size {
                    try source.fetch(into: part) { _ in
                        current.doneBytes = done + part.size
                        progress(current)
                    }
                }
                do {
                    try part.finish()
                } catch {
                    throw .refused(error)
                }
                do {
                    try cache.commit(partOf: file)
                } catch {
                    throw .link(error.description)
                }
                report.doneBytes = done + file.size
                progress(report)
                return nil
            } catch {
                lastFailure = error
                if case .refused(.fileMismatch(_, let reason)) = error, reason.hasPrefix("has ") { continue }
                if case .refused = error { return error }
            }
        }
        return lastFailure
    }

    private func outcome(for failure: SourceFailure, keeping: Int?) -> SyncOutcome {
        switch failure {
        case .link(let message):
            logger.warning("sync: \(message); kept playing version \(keeping.map(String.init) ?? "none")")
            return .failed(message, keeping: keeping)
        case .refused(let refusal):
            logger.error("sync: \(refusal); kept playing version \(keeping.map(String.init) ?? "none")")
            return .refused(refusal, keeping: keeping)
        }
    }
}

/// The syncer could not start (an unusable cache folder or link setting).
public struct SyncSetupError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
