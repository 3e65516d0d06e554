import BangtinCore
import BangtinReport
import Synchronization

/// An in-memory `BatchSource` standing in for the play store: it cuts frozen batches of
/// `batchLines` lines, oldest first, hands out the same batch until it is confirmed, and only
/// then forgets it. It counts how often each batch was handed out.
final class MemoryBatches: BatchSource {
    private struct State {
        var lines: [(sequence: Int64, json: String)]
        var pending: ReportBatch?
        var handedOut: [String: Int] = [:]
        var confirmed: [String] = []
    }

    private let batchLines: Int
    private let state: Mutex<State>

    /// A source of `records`, numbered from 1, in batches of `batchLines`.
    init(_ records: [PlayRecord], batchLines: Int) {
        self.batchLines = batchLines
        let lines = records.enumerated().map { index, record in
            (Int64(index + 1), ReportLine.play(record).json(sequence: Int64(index + 1)))
        }
        state = Mutex(State(lines: lines))
    }

    func nextBatch() throws -> ReportBatch? {
        state.withLock { state in
            if state.pending == nil, !state.lines.isEmpty {
                let cut = state.lines.prefix(batchLines)
                state.pending = ReportBatch(
                    id: ReportBatch.id(first: cut.first!.sequence, last: cut.last!.sequence),
                    body: Array(cut.map { $0.json + "\n" }.joined().utf8), firstSequence: cut.first!.sequence,
                    lastSequence: cut.last!.sequence, lineCount: cut.count)
            }
            if let id = state.pending?.id { state.handedOut[id, default: 0] += 1 }
            return state.pending
        }
    }

    func confirm(_ id: String) throws {
        state.withLock { state in
            guard let pending = state.pending, pending.id == id else { return }
            state.lines.removeFirst(pending.lineCount)
            state.pending = nil
            state.confirmed.append(id)
        }
    }

    /// Whether every line was confirmed.
    var isEmpty: Bool { state.withLock { $0.lines.isEmpty } }
    /// Ids confirmed, in order.
    var confirmed: [String] { state.withLock { $0.confirmed } }
    /// How often each batch was handed out.
    var handedOut: [String: Int] { state.withLock { $0.handedOut } }
}
