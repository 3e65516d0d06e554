import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinReport
import Foundation

/// `bangtin status [--config FILE] [--json]`: the local board's state for a technician on
/// site, from what the running player writes beside its record store.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what this board plays, its last sync, the record queue, active alerts, recent errors and disk.")

    @Option(help: "The player's configuration file.")
    var config: String = "/etc/bangtin/player.json"

    @Flag(help: "Print JSON for scripts instead of text.")
    var json = false

    func run() throws {
        let settings: PlayerConfig
        do {
            settings = try PlayerConfigFile.load(config)
        } catch {
            throw ValidationError("\(error)")
        }
        for warning in SecretFiles.warnings(for: settings, configPath: config) {
            FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
        }
        guard settings.report.isConfigured, let folder = settings.report.store else {
            throw ValidationError("\(config) has no \"report\" section: the player keeps no status to read")
        }
        let statusPath = folder + "/status.json"
        let document = try? ContentFile.read(statusPath, kind: .configuration)
        let written = (try? FileManager.default.attributesOfItem(atPath: statusPath)[.modificationDate]) as? Date
        let backlog = try? PlayStore.readBacklog(folder: folder)
        if json {
            var text = "{\n  \"statusFile\": \(JSONText.quoted(statusPath)),\n"
            text += "  \"statusAgeSeconds\": \(written.map { String(Int(-$0.timeIntervalSinceNow)) } ?? "null"),\n"
            text +=
                "  \"queue\": "
                + (backlog.map {
                    "{\"records\": \($0.lines), \"bytes\": \($0.bytes), \"pendingBatches\": \($0.pendingBatches), \"inProgress\": \($0.inProgress)}"
                } ?? "null") + ",\n"
            text +=
                "  \"status\": "
                + (document.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) } ?? "null")
                + "\n}"
            print(text)
            return
        }
        print(
            StatusText.render(
                document: document, age: written.map { -$0.timeIntervalSinceNow }, backlog: backlog, path: statusPath))
    }
}

/// The status document as lines a technician reads in a terminal.
enum StatusText {
    static func render(document: [UInt8]?, age: Double?, backlog: Backlog?, path: String) -> String {
        var lines: [String] = []
        guard let document, let root = try? JSONParser.parse(document), case .object(let top) = root.value else {
            lines.append("no status yet at \(path): is the player running with this configuration?")
            if let backlog { lines.append("record queue: \(backlog.lines) records (\(backlog.bytes) bytes) waiting") }
            return lines.joined(separator: "\n")
        }
        func member(_ object: [(key: String, value: JSONNode)], _ key: String) -> JSONNode.Value? {
            object.first { $0.key == key }?.value.value
        }
        func text(_ value: JSONNode.Value?) -> String {
            switch value {
            // Errors quote servers and brokers: nothing in the file repaints the terminal.
            case .string(let text): return PrintableText.escaped(text, limit: 500)
            case .number(let number): return number == number.rounded() ? String(Int64(number)) : String(number)
            case .bool(let flag): return flag ? "yes" : "no"
            case .null, nil: return "—"
            default: return "…"
            }
        }
        func object(_ key: String) -> [(key: String, value: JSONNode)] {
            if case .object(let members)? = member(top, key) { return members }
            return []
        }
        lines.append("board \(text(member(top, "board"))) · \(text(member(top, "software")))")
        if let age { lines.append("status written \(Int(age)) s ago\(age > 600 ? " (old: is the player running?)" : "")") }
        let showing = object("showing")
        lines.append("showing: \(showing.isEmpty ? "nothing (dark)" : text(member(showing, "why")))")
        lines.append("bundle version: \(text(member(top, "bundleVersion")))")
        if case .string(let problem)? = member(top, "contentProblem") {
            lines.append("content problem: \(PrintableText.escaped(problem, limit: 2_000))")
        }
        if case .array(let alerts)? = member(top, "alerts") {
            lines.append("active alerts: \(alerts.isEmpty ? "none" : alerts.map { text($0.value) }.joined(separator: ", "))")
        }
        let sync = object("sync")
        lines.append("last sync: \(text(member(sync, "lastSuccess"))) (version \(text(member(sync, "version"))))")
        let clock = object("clock")
        var clockLine = "clock: \(text(member(clock, "now"))) \(text(member(clock, "timeZone")))"
        if case .bool(true)? = member(clock, "looksWrong") {
            clockLine += " — LOOKS WRONG: \(text(member(clock, "behindTrustedSeconds"))) s behind the source's time"
        }
        lines.append(clockLine)
        let queue = backlog.map { "\($0.lines) records (\($0.bytes) bytes), \($0.pendingBatches) batch pending" }
        let oldest = text(member(object("backlog"), "oldest"))
        lines.append(
            "record queue: \(queue ?? text(member(object("backlog"), "records")) + " records")\(oldest == "—" ? "" : ", oldest \(oldest)")"
        )
        lines.append("last upload: \(text(member(object("backlog"), "lastUpload")))")
        let disk = object("disk")
        lines.append("disk: cache \(megabytes(member(disk, "cacheBytes"))), free \(megabytes(member(disk, "freeBytes")))")
        let frames = object("frames")
        lines.append(
            "frames: p50 \(text(member(frames, "p50Ms"))) ms, p99 \(text(member(frames, "p99Ms"))) ms, max \(text(member(frames, "maxMs"))) ms, \(text(member(frames, "late"))) late"
        )
        if case .array(let errors)? = member(top, "recentErrors"), !errors.isEmpty {
            lines.append("recent errors:")
            for error in errors {
                if case .object(let fields) = error.value {
                    lines.append("  \(text(member(fields, "at")))  \(text(member(fields, "message")))")
                }
            }
        } else {
            lines.append("recent errors: none")
        }
        return lines.joined(separator: "\n")
    }

    private static func megabytes(_ value: JSONNode.Value?) -> String {
        guard case .number(let bytes)? = value else { return "—" }
        return String(format: "%.1f MB", bytes / 1_048_576)
    }
}
