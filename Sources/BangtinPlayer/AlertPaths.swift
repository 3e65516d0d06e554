import BangtinContent
import BangtinCore
import BangtinNet
import Dispatch
import Foundation
import Logging
import Synchronization

/// The paths warnings take to a board besides MQTT: an alerts folder watched every quarter
/// second (a USB stick, an operator's drop folder), and a URL polled with conditional requests.
/// One thread; it never touches the frame loop.
final class AlertPaths: Sendable {
    private let delivery: AlertDelivery
    private let receiver: AlertReceiver
    private let logger: Logger
    private let stopped = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)

    init(delivery: AlertDelivery, receiver: AlertReceiver, logger: Logger) {
        self.delivery = delivery
        self.receiver = receiver
        self.logger = logger
    }

    func start() {
        let thread = Thread { [self] in run() }
        thread.name = "bangtin-alerts"
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
        wake.signal()
    }

    private func run() {
        var seen: [String: FileStamp] = [:]
        var etag: String?
        var nextPoll = SystemClock.monotonic()
        let transfer = try? Transfer()
        while !stopped.withLock({ $0 }) {
            if let folder = delivery.folder { scan(folder, seen: &seen) }
            if let url = delivery.pollURL, let transfer, SystemClock.monotonic() >= nextPoll {
                poll(url, transfer: transfer, etag: &etag)
                nextPoll = SystemClock.monotonic() + Int64(delivery.pollEvery) * 1_000_000_000
            }
            _ = wake.wait(timeout: .now() + .milliseconds(250))
        }
    }

    /// Every new or changed `*.env`, `*.xml` or `*.json` file in the folder (bare documents
    /// are refused by the receiver: only envelopes are taken).
    private func scan(_ folder: String, seen: inout [String: FileStamp]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = folder + "/" + name
            guard let stamp = FileStamp(path: path), seen[path] != stamp else { continue }
            seen[path] = stamp
            do {
                let bytes = try ContentFile.read(path, kind: .manifest, inside: folder, folder: "the alerts folder")
                receiver.accept(bytes, via: "folder \(path)")
            } catch {
                logger.error("alerts: \(path): \(error); not shown")
            }
        }
    }

    private func poll(_ url: String, transfer: Transfer, etag: inout String?) {
        var request = Request(url: url)
        request.ifNoneMatch = etag
        request.timeoutSeconds = 30
        var body: [UInt8] = []
        do {
            let response = try transfer.fetch(
                request, onHead: { $0.status == 200 || $0.status == 304 },
                onBody: { bytes in
                    guard body.count + bytes.count <= Limits.alertBytes else { return false }
                    body.append(contentsOf: bytes)
                    return true
                })
            guard response.head.status == 200 else { return }
            etag = response.head["etag"]
            receiver.accept(body, via: "poll \(url)")
        } catch {
            logger.info("alerts: poll \(url): \(error); trying again in \(delivery.pollEvery) s")
        }
    }
}
