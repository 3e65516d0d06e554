import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinSync
import BangtinTrust
import Foundation

/// `bangtin alert sign|check|publish`
struct AlertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert", abstract: "Sign emergency warnings, check what a board would show, publish them over MQTT.",
        subcommands: [AlertSignCommand.self, AlertCheckCommand.self, AlertPublishCommand.self])
}

/// `bangtin alert sign FILE --key NAME --out ENVELOPE`
struct AlertSignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign", abstract: "Sign a CAP 1.2 or JSON warning into the envelope boards accept.")

    @Argument(help: "The warning: a CAP 1.2 XML file or a JSON alert (docs/alerts.md).")
    var file: String

    @Option(name: .long, help: "The private key file made by `bangtin keygen`.")
    var key: String

    @Option(name: .long, help: "The envelope to write.")
    var out: String

    func run() throws {
        do {
            let document = try readInput(file)
            let envelope = try SignedWarnings.sign(document, key: try KeyFiles.loadPrivate(key))
            try OutputFile.write(envelope.encoded(), to: out)
            print("signed \(file) into \(out) (\(envelope.payloadType), key id \(envelope.signatures[0].keyID))")
        } catch {
            FileHandle.standardError.write(Data("\(file): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// `bangtin alert check FILE|ENVELOPE [--trust NAME.pub]`
struct AlertCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Print what a board would show for a warning; exit 1 with the reason if it is invalid or untrusted.",
        discussion: "Without --trust, the document (or an envelope's payload) is checked without its signature.")

    @Argument(help: "A signed envelope, or a bare CAP or JSON warning (only without --trust).")
    var file: String

    @Option(name: .long, help: "A warning key (NAME.pub, with its scope line) to trust; repeat for several.")
    var trust: [String] = []

    @Option(name: .long, help: "Judge freshness at this instant instead of now (2026-11-24T08:00:00+07:00).")
    var at: String?

    func run() throws {
        let printed = PrintableText.escaped(file)
        do {
            let warningTrust = trust.isEmpty ? nil : try WarningTrust(files: trust)
            let opened = try SignedWarnings.open(try readInput(file), trust: warningTrust)
            print(WarningSummary.lines(opened.message, signedBy: opened.signedBy).joined(separator: "\n"))
            guard let signer = opened.signer else { return }
            // Inside the scope, and fresh: a board would take it (where it stands decides the rest).
            let now = try InstantArgument.parse(at, zone: Layout.defaultTimeZone)
            let message = opened.message
            let inScope = WarningAuthority.judge(message, signer: signer, board: BoardArea(), now: message.sent)
            switch inScope {
            case .success: print("scope: inside the key's scope")
            case .failure(let refusal): print("scope: OUTSIDE: \(refusal)")
            }
            let fresh = WarningAuthority.judge(message, signer: signer, board: BoardArea(), now: now)
            switch (inScope, fresh) {
            case (.success, .failure(let refusal)): print("fresh at \(ISO8601.format(now)): NO: \(refusal)")
            case (_, .success): print("fresh at \(ISO8601.format(now)): yes")
            default: break
            }
            if case .failure = fresh { throw ExitCode(1) }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            FileHandle.standardError.write(Data("\(printed): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// Reads a warning or envelope file through the content reader (regular file, bounded size).
private func readInput(_ path: String) throws -> [UInt8] {
    try ContentFile.read(path, kind: .manifest)
}

/// What `alert check` prints.
enum WarningSummary {
    static func lines(_ message: WarningMessage, signedBy: TrustedKey?) -> [String] {
        var lines = [
            "identifier: \(message.identifier)",
            "sender: \(message.sender)",
            "sent: \(ISO8601.format(message.sent))",
            "status: \(message.status.rawValue)",
            "type: \(message.kind.rawValue)"
                + (message.references.isEmpty
                    ? ""
                    : " (refers to \(message.references.map { "\($0.sender),\($0.identifier),\($0.sent.map(ISO8601.format) ?? "no sent")" }.joined(separator: " ")))"),
            "signature: "
                + (signedBy.map { "valid, by key \($0.id) (\($0.name)), the key that verified" } ?? "not checked"),
        ]
        if let key = signedBy { lines.append("key scope: \(key.scope?.text ?? "none")") }
        guard let info = message.displayInfo else {
            lines.append("no info block: nothing to show")
            return lines
        }
        lines += [
            "language: \(info.language)",
            "level: \(info.level.value) (\(info.riskLevel == nil ? "from severity \(info.severity.rawValue)" : "given"))",
            "headline: \(info.headline)",
            "effective: \(ISO8601.format(info.effective ?? message.sent))",
            "expires: \(info.expires.map(ISO8601.format) ?? "until cancelled")",
        ]
        for area in info.areas {
            var parts: [String] = []
            if !area.codes.isEmpty { parts.append("codes \(area.codes.joined(separator: ", "))") }
            if !area.polygons.isEmpty { parts.append("\(area.polygons.count) polygon(s)") }
            if !area.circles.isEmpty { parts.append("\(area.circles.count) circle(s)") }
            lines.append("area: \(area.description)" + (parts.isEmpty ? "" : " [\(parts.joined(separator: "; "))]"))
        }
        // Every line is text from the document: nothing in it may forge another line.
        return lines.map { line in
            let colon = line.firstIndex(of: ":")!
            return String(line[...colon]) + PrintableText.escaped(String(line[line.index(after: colon)...]), limit: 2_000)
        }
    }
}

/// Warnings named on a command line for a preview (`render --alert`).
/// `--alert FILE` (repeatable) for `render` and `preview`: how warnings look on the board.
struct WarningPreviewOptions: ParsableArguments {
    @Option(
        name: .long,
        help:
            "A warning to show over the content (CAP or JSON, bare or a signed envelope; repeatable). Its signature, area and times are not checked: a preview."
    )
    var alert: [String] = []

    /// The warnings as boards would show them.
    func alerts() throws -> [Alert] { try WarningFiles.previews(alert) }
}

enum WarningFiles {
    /// The alerts as boards would show them; a file that is not a warning fails the command.
    static func previews(_ paths: [String]) throws -> [Alert] {
        try paths.map { path in
            do {
                let opened = try SignedWarnings.open(try readInput(path), trust: nil)
                guard let alert = AlertActivity.preview(opened.message) else {
                    throw ValidationError("\(path): the warning has no info block: nothing to show")
                }
                return alert
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("--alert \(path): \(error)")
            }
        }
    }
}
