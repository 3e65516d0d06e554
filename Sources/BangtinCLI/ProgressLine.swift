import BangtinPlayer
import Foundation

/// Progress of a long job on standard error: a bar redrawn in place on a terminal (amount done,
/// rate, time left), or a plain line every 10 % otherwise (logs, CI).
final class ProgressLine {
    /// What is counted.
    enum Unit {
        case bytes
        case frames
    }

    private let toTerminal: Bool
    private let unit: Unit
    /// Nothing is shown before this many nanoseconds: a job that ends sooner stays quiet.
    private let quietFor: Int64
    private let start = SystemClock.monotonic()
    private var lastDraw: Int64 = 0
    private var lastTenth = -1
    private var drawn = false

    init(toTerminal: Bool, unit: Unit = .bytes, quietForSeconds: Double = 0) {
        self.toTerminal = toTerminal
        self.unit = unit
        quietFor = Int64(quietForSeconds * 1e9)
    }

    func update(done: Int64, total: Int64, file: String) {
        guard total > 0 else { return }
        let now = SystemClock.monotonic()
        guard now - start >= quietFor else { return }
        let elapsed = Double(now - start) / 1e9
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let left = rate > 0 ? Double(total - done) / rate : 0
        let fraction = min(max(Double(done) / Double(total), 0), 1)
        if toTerminal {
            guard now - lastDraw > 100_000_000 || done == total else { return }
            lastDraw = now
            let filled = Int(fraction * 30)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
            let line = "\r\(bar) \(amount(done, of: total, " / "))  \(rateText(rate))  \(Self.duration(left)) left  "
            FileHandle.standardError.write(Data(line.utf8))
            drawn = true
        } else {
            let tenth = Int(fraction * 10)
            guard tenth > lastTenth else { return }
            lastTenth = tenth
            let line =
                "progress: \(Int(fraction * 100)) %, \(amount(done, of: total, " of ")), \(rateText(rate)), \(Self.duration(left)) left (\(file))\n"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// "1.2 MB of 4.0 MB", "180 of 300 frames".
    private func amount(_ done: Int64, of total: Int64, _ joint: String) -> String {
        unit == .bytes ? Self.bytes(done) + joint + Self.bytes(total) : "\(done)\(joint)\(total) frames"
    }

    private func rateText(_ rate: Double) -> String {
        unit == .bytes ? Self.bytes(Int64(rate)) + "/s" : String(format: "%.1f frames/s", rate)
    }

    func finish() {
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    static func bytes(_ count: Int64) -> String {
        if count >= 1 << 20 { return String(format: "%.1f MB", Double(count) / Double(1 << 20)) }
        if count >= 1 << 10 { return String(format: "%.0f KB", Double(count) / Double(1 << 10)) }
        return "\(count) B"
    }

    static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        if whole >= 3600 { return "\(whole / 3600) h \(whole % 3600 / 60) min" }
        if whole >= 60 { return "\(whole / 60) min \(whole % 60) s" }
        return "\(whole) s"
    }
}
