import ArgumentParser
import BangtinContent
import BangtinCore
import BangtinReport
import Foundation

/// `bangtin plays table FOLDER`: the district's per-item, per-day table of proof of play from
/// a folder of uploaded batches (`<board>/plays/*.ndjson`, or `*.ndjson.gz` from boards with
/// `report.gzip`, any depth).
struct PlaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plays", abstract: "Work with uploaded proof of play.", subcommands: [PlaysTableCommand.self])
}

struct PlaysTableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Turn a folder of uploaded batches into a CSV table: plays and seconds per board, day and item.")

    @Argument(help: "The folder the batches were uploaded into (the report URL's root on the server).")
    var folder: String

    @Option(help: "The CSV file to write; without it the table goes to standard output.")
    var out: String?

    @Option(help: "The time zone days are counted in.")
    var timezone: String = "Asia/Ho_Chi_Minh"

    func run() throws {
        guard ContentTimeZone.problem(with: timezone) == nil else {
            throw ValidationError("--timezone: unknown time zone \(timezone)")
        }
        guard let walker = FileManager.default.enumerator(atPath: folder) else {
            throw ValidationError("\(folder): not a folder that can be read")
        }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            if relative.hasSuffix(".ndjson") || relative.hasSuffix(".ndjson.gz") { files.append(relative) }
        }
        var table = PlayTable(zone: timezone)
        var lines = 0
        for relative in files.sorted() {
            let path = folder + "/" + relative
            var bytes = try ContentFile.read(path, kind: .batch)
            if relative.hasSuffix(".gz") {
                do {
                    bytes = try Gzip.decompress(bytes, limit: Limits.reportBatchBytes)
                } catch {
                    warn("\(path): \(error); file skipped")
                    continue
                }
            }
            for (number, line) in String(decoding: bytes, as: UTF8.self).split(separator: "\n").enumerated() {
                do {
                    let (sequence, decoded) = try ReportLine.decode(String(line))
                    table.add(sequence: sequence, line: decoded)
                    lines += 1
                } catch {
                    warn("\(path):\(number + 1): \(error); line skipped")
                }
            }
        }
        if let out {
            try OutputFile.write(Array(table.csv.utf8), to: out)
            print(
                "wrote \(out): \(table.rows.count) rows from \(lines) lines in \(files.count) files\(table.repeats > 0 ? " (\(table.repeats) lines seen twice, counted once)" : "")"
            )
        } else {
            print(table.csv, terminator: "")
        }
    }
}
