import BangtinContent
import BangtinCore
import BangtinNet
import Dispatch
import Foundation
import Logging
import Synchronization

/// The paths warnings take to a board besides MQTT: an alerts folder watched every quarter
/// second (a USB stick, an operator's drop folder), and a URL polled with conditional requests.
/// Each on a thread of its own, so a poll URL that answers slowly (up to its 30 s timeout)
/// delays only the next poll, never a warning dropped in the folder; neither touches the frame
/// loop.
final class AlertPaths: Sendable {
    private let delivery: AlertDelivery
    private let receiver: AlertReceiver
    private let logger: Logger
    private let stopped = Mutex(false)
    /// Wakes the folder thread and the poll thread when stopping.
    private let wakeFolder = DispatchSemaphore(value: 0)
    private let wakePoll = DispatchSemaphore(value: 0)

    init(delivery: AlertDelivery, receiver: AlertReceiver, logger: Logger) {
        self.delivery = delivery
        self.receiver = receiver
        self.logger = logger
    }

    /// Starts the folder thread (when a folder is configured) and the poll thread (when a poll
    /// URL is).
    func start() {
        if let folder = delivery.folder {
            let thread = Thread { [self] in watch(folder) }
            thread.name = "bangtin-alerts-folder"
            thread.start()
        }
        if let url = delivery.pollURL {
            let thread = Thread { [self] in poll(url) }
            thread.name = "bangtin-alerts-poll"
            thread.start()
        }
    }

    /// Stops both threads without waiting for them: the folder thread ends within a quarter
    /// second; a poll in flight is abandoned (it ends by its timeout, and what it fetched is not
    /// taken).
    func stop() {
        stopped.withLock { $0 = true }
        wakeFolder.signal()
        wakePoll.signal()
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    private func watch(_ folder: String) {
        var seen: [String: FileStamp] = [:]
        while !isStopped {
            scan(folder, seen: &seen)
            _ = wakeFolder.wait(timeout: .now() + .milliseconds(250))
        }
    }

    private func poll(_ url: String) {
        guard let transfer = try? Transfer() else {
            logger.error("alerts: poll \(url): libcurl cannot be used; warnings come by the other paths only")
            return
        }
        var etag: String?
        while !isStopped {
            poll(url, transfer: transfer, etag: &etag)
            _ = wakePoll.wait(timeout: .now() + .seconds(max(delivery.pollEvery, 1)))
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
                guard !isStopped else { return }
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
            guard response.head.status == 200, !isStopped else { return }
            etag = response.head["etag"]
            receiver.accept(body, via: "poll \(url)")
        } catch {
            logger.info("alerts: poll \(url): \(error); trying again in \(delivery.pollEvery) s")
        }
    }
}
