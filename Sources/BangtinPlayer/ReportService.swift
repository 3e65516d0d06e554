import BangtinContent
import BangtinCore
import BangtinNet
import BangtinRender
import BangtinReport
import Dispatch
import Foundation
import Logging
import Synchronization

/// The board's reports (`report` in the configuration): proof of play kept durably on disk
/// (`PlayStore` through `DiskRecorder`), the status document every `report.every` seconds and
/// screenshots, written beside the store for `bangtin status` and uploaded by
/// `ReportUploader` when `report.url` is set. Nothing here runs on the frame loop but handing
/// things over.
final class ReportService: Sendable {
    /// What the frame loop records to.
    let recorder: DiskRecorder
    /// The store, held by this player alone (`PlayStoreLock`) once it opens.
    private let store: LateStore
    private let uploader: ReportUploader?
    private let folder: String
    private let queue = DispatchQueue(label: "bangtin.report", qos: .utility)
    private let shooter: Mutex<HeadlessRenderer?> = Mutex(nil)
    private let fonts: FontLibrary
    private let settings: ReportSettings
    private let facts: @Sendable () -> BoardFacts
    private let logger: Logger

    /// Opens the store (closing as interrupted what a power cut left playing) and starts the
    /// writer and the uploader. A store that cannot be opened yet (its disk not mounted,
    /// another player holding it) is tried again every 5 s by the writer, which keeps the
    /// records in memory meanwhile; the board plays on. nil when reports are not configured.
    /// - Parameter facts: what the driver knows for the status document (sync, clock, errors).
    init?(
        config: PlayerConfig, link: LinkOptions, fonts: FontLibrary, facts: @escaping @Sendable () -> BoardFacts,
        logger: Logger
    ) {
        let settings = config.report
        guard settings.isConfigured, let folder = settings.store else { return nil }
        let store = LateStore(folder: folder) {
            let store = try PlayStore(
                folder: folder, board: config.board, budgetBytes: Int64(settings.budgetMB) << 20,
                batchLines: settings.batchLines, exclusive: true, logger: logger)
            let recovered = try store.recover()
            if recovered > 0 {
                logger.notice("reports: \(recovered) plays in progress at the last stop closed as cut by a power loss")
            }
            return store
        }
        do {
            _ = try store.store()
        } catch {
            logger.error(
                "reports: cannot open the record store in \(folder) yet: \(error); records are kept in memory and it is tried again every 5 s"
            )
        }
        self.store = store
        self.folder = folder
        self.settings = settings
        self.fonts = fonts
        self.facts = facts
        self.logger = logger
        do {
            uploader = try settings.url.map {
                try ReportUploader(
                    baseURL: $0, board: config.board, link: link, source: store, logger: logger, idleWait: .seconds(10),
                    clock: SystemClock.boardClock, gzip: settings.gzip)
            }
        } catch {
            logger.error("reports: \(error); records are kept on the board and not sent")
            uploader = nil
        }
        let statusSink = StatusSink()
        recorder = DiskRecorder(late: store, logger: logger) { status in statusSink.take(status) }
        statusSink.service.withLock { $0 = self }
        uploader?.start()
        logger.info(
            "reports: records in \(folder)\(settings.url.map { ", sent to \($0) every \(settings.every) s" } ?? " (kept on the board)")"
        )
    }

    /// Flushes the records, gives the uploader a few seconds to send what is left (a clean
    /// stop should leave nothing behind when the source is reachable), and stops the threads.
    func stop() {
        recorder.stop()
        queue.sync {}
        if let uploader {
            uploader.uploadNow()
            let deadline = SystemClock.monotonic() + 3_000_000_000
            while SystemClock.monotonic() < deadline, let backlog = try? store.ifOpen?.backlog(),
                backlog.lines > 0 || backlog.pendingBatches > 0
            {
                SystemClock.sleep(untilMonotonic: SystemClock.monotonic() + 50_000_000)
            }
            uploader.stop()
        }
    }

    /// A status from the machine: the document is made and written off the frame loop.
    fileprivate func take(_ status: BoardStatus) {
        queue.async { [self] in
            // Another player holds this store: its status and screenshots are the ones there.
            guard !store.isHeldElsewhere else { return }
            var facts = self.facts()
            if let backlog = try? store.ifOpen?.backlog() {
                facts.backlogLines = backlog.lines
                facts.backlogBytes = backlog.bytes
                facts.backlogOldest = backlog.oldestStart
            }
            facts.lastUpload = uploader?.snapshot.lastSuccess
            let bytes = Array(StatusDocument(status: status, facts: facts).json.utf8)
            write(bytes, to: "status.json")
            // Offering wakes the uploader without cutting its backoff short.
            uploader?.offerStatus(bytes)
        }
    }

    /// A screenshot of what the board showed at `instant`, drawn off the frame loop by a
    /// renderer of its own.
    func screenshot(_ scene: Scene?, brightness: Int, board: PixelSize, at instant: Instant) {
        queue.async { [self] in
            guard !store.isHeldElsewhere else { return }
            do {
                let renderer = try shooter.withLock { held -> HeadlessRenderer in
                    if let held, held.surface.size == board { return held }
                    let made = try HeadlessRenderer(size: board, fonts: fonts, logger: logger)
                    held = made
                    return made
                }
                let png = try Screenshot.png(
                    of: scene, brightness: brightness, width: settings.screenshotWidth, renderer: renderer)
                write(png, to: "screen.png")
                logger.info("reports: screenshot of \(ISO8601.format(instant)) (\(png.count) bytes)")
                uploader?.offerScreenshot(png)
            } catch {
                logger.error("reports: cannot take a screenshot: \(error)")
            }
        }
    }

    private func write(_ bytes: [UInt8], to name: String) {
        do {
            try OutputFile.write(bytes, to: folder + "/" + name)
        } catch {
            logger.warning("reports: cannot write \(name) in \(folder): \(error)")
        }
    }
}

/// Hands the machine's statuses to the service once it exists (the recorder is made first).
private final class StatusSink: Sendable {
    let service = Mutex<ReportService?>(nil)
    func take(_ status: BoardStatus) { service.withLock { $0 }?.take(status) }
}
