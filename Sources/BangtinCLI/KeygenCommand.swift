import ArgumentParser
import BangtinSync
import Foundation

/// `bangtin keygen --out NAME`
struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing bundles and alerts: NAME (private, mode 0600) and NAME.pub.")

    @Option(name: .long, help: "Path of the private key; the public key goes to NAME.pub.")
    var out: String

    func run() throws {
        do {
            let key = try KeyFiles.generate(at: out)
            print("wrote \(out) (private, keep it off the boards) and \(out).pub (key id \(key.publicKey.id))")
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
