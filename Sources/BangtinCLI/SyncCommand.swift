import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinNet
import BangtinPlayer
import BangtinRender
import BangtinSync
import BangtinTrust
import Foundation
import Logging

/// `bangtin sync --source URL|DIR --cache DIR --trust NAME.pub`
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Fetch the newest signed bundle from a URL or a folder (USB stick) into the cache and activate it.",
        discussion: "Exit status 0 when the cache holds the newest trusted version, 1 with the reason when not.")

    @OptionGroup var link: SyncOptions

    @Flag(name: .long, help: "Only verify <cache>/current fully (signature, every size and hash) and print its version.")
    var verify = false

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error, critical (default info).")
    var logLevel: Logger.Level = .info

    func run() throws {
        var logger = Logger(label: "bangtin")
        logger.logLevel = logLevel
        var settings = try link.settings()
        // A version is activated only if it loads with the fonts this board plays with.
        if let fonts = FontLibrary.locateBundled(), let catalog = try? FontLibrary(directory: fonts).catalog {
            settings.checkBundle = { BundleFolder.problem(loading: $0, fonts: catalog) }
        }
        if verify {
            do {
                let manifest = try CacheCheck.verify(settings.cache + "/current", trust: settings.trust)
                print("ok: \(settings.cache)/current is version \(manifest.version), \(manifest.files.count) files verified")
                return
            } catch {
                FileHandle.standardError.write(Data("\(settings.cache)/current: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        let syncer: Syncer
        do {
            syncer = try Syncer(settings: settings, logger: logger, now: SystemClock.now)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        let bar = ProgressLine(toTerminal: isatty(STDERR_FILENO) == 1)
        let outcome = syncer.run { bar.update(done: $0.doneBytes, total: $0.totalBytes, file: $0.file) }
        bar.finish()
        print("\(outcome) (\(syncer.wireBytes) bytes transferred)")
        if !outcome.isSuccess { throw ExitCode(1) }
    }
}

/// Link and cache options shared by `sync` (and the player's configuration keys of the same names).
struct SyncOptions: ParsableArguments {
    @Option(name: .long, help: "http(s):// base URL of the published bundle, or its folder (a mounted USB stick).")
    var source: String

    @Option(name: .long, help: "The bundle this board plays (as `pack --bundle` named it); others are refused.")
    var bundle: String

    @Option(name: .long, help: "The cache folder; the active bundle is <cache>/current.")
    var cache: String

    @Option(name: .long, help: "A public key (NAME.pub) to trust; repeat for several.")
    var trust: [String]

    @Option(name: .long, help: "Most megabytes the cache may hold (default 2048).")
    var budgetMb: Int = 2048

    @Option(name: .long, help: "Megabytes that must stay free on the disk (default 200).")
    var minFreeMb: Int = 200

    @Option(name: .long, help: "Bandwidth cap in kilobytes a second.")
    var maxRateKb: Int?

    @Option(name: .long, help: "HTTP proxy, e.g. http://10.0.0.1:3128.")
    var proxy: String?

    @Option(name: .long, help: "A private CA bundle (PEM) to verify the source's TLS certificate with.")
    var caBundle: String?

    @Option(name: .long, help: "Client certificate (PEM) for the board's identity.")
    var clientCert: String?

    @Option(name: .long, help: "Client key (PEM) for --client-cert.")
    var clientKey: String?

    @Option(name: .long, help: "File holding a bearer token for the board's identity.")
    var tokenFile: String?

    @Option(name: .long, help: "Seconds below 100 bytes a second before a transfer is dropped and retried (default 30).")
    var lowSpeedSeconds: Int = 30

    func validate() throws {
        if let problem = BundleName.problem(with: bundle, at: "--bundle") { throw ValidationError(problem.description) }
        guard (1...1_000_000).contains(budgetMb) else { throw ValidationError("--budget-mb must be 1 to 1000000") }
        guard (0...1_000_000).contains(minFreeMb) else { throw ValidationError("--min-free-mb must be 0 to 1000000") }
        guard (1...3600).contains(lowSpeedSeconds) else { throw ValidationError("--low-speed-seconds must be 1 to 3600") }
        if let maxRateKb, !(1...1_000_000).contains(maxRateKb) {
            throw ValidationError("--max-rate-kb must be 1 to 1000000")
        }
        guard !trust.isEmpty else { throw ValidationError("name at least one --trust NAME.pub") }
    }

    func settings() throws -> SyncSettings {
        let store: TrustStore
        do {
            store = try TrustStore(files: trust)
        } catch {
            throw ValidationError("\(error)")
        }
        var settings = SyncSettings(source: source, bundle: bundle, cache: cache, trust: store)
        settings.budgetBytes = Int64(budgetMb) << 20
        settings.minimumFreeBytes = Int64(minFreeMb) << 20
        settings.link.maxBytesPerSecond = maxRateKb.map { $0 * 1024 }
        settings.link.proxy = proxy
        settings.link.caBundle = caBundle
        settings.link.clientCertificate = clientCert
        settings.link.clientKey = clientKey
        settings.link.lowSpeedSeconds = lowSpeedSeconds
        if let tokenFile {
            do {
                settings.link.bearerToken = try SyncSettings.bearerToken(fromFile: tokenFile)
            } catch {
                throw ValidationError("--token-file: \(error)")
            }
        }
        return settings
    }
}
