import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinNet
import BangtinPlayer
import BangtinTrust
import Foundation

/// `bangtin alert publish ENVELOPE --mqtt URL [--topic T ...] [--username U --password-file FILE]`
struct AlertPublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish a signed warning to an MQTT broker, retained per area until it expires.",
        discussion: """
            The envelope goes to bangtin/<code>/alerts/<id> for each province (2-digit) and commune (5-digit) \
            code of its areas, retained with an MQTT 5 message expiry at the warning's expiry, so a board that \
            connects late still gets it and the broker forgets it by itself. An Update or a Cancel goes to the \
            topics of the warning it names first, its own areas' and wherever that warning is retained, replacing \
            it; with no expiry of its own it is kept as long as the warning had left (a Cancel: a day when the \
            warning had no expiry). The signature is not checked here: boards check it.
            """)

    @Argument(help: "The signed envelope (`bangtin alert sign`).")
    var envelope: String

    @Option(name: .long, help: "The broker: mqtt://host[:port] or mqtts://host[:port].")
    var mqtt: String

    @Option(name: .long, help: "A base topic (bangtin/56/alerts) instead of the warning's area codes; repeatable.")
    var topic: [String] = []

    @Option(name: .long, help: "Seconds the broker keeps it, instead of until the warning expires.")
    var expiresIn: UInt32?

    @Option(name: .long, help: "User name for the broker.")
    var username: String?

    @Option(
        name: .long,
        help: "A file whose first line is the broker's password (mode 600); else $\(Self.passwordVariable) is used.")
    var passwordFile: String?

    /// Refused with the reason: a password in the arguments shows in `ps` to every user.
    @Option(name: .long, help: .hidden)
    var password: String?

    @Option(name: .long, help: "A CA bundle (PEM) the broker's certificate must chain to (implies TLS).")
    var caFile: String?

    @Option(name: .long, help: "The MQTT client id (default: bangtin-publish-<process id>).")
    var clientID: String?

    /// The environment variable holding the broker's password when no file is given.
    static let passwordVariable = "BANGTIN_MQTT_PASSWORD"

    func validate() throws {
        if password != nil {
            throw ValidationError(
                "--password is not taken: a password on the command line shows in `ps` to every user of the machine; put it in a file only you can read and give --password-file FILE, or set \(Self.passwordVariable)"
            )
        }
    }

    func run() throws {
        do {
            let bytes = try ContentFile.read(envelope, kind: .manifest)
            guard let signed = try? SignedEnvelope.decode(bytes) else {
                throw ValidationError("not a signed envelope (boards take no other): sign it with `bangtin alert sign`")
            }
            if signed.payloadType == WarningKeyList.payloadType {
                try publishKeyList(signed, bytes: bytes)
                return
            }
            // Opened without trust only to read the identifier, the area codes and the expiry.
            let message = try SignedWarnings.open(bytes, trust: nil).message
            let options = try brokerOptions()
            // An Update or a Cancel replaces the warning wherever it is retained.
            let replacing =
                topic.isEmpty && (message.kind == .update || message.kind == .cancel)
                ? try RetainedCopies.find(options, id: WarningPublication.subtopic(for: message)) : []
            let plan = try WarningPublication.plan(
                message, at: SystemClock.now(), areaTopics: topic, expiresIn: expiresIn, replacing: replacing)
            let publisher = try MQTTPublisher(options: options, timeoutSeconds: 30)
            defer { publisher.disconnect() }
            for topic in plan.topics {
                try publisher.publish(
                    topic: topic, payload: bytes, qos: 1, retain: true, expirySeconds: plan.expirySeconds, timeoutSeconds: 30)
                let kept = plan.expirySeconds.map { "expires in \($0) s" } ?? "kept until replaced"
                print("published \(message.kind.rawValue) \(message.identifier) to \(topic) (retained, \(kept))")
            }
        } catch let error as ValidationError {
            FileHandle.standardError.write(Data("\(envelope): \(error.message)\n".utf8))
            throw ExitCode(1)
        } catch {
            FileHandle.standardError.write(Data("\(envelope): \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

extension AlertPublishCommand {
    fileprivate func brokerOptions() throws -> MQTTOptions {
        var options = try MQTTOptions(url: mqtt, clientID: clientID ?? "bangtin-publish-\(getpid())")
        options.cleanSession = true
        options.version = .v5
        options.username = username
        options.password = try BrokerPassword.read(
            file: passwordFile, environment: ProcessInfo.processInfo.environment, variable: Self.passwordVariable)
        if let caFile {
            options.caFile = caFile
            options.tls = true
        }
        return options
    }

    /// A key list goes retained, with no expiry, to `bangtin/<code>/alerts/keys` for every area
    /// code its keys name (or to the `--topic`s given), where boards subscribed to their
    /// province's and commune's `…/alerts/#` get it at once.
    fileprivate func publishKeyList(_ envelope: SignedEnvelope, bytes: [UInt8]) throws {
        let (decoded, problems) = WarningKeyList.decode(envelope.payload)
        guard let list = decoded else {
            throw ValidationError("not a key list: " + problems.prefix(3).map(\.description).joined(separator: "; "))
        }
        var topics = topic
        if topics.isEmpty {
            for code in list.keys.flatMap(\.scope.areas) where code != WarningScope.country {
                let name = "bangtin/\(code)/alerts/keys"
                if !topics.contains(name) { topics.append(name) }
            }
        }
        guard !topics.isEmpty else {
            throw ValidationError(
                "the key list names no area to choose a topic from: give --topic bangtin/<province>/alerts/keys")
        }
        let publisher = try MQTTPublisher(options: try brokerOptions(), timeoutSeconds: 30)
        defer { publisher.disconnect() }
        for topic in topics {
            try publisher.publish(topic: topic, payload: bytes, qos: 1, retain: true, expirySeconds: nil, timeoutSeconds: 30)
            print("published key list version \(list.version) to \(topic) (retained, kept until replaced)")
        }
    }
}

/// Where `alert publish` takes the broker's password from: never the command line.
enum BrokerPassword {
    /// The first line of `file` (its line break dropped), else the environment's `variable`,
    /// else nil. A file its group or others can open is used, with `SecretFiles`' warning on
    /// standard error.
    /// - Throws: `ValidationError` naming the file when it cannot be read or is empty.
    static func read(file: String?, environment: [String: String], variable: String) throws -> String? {
        guard let file else { return environment[variable].flatMap { $0.isEmpty ? nil : $0 } }
        let bytes: [UInt8]
        do {
            bytes = try ContentFile.read(file, kind: .configuration)
        } catch {
            throw ValidationError("--password-file: \(error)")
        }
        if let warning = SecretFiles.warning(path: file, holds: "the MQTT password") {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        var line = Substring(String(decoding: bytes, as: UTF8.self)).prefix { $0 != "\n" && $0 != "\r\n" }
        if line.hasSuffix("\r") { line = line.dropLast() }
        guard !line.isEmpty else { throw ValidationError("--password-file: \(file) holds no password on its first line") }
        return String(line)
    }
}
