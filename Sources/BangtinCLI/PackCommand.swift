import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinPlayer
import BangtinSync
import BangtinTrust
import Foundation

/// `bangtin pack <bundle> --key NAME --version N --out DIR`
struct PackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pack",
        abstract: "Sign a bundle for publishing: DIR/manifest.json and DIR/files/<sha256>, served as is or copied to a USB stick."
    )

    @Argument(help: "The bundle folder (schedule.json, layouts, pictures).")
    var bundle: String

    @Option(name: .long, help: "The private key file made by `bangtin keygen`.")
    var key: String

    @Option(
        name: .customLong("bundle"),
        help:
            "The bundle's name, which its boards are configured with: 1–64 letters A–Z a–z, digits, '.', '_', '-', not starting with '.' or '-'."
    )
    var bundleName: String

    @Option(name: .long, help: "The version number: larger than every version published before.")
    var version: Int

    @Option(name: .long, help: "The folder to write (made if missing; files already there are kept).")
    var out: String

    @Option(name: .long, help: "Days until the manifest expires and boards report their content stale (default 30).")
    var expiresIn: Int = 30

    @Option(
        name: .customLong("screenshot"),
        help: "Ask the boards that take this version for one screenshot: a request id, new for each request.")
    var screenshotRequest: String?

    @OptionGroup var options: ContentOptions

    func validate() throws {
        if let problem = BundleName.problem(with: bundleName, at: "--bundle") { throw ValidationError(problem.description) }
        guard (1...3650).contains(expiresIn) else { throw ValidationError("--expires-in must be 1 to 3650 days") }
        guard (1...Limits.manifestVersion).contains(version) else {
            throw ValidationError("--version must be 1 to \(Limits.manifestVersion)")
        }
    }

    func run() throws {
        let fonts = try options.fontLibrary()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: bundle, isDirectory: &isFolder), isFolder.boolValue else {
            throw fail("\(bundle): pack takes a bundle folder (with schedule.json)")
        }
        let loaded: ContentBundle
        switch BundleCheck.check(bundle, fonts: fonts) {
        case .success(let ok): loaded = ok
        case .failure(let problems):
            throw fail((problems.lines + ["pack refused: the bundle does not validate"]).joined(separator: "\n"))
        }
        let signingKey: SigningKey
        do {
            signingKey = try KeyFiles.loadPrivate(key)
        } catch {
            throw fail("\(error)")
        }
        let now = SystemClock.now()
        // Every file the content reads must lie inside the folder; every file of the folder but
        // hidden ones is published (a picture a later edit names is then already on the boards).
        let root = URL(fileURLWithPath: bundle).standardizedFileURL.path
        for input in BundleFolder.inputFiles(of: loaded, at: bundle) where input != bundle {
            let real = URL(fileURLWithPath: input).resolvingSymlinksInPath().standardizedFileURL.path
            let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
            guard real.hasPrefix(realRoot + "/") else {
                throw fail("pack refused: \(input) lies outside the bundle folder \(bundle); copy it into the bundle")
            }
        }
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .map { root + "/" + $0 }
            .filter { !FileManager.default.isFolder($0) }
        do {
            let summary = try Packer.pack(
                root: bundle, bundle: bundleName, files: files, key: signingKey, version: version, signedAt: now,
                expires: now.advanced(byNanoseconds: Int64(expiresIn) * 86_400 * 1_000_000_000), out: out,
                screenshotRequest: screenshotRequest)
            print(
                "packed \(bundle) as version \(version): \(summary.manifest.files.count) files, \(summary.manifest.totalBytes) bytes (\(summary.copiedFiles) new), signed by key \(summary.keyID), expires \(ISO8601.format(summary.manifest.expires))"
            )
            print("publish \(out)/ as is: manifest.json and files/")
        } catch {
            throw fail("pack refused: \(error)")
        }
    }

    private func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        return ExitCode(1)
    }
}

extension FileManager {
    fileprivate func isFolder(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }
}
