import BangtinCore
import BangtinNet
import BangtinRender
import BangtinTestSupport
import Foundation
import Synchronization
import Testing

/// Unsigned input against a live board: `bangtin play` under Xvfb subscribed to a real
/// mosquitto. A 200 MB message on the alerts topic costs the board no memory and does not stop
/// a genuine warning after it; a flood of screenshot requests gives one screenshot per 10 s.
@Suite(.serialized) struct PlayAlertFloodTests {
    /// The peak and current resident memory of `pid` (VmHWM, VmRSS), in bytes.
    static func memory(_ pid: pid_t) -> (peak: Int, resident: Int)? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func field(_ name: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
            return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
        }
        guard let peak = field("VmHWM"), let resident = field("VmRSS") else { return nil }
        return (peak, resident)
    }

    /// A board of Khánh Hòa subscribed to `broker`, trusting `tinh.pub` in `folder`; `report`
    /// adds a report URL (screenshots only on request).
    static func start(
        _ x: XServer, broker: Mosquitto, folder: URL, report: String? = nil
    ) throws -> RunningProgram {
        let path = { (name: String) in folder.path + "/" + name }
        #expect(
            try Program.run(["keygen", "--out", path("tinh"), "--sender", "pctt@khanhhoa.gov.vn", "--area", "56"]).status == 0)
        let reportKey = report.map { #", "report": {"url": "\#($0)", "every": 60, "screenshotEvery": 0, "screenshotWidth": 96}"# }
        try """
        {"board": "cho-tan-phu", "content": "\(Fixtures.layoutsDirectory)/market-p10-384x192/layout.json",
         "cache": "cache", "area": {"province": "56", "commune": "22333"},
         "alerts": {"mqtt": {"url": "\(broker.url)"}, "trust": ["tinh.pub"]}, "window": {"mode": "borderless"}, "renderer": "software"\(reportKey ?? "")}
        """.write(toFile: path("config.json"), atomically: true, encoding: .utf8)
        let program = try RunningProgram(["play", "--config", path("config.json")], environment: ["DISPLAY": x.display])
        #expect(program.wait(seconds: 30) { program.stdout.contains("ready: first frame shown") }, "\(program.stderr)")
        #expect(program.wait(seconds: 10) { program.stderr.contains("connected") }, "\(program.stderr)")
        return program
    }

    /// 200 MB published on the alerts topic, then again retained, then a genuine signed warning:
    /// the board's peak resident memory stays under 150 MB and the warning shows.
    @Test func aTwoHundredMegabyteMessageCostsTheBoardNothing() throws {
        let x = try XServer()
        let broker = try Mosquitto()
        defer { broker.stop() }
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = try Self.start(x, broker: broker, folder: folder)
        defer { program.signal(SIGTERM) }
        let pid = program.process.pid
        let before = try #require(Self.memory(pid))
        // Sampled every 20 ms while the messages go by (VmHWM catches what falls between).
        let sampled = Mutex((peak: before.peak, resident: before.resident, done: false))
        let sampler = Thread {
            while !sampled.withLock({ $0.done }) {
                if let now = Self.memory(pid) {
                    sampled.withLock {
                        $0.peak = max($0.peak, now.peak)
                        $0.resident = max($0.resident, now.resident)
                    }
                }
                usleep(20_000)
            }
        }
        sampler.start()
        defer { sampled.withLock { $0.done = true } }

        let publisher = try MQTTPublisher(options: MQTTOptions(url: broker.url, clientID: "ke-tan-cong"))
        defer { publisher.disconnect() }
        let huge = [UInt8](repeating: 0x7B, count: 200 << 20)
        try publisher.publish(topic: "bangtin/56/alerts", payload: huge, timeoutSeconds: 60)
        try publisher.publish(topic: "bangtin/56/alerts", payload: huge, retain: true, timeoutSeconds: 60)
        usleep(2_000_000)

        let path = { (name: String) in folder.path + "/" + name }
        try PlayAlertTests.cap("KH-LU", level: 4, headline: "Lũ quét, sạt lở đất", now: Date())
            .write(toFile: path("lu.xml"), atomically: true, encoding: .utf8)
        let signed = try Program.run(["alert", "sign", path("lu.xml"), "--key", path("tinh"), "--out", path("lu.env")])
        #expect(signed.status == 0, "\(signed.stderr)")
        let warning = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path("lu.env"))))
        try publisher.publish(topic: "bangtin/56/alerts", payload: warning)
        let red = RiskLevel(4)!.color
        let shown = try x.column(ofBoard: 384, 192, through: path("shot.png"), within: 10) { $0.contains(red) }
        #expect(shown, "the genuine warning still shows: \(program.stderr)")

        let after = sampled.withLock { $0 }
        let final = Self.memory(pid)
        let peak = max(after.peak, final?.peak ?? 0)
        print(
            "PlayAlertFloodTests: board RSS before \(before.resident >> 20) MB, peak (VmHWM) \(peak >> 20) MB"
                + " (\(peak) bytes), largest VmRSS sampled \(after.resident >> 20) MB, after \((final?.resident ?? 0) >> 20) MB")
        #expect(peak < 150 << 20, "peak resident memory \(peak >> 20) MB")
        program.signal(SIGTERM)
        #expect(program.waitForExit(seconds: 10) == 0)
    }

    /// 1,000 unsigned screenshot requests on the board's topic, 20 ms apart (20 s): at most
    /// 1 + ceil(20 / 10) = 3 screenshots reach the server (one at once, then one per 10 s).
    @Test func aFloodOfScreenshotRequestsGivesOnePerTenSeconds() throws {
        let x = try XServer()
        let broker = try Mosquitto()
        defer { broker.stop() }
        let root = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let nginx = try Nginx.webDAV(root: root)
        defer { nginx.stop() }
        let folder = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = try Self.start(x, broker: broker, folder: folder, report: nginx.baseURL)
        defer { program.signal(SIGTERM) }
        let publisher = try MQTTPublisher(options: MQTTOptions(url: broker.url, clientID: "ke-tan-cong"))
        defer { publisher.disconnect() }
        let clock = ContinuousClock()
        let began = clock.now
        for index in 0..<1_000 {
            try publisher.publish(topic: "bangtin/board/cho-tan-phu/screenshot", payload: Array("\(index)".utf8), qos: 0)
            let next = began + .milliseconds(20 * (index + 1))
            let left = next - clock.now
            if left > .zero { usleep(UInt32(left.components.attoseconds / 1_000_000_000_000)) }
        }
        let flood = clock.now - began
        // The last screenshot taken is uploaded within a few seconds.
        usleep(3_000_000)
        let puts = nginx.accessLog.split(separator: "\n").filter { $0.contains("PUT /cho-tan-phu/screen.png") }
        let taken = program.stderr.components(separatedBy: "screenshot of ").count - 1
        print("PlayAlertFloodTests: 1,000 screenshot requests over \(flood) gave \(taken) screenshots, \(puts.count) uploads")
        #expect(taken >= 1, "the first request is served: \(program.stderr)")
        #expect(taken <= 3, "\(program.stderr)")
        #expect(puts.count >= 1 && puts.count <= 3, "\(puts)")
    }
}
