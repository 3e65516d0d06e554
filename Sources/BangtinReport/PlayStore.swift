import BangtinCore
import Foundation
import GRDB
import Logging
import Synchronization

/// The board's durable store of proof of play: `plays.sqlite` in a folder, SQLite in WAL mode
/// with `synchronous = FULL`, so a committed write survives a power cut.
///
/// It keeps report lines numbered 1, 2, 3, … in the order they were written (numbers are never
/// reused: the next one is kept apart from the lines), the plays on screen when the player last
/// saved them, and at most one batch cut for upload and not yet confirmed, frozen once cut.
///
/// What survives a power cut: every write that returned. A write is one transaction, so
/// records that closed and the plays still on screen land together or not at all, and a play
/// is never both closed and in progress. `recover()` closes what a crash left in progress.
///
/// The one owner of its SQLite connection; calls are serialised on it and may come from any
/// thread. Another process (`bangtin status`) may read the same file: see `readBacklog(folder:)`.
public final class PlayStore: Sendable {
    /// The database file's name in the store's folder.
    public static let fileName = "plays.sqlite"

    /// The store's folder.
    public let folder: String
    /// The board the records are for (for messages).
    public let board: String
    /// The most the lines not yet batched may take before the oldest are summarised.
    public let budgetBytes: Int64
    /// Lines a batch holds at most (`nextBatch()`).
    public let batchLines: Int
    let queue: DatabaseQueue
    let logger: Logger
    /// Unbatched bytes below which the budget is not tried again after summarising could not
    /// get under it (everything left is already summaries): nil when it is not needed.
    let budgetRetryAbove = Mutex<Int64?>(nil)
    /// Whether this store closed what the last run left in progress (`recover()`).
    private let recovered = Mutex(false)
    /// The player's hold on the folder (`exclusive`), for as long as the store lives.
    private let lock: PlayStoreLock?

    /// Opens the store in `folder`, creating the folder and the database if needed.
    /// - Parameters:
    ///   - budgetBytes: how much the lines not yet batched may take on disk before the oldest
    ///     are summarised.
    ///   - batchLines: lines a batch holds at most.
    ///   - exclusive: whether to hold `PlayStoreLock` on the folder while the store lives (a
    ///     player's store: a second player is refused).
    /// - Throws: `PlayStoreError` when the folder or the database cannot be made or opened, or
    ///   another holds the lock.
    public init(
        folder: String, board: String, budgetBytes: Int64, batchLines: Int = 2000, exclusive: Bool = false, logger: Logger
    ) throws {
        lock = exclusive ? try PlayStoreLock(folder: folder) : nil
        self.folder = folder
        self.board = board
        self.budgetBytes = budgetBytes
        self.batchLines = max(1, batchLines)
        self.logger = logger
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw PlayStoreError(path: folder, action: "create the folder", reason: "\(error)")
        }
        do {
            var config = Configuration()
            config.busyMode = .timeout(10)
            config.prepareDatabase { db in
                // WAL: the status command reads while the player writes; FULL: the WAL is
                // synced at every commit, so a committed play survives a power cut.
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else {
                    throw PlayStoreError(path: path, action: "switch to WAL mode", reason: "journal mode stayed \(mode ?? "?")")
                }
                try db.execute(sql: "PRAGMA synchronous = FULL")
            }
            queue = try DatabaseQueue(path: path, configuration: config)
            try Self.migrator.migrate(queue)
        } catch let error as PlayStoreError {
            throw error
        } catch {
            throw PlayStoreError(path: path, action: "open", reason: "\(error)")
        }
    }

    /// The tables, created once.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Lines not yet in a batch: the exact NDJSON line, its size with the newline, and
            // when its play (or its summary's hour) began.
            try db.execute(
                sql: """
                    CREATE TABLE lines (seq INTEGER PRIMARY KEY, json TEXT NOT NULL, bytes INTEGER NOT NULL,
                        start_ns INTEGER NOT NULL);
                    CREATE TABLE playing (id INTEGER PRIMARY KEY, json TEXT NOT NULL);
                    CREATE TABLE batches (id TEXT PRIMARY KEY, first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL,
                        line_count INTEGER NOT NULL, oldest_start_ns INTEGER, body BLOB NOT NULL);
                    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                    INSERT INTO meta (key, value) VALUES ('next_seq', 1);
                    """)
        }
        migrator.registerMigration("v2") { db in
            // A random tag of this store, in every batch's name: a store made anew (a disk
            // replaced, a file deleted) numbers its lines from 1 again, and its batches must not
            // replace the old store's files on the server.
            try db.execute(
                sql: "INSERT OR IGNORE INTO meta (key, value) VALUES ('store', ?)",
                arguments: [Int64(UInt32.random(in: 1...UInt32.max))])
        }
        return migrator
    }

    /// This store's tag as 8 hex digits (see migration v2).
    static func storeTag(_ db: Database) throws -> String {
        let value = try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'store'") ?? 0
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// Keeps `closed` as report lines with the next sequence numbers and, when `playing` is
    /// given, replaces the plays in progress with it: both in one transaction.
    ///
    /// Then, if the lines not yet batched take more than the budget, the oldest are summarised.
    /// The first write recovers first if `recover()` was not called, so the plays the last run
    /// left in progress are closed before a new set replaces them.
    /// - Throws: the database's error; nothing was written then.
    public func write(closed: [PlayRecord], playing: [PlayRecord]?) throws {
        if !recovered.withLock({ $0 }) { try recover() }
        let summarised = try queue.write { db -> Summarised? in
            try Self.append(closed.map(ReportLine.play), db)
            if let playing {
                try db.execute(sql: "DELETE FROM playing")
                for play in playing {
                    // The sequence number is a placeholder: the play gets its own when it closes.
                    try db.execute(
                        sql: "INSERT INTO playing (json) VALUES (?)", arguments: [ReportLine.play(play).json(sequence: 1)])
                }
            }
            return try keepToBudget(db)
        }
        if let summarised { logSummarised(summarised) }
    }

    /// Closes the plays a crash or power cut left in progress: each becomes a report line as
    /// saved (interrupted by `.powerLost`, ending when it was last saved), in one transaction.
    /// Only the first call on a store does anything: later ones would close the plays this run
    /// has on screen.
    /// - Returns: how many plays were closed.
    @discardableResult
    public func recover() throws -> Int {
        let count = try queue.write { db -> Int in
            // Checked inside the transaction: calls are serialised, and the flag is set only
            // once one committed.
            if recovered.withLock({ $0 }) { return 0 }
            let saved = try String.fetchAll(db, sql: "SELECT json FROM playing ORDER BY id")
            var lines: [ReportLine] = []
            for json in saved {
                do {
                    lines.append(try ReportLine.decode(json).line)
                } catch {
                    logger.error(
                        "A play in progress in \(folder)/\(Self.fileName) could not be read and was dropped: \(error)",
                        metadata: ["board": "\(board)"])
                }
            }
            try Self.append(lines, db)
            try db.execute(sql: "DELETE FROM playing")
            return lines.count
        }
        recovered.withLock { $0 = true }
        if count > 0 {
            logger.notice(
                "Closed \(count) plays the last run left in progress in \(folder)/\(Self.fileName) as cut short by a power loss",
                metadata: ["board": "\(board)"])
        }
        return count
    }

    /// What waits to be confirmed by the server.
    public func backlog() throws -> Backlog {
        try queue.read(Self.backlog)
    }

    /// The backlog of the store in `folder`, read by another process than the player's (the
    /// database is opened read-only, beside a player writing it); empty when there is no store.
    public static func readBacklog(folder: String) throws -> Backlog {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return .empty }
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(10)
        do {
            return try DatabaseQueue(path: path, configuration: config).read(backlog)
        } catch {
            throw PlayStoreError(path: path, action: "read the backlog", reason: "\(error)")
        }
    }

    private static func backlog(_ db: Database) throws -> Backlog {
        let lines = try Row.fetchOne(db, sql: "SELECT COUNT(*), TOTAL(bytes), MIN(start_ns) FROM lines")!
        let batches = try Row.fetchOne(
            db, sql: "SELECT COUNT(*), TOTAL(line_count), TOTAL(LENGTH(body)), MIN(oldest_start_ns) FROM batches")!
        let playing = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM playing") ?? 0
        let oldest = [lines[2] as Int64?, batches[3] as Int64?].compactMap { $0 }.min()
        return Backlog(
            lines: lines[0] + Int(batches[1] as Double), bytes: Int64(lines[1] as Double) + Int64(batches[2] as Double),
            oldestStart: oldest.map(Instant.init(nanosecondsSinceEpoch:)), pendingBatches: batches[0], inProgress: playing)
    }

    /// Appends `lines` with the next sequence numbers.
    static func append(_ lines: [ReportLine], _ db: Database) throws {
        guard !lines.isEmpty else { return }
        var next = try nextSequence(db)
        for line in lines {
            try insert(line, sequence: next, db)
            next += 1
        }
        try db.execute(sql: "UPDATE meta SET value = ? WHERE key = 'next_seq'", arguments: [next])
    }

    /// The number the next line gets.
    static func nextSequence(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'next_seq'") ?? 1
    }

    /// Stores one line as numbered.
    static func insert(_ line: ReportLine, sequence: Int64, _ db: Database) throws {
        let json = line.json(sequence: sequence)
        let start: Instant
        switch line {
        case .play(let play): start = play.start
        case .summary(let summary): start = summary.hour
        }
        try db.execute(
            sql: "INSERT INTO lines (seq, json, bytes, start_ns) VALUES (?, ?, ?, ?)",
            arguments: [sequence, json, json.utf8.count + 1, start.nanosecondsSinceEpoch])
    }
}

/// The play store could not do something, with the file and the reason.
public struct PlayStoreError: Error, CustomStringConvertible {
    /// The file or folder.
    public var path: String
    /// What the store tried.
    public var action: String
    public var reason: String
    /// Whether another player holds the store (`PlayStoreLock`).
    public var busy = false

    public var description: String { "cannot \(action) \(path): \(reason)" }
}
