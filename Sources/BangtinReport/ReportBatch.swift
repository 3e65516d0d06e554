import BangtinCore

/// A batch of report lines as it is uploaded: `<board>/plays/<id>.ndjson`, one line each.
///
/// Once cut, a batch never changes: the same id always carries the same bytes, so sending it
/// again after a lost response replaces the same file on the server and counts nothing twice.
public struct ReportBatch: Hashable, Sendable {
    /// Stable and ordered: the first and last sequence numbers, zero-padded, and the store's tag
    /// ("000000000001-000000002000-5f3a09c2"), so a listing of the folder sorts in board order
    /// and a store made anew (numbering from 1 again) never replaces an older store's files.
    public var id: String
    /// NDJSON: one `ReportLine` a line, each ending in "\n".
    public var body: [UInt8]
    public var firstSequence: Int64
    public var lastSequence: Int64
    public var lineCount: Int

    /// Creates a batch.
    public init(id: String, body: [UInt8], firstSequence: Int64, lastSequence: Int64, lineCount: Int) {
        self.id = id
        self.body = body
        self.firstSequence = firstSequence
        self.lastSequence = lastSequence
        self.lineCount = lineCount
    }

    /// The id of a batch of sequence numbers `first…last` of the store tagged `store`.
    public static func id(first: Int64, last: Int64, store: String) -> String {
        id(first: first, last: last) + "-" + store
    }

    /// The id of a batch of sequence numbers `first…last` (a source without stores to tell apart).
    public static func id(first: Int64, last: Int64) -> String {
        func pad(_ n: Int64) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, 12 - digits.count)) + digits
        }
        return "\(pad(first))-\(pad(last))"
    }
}

/// Where the uploader takes batches from: the oldest batch not yet confirmed (the same one
/// again until it is), and the confirmation that deletes it.
public protocol BatchSource: Sendable {
    /// The oldest unconfirmed batch, cutting a new one from the oldest records if none is
    /// pending; nil when there is nothing to send.
    func nextBatch() throws -> ReportBatch?
    /// The server stored batch `id`: forget it and its records.
    func confirm(_ id: String) throws
}
