import ArgumentParser
import BangtinCore
import BangtinSync
import Foundation

/// `bangtin keygen --out NAME`
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing bundles and alerts: NAME (private, mode 0600) and NAME.pub.")

    @Option(name: .long, help: "Path of the private key; the public key goes to NAME.pub.")
    var out: String

    @Option(
        name: .long,
        help: "Make a warning key that may sign for this sender (pctt@khanhhoa.gov.vn, or *@khanhhoa.gov.vn); repeatable.")
    var sender: [String] = []

    @Option(
        name: .long,
        help: "The area a warning key may warn: a 2-digit province, a 5-digit commune code, or VN; repeatable.")
    var area: [String] = []

    @Flag(name: .long, help: "The warning key may sign key lists granting keys within its own scope (a province's root key).")
    var certifies = false

    func validate() throws {
        guard sender.isEmpty == area.isEmpty else {
            throw ValidationError("a warning key needs both --sender and --area (a content key neither)")
        }
        if certifies, sender.isEmpty { throw ValidationError("--certifies needs --sender and --area") }
        if !sender.isEmpty, let problem = WarningScope(senders: sender, areas: area).problem(path: "scope") {
            throw ValidationError(problem.message)
        }
    }

    func run() throws {
        do {
            let scope = sender.isEmpty ? nil : WarningScope(senders: sender, areas: area, certifies: certifies)
            let key = try KeyFiles.generate(at: out, scope: scope)
            print("wrote \(out) (private, keep it off the boards) and \(out).pub (key id \(key.publicKey.id))")
            if let scope { print("a warning key: \(scope.text)") }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
