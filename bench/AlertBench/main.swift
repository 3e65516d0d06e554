// Publish-to-pixels latency of emergency warnings: the kiosk player plays the demo LED board
// (SDL's offscreen driver) while 20 signed warnings, each followed by its Cancel, arrive by
// each path: MQTT through mosquitto on loopback, MQTT through a 3G-like link, the alerts folder
// (watched every 250 ms) and a URL polled every second from nginx on loopback. The time runs
// from the moment the envelope is in place (for MQTT: the publish call) to the log line of the
// frame that draws the warning. Prints; asserts nothing.
//
// MQTT publishes as `bangtin alert publish` does: retained on bangtin/56/alerts/<id> with an
// MQTT 5 expiry, the Cancel on the same topic. The 3G-like link is two FaultProxy relays
// (which delay what a client sends, and throttle what it receives): the publisher's adds
// 150 ms to each packet it sends, the board's throttles what it receives to 1 Mbit/s and
// adds 150 ms to what it sends (its PUBACKs, PINGs). A warning thus crosses 150 ms of one-way
// latency and a 1 Mbit/s downlink, as on a board's 3G link.
//
//   swift run -c release AlertBench
import BangtinContent
import BangtinCore
import BangtinNet
import BangtinPlayer
import BangtinRender
import BangtinSync
import BangtinTestSupport
import BangtinTrust
import Foundation
import Logging
import Synchronization

let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
setenv("SDL_VIDEODRIVER", "offscreen", 1)
let work = try Fixtures.temporaryDirectory()
defer { try? FileManager.default.removeItem(at: work) }
let key = try KeyFiles.generate(
    at: work.path + "/tinh", scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"]))
let fonts = try FontLibrary(directory: root.appendingPathComponent("fonts").path)

func envelope(_ id: String, kind: String, references: String? = nil) throws -> [UInt8] {
    let now = SystemClock.now()
    let sent = ISO8601.format(now.advanced(byNanoseconds: -1_000_000_000))
    let expires = ISO8601.format(now.advanced(byNanoseconds: 3_600_000_000_000))
    let refs = references.map { #", "references": [{"sender": "pctt@khanhhoa.gov.vn", "identifier": "\#($0)"}]"# } ?? ""
    let json = """
        {"version": 1, "identifier": "\(id)", "sender": "pctt@khanhhoa.gov.vn", "sent": "\(sent)", "status": "Actual",
         "msgType": "\(kind)"\(refs),
         "info": [{"event": "Bão", "severity": "Extreme", "riskLevel": 4, "expires": "\(expires)",
                   "headline": "Bão số 13 đổ bộ Khánh Hòa", "areas": [{"description": "Tỉnh Khánh Hòa", "codes": ["56"]}]}]}
        """
    return try SignedWarnings.sign(Array(json.utf8), key: key).encoded()
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

let broker = try Mosquitto()
defer { broker.stop() }
let oneWay = Duration.milliseconds(150)
let publisherLink = try FaultProxy(to: broker.port, faults: .init(latency: oneWay))
let boardLink = try FaultProxy(to: broker.port, faults: .init(bytesPerSecond: 125_000, latency: oneWay))
defer {
    publisherLink.stop()
    boardLink.stop()
}

// The broker as the board and the publisher reach it: directly, or through the 3G-like link.
let direct = (board: broker.url, publisher: broker.url)
let throughLink = (board: "mqtt://127.0.0.1:\(boardLink.port)", publisher: "mqtt://127.0.0.1:\(publisherLink.port)")

for path in ["mqtt", "mqtt-3g", "folder", "poll"] {
    let drop = work.path + "/\(path)"
    try FileManager.default.createDirectory(atPath: drop, withIntermediateDirectories: true)
    let nginx = try Nginx(serving: URL(fileURLWithPath: drop))
    let lines = LogLines()
    var logger = Logger(label: "bench") { _ in lines }
    logger.logLevel = .info
    var config = PlayerConfig()
    config.board = "bench-alerts"
    config.content = root.appendingPathComponent("layouts/xa-tan-phu-tuan").path
    config.window = .borderless
    config.renderer = .software
    config.alerts.trust = [WarningKeyFile(path: work.path + "/tinh.pub")]
    config.area = BoardArea(province: "56")
    config.alerts.store = work.path + "/store-\(path)"
    let mqtt = path.hasPrefix("mqtt")
    let (boardURL, publisherURL) = path == "mqtt-3g" ? throughLink : direct
    if mqtt {
        config.alerts.mqttURL = boardURL
    } else if path == "folder" {
        config.alerts.folder = drop
    } else {
        config.alerts.pollURL = nginx.baseURL + "canh-bao.env"
        config.alerts.pollEvery = 1
    }
    let latencies = Mutex<[Double]>([])
    let publisher = Thread {
        // The province's publisher (its own connection, on this thread), as `alert publish` is.
        var publishing = try! MQTTOptions(url: publisherURL, clientID: "bench-tinh")
        publishing.version = .v5
        publishing.cleanSession = true
        let publisher = mqtt ? try? MQTTPublisher(options: publishing) : nil
        defer { publisher?.disconnect() }
        let topic = "bangtin/56/alerts/"
        Thread.sleep(forTimeInterval: 2)
        for index in 0..<20 {
            let id = "KH-\(path)-\(index)"
            // A random moment, so the arrivals sample every phase of the watch and poll periods.
            Thread.sleep(forTimeInterval: Double.random(in: 0..<1))
            let start = SystemClock.monotonic()
            let target = drop + (path == "folder" ? "/\(id).env" : "/canh-bao.env")
            if mqtt {
                let subtopic = WarningPublication.subtopic(sender: "pctt@khanhhoa.gov.vn", identifier: id)
                try? publisher?.publish(
                    topic: topic + subtopic, payload: try! envelope(id, kind: "Alert"), retain: true, expirySeconds: 3_600)
            } else {
                try? OutputFile.write(try! envelope(id, kind: "Alert"), to: target)
            }
            let deadline = start + 10_000_000_000
            var shown: Int64?
            while shown == nil, SystemClock.monotonic() < deadline {
                shown = lines.first(after: start, containing: "showing canh-bao")
                usleep(2_000)
            }
            if let shown { latencies.withLock { $0.append(Double(shown - start) / 1e6) } }
            let cancelled = SystemClock.monotonic()
            let cancel = try! envelope(id + "-huy", kind: "Cancel", references: id)
            if mqtt {
                let subtopic = WarningPublication.subtopic(sender: "pctt@khanhhoa.gov.vn", identifier: id)
                try? publisher?.publish(topic: topic + subtopic, payload: cancel, retain: true, expirySeconds: 3_600)
            } else {
                try? OutputFile.write(cancel, to: drop + (path == "folder" ? "/\(id)-huy.env" : "/canh-bao.env"))
            }
            while lines.first(after: cancelled, containing: "no active alerts") == nil,
                SystemClock.monotonic() < cancelled + 10_000_000_000
            {
                usleep(2_000)
            }
            Thread.sleep(forTimeInterval: 0.3)
        }
        kill(getpid(), SIGTERM)
    }
    publisher.start()
    let player = BoardPlayer(
        options: PlayerOptions(config: config, configPath: nil, clock: .wall, seconds: 75, recorder: InMemoryRecorder()),
        fonts: fonts, logger: logger)
    try player.run()
    nginx.stop()
    let values = latencies.withLock { $0 }
    guard !values.isEmpty else {
        print("\(path): no warning was shown")
        continue
    }
    print(
        String(
            format: "%@ (%@): %d of 20 warnings shown; publish to the frame drawing it: p50 %.0f ms, p99 %.0f ms, max %.0f ms",
            path,
            [
                "mqtt": "mosquitto on loopback, QoS 1, retained",
                "mqtt-3g": "through a 3G-like link: 150 ms one way, 1 Mbit/s down",
                "folder": "watched every 250 ms", "poll": "polled every 1 s from nginx",
            ][path]!,
            values.count,
            percentile(values, 0.5), percentile(values, 0.99), values.max()!))
}
