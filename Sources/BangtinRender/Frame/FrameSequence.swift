import Dispatch
import Foundation
import Synchronization

/// A sequence of frames drawn on the calling thread (SDL's software renderer is
/// single-threaded) and encoded on worker threads while the next frames are drawn. Each
/// frame's pixels are copied out of the surface, encoded on one of the workers, and handed
/// back to the calling thread in order. At most `2 × workers` frames are in flight, so memory
/// stays small however long the sequence. Encoding is a pure function of the pixels, so the
/// bytes are those a serial loop would give.
public enum FrameSequence {
    /// Draws and encodes `count` frames.
    /// - Parameters:
    ///   - count: how many frames.
    ///   - workers: encoding threads (default: every core).
    ///   - draw: draws frame `index` (called in order, on the calling thread) and returns the
    ///     surface holding it.
    ///   - encode: turns a frame's pixels into what `deliver` takes (default PNG); called on a
    ///     worker thread.
    ///   - deliver: takes frame `index`'s encoding, in order, on the calling thread.
    /// - Throws: the first error `draw`, `encode` or `deliver` throws, in frame order; frames
    ///   still being encoded are then dropped.
    public static func run<Encoded: Sendable>(
        count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        draw: (_ index: Int) throws -> Surface,
        encode: @escaping @Sendable (FramePixels) throws -> Encoded,
        deliver: (_ index: Int, _ encoded: Encoded) throws -> Void
    ) throws {
        let queue = DispatchQueue(label: "bangtin.frame-encoder", attributes: .concurrent)
        let limit = max(1, workers) * 2
        let slots = DispatchSemaphore(value: max(1, workers))
        var pending: [Job<Encoded>] = []
        var delivered = 0
        func deliverNext() throws {
            try deliver(delivered, pending.removeFirst().wait().get())
            delivered += 1
        }
        for index in 0..<count {
            let pixels = FramePixels(try draw(index))
            let job = Job<Encoded>()
            pending.append(job)
            queue.async {
                // Only `workers` encodings run at once; the rest wait in the queue.
                slots.wait()
                job.finish(Result { try encode(pixels) })
                slots.signal()
            }
            while let first = pending.first, pending.count >= limit || first.isDone { try deliverNext() }
        }
        while !pending.isEmpty { try deliverNext() }
    }

    /// Draws and encodes `count` frames as PNG (`PNGEncoder`).
    /// - Parameters:
    ///   - count: how many frames.
    ///   - workers: encoding threads (default: every core).
    ///   - draw: draws frame `index` (in order, on the calling thread) and returns its surface.
    ///   - deliver: takes frame `index`'s PNG bytes, in order, on the calling thread.
    public static func png(
        count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        draw: (_ index: Int) throws -> Surface, deliver: (_ index: Int, _ png: [UInt8]) throws -> Void
    ) throws {
        // Bands a frame shares with an earlier one (all but a ticker's, a clock's) are taken
        // from the cache, not compressed again.
        let cache = PNGBandCache()
        try run(
            count: count, workers: workers, draw: draw, encode: { PNGEncoder.encode($0, cache: cache, opaque: true) },
            deliver: deliver)
    }
}

/// One frame being encoded: its result, and a semaphore the calling thread waits on.
private final class Job<Encoded: Sendable>: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<Encoded, any Error>?>(nil)

    func finish(_ encoded: Result<Encoded, any Error>) {
        result.withLock { $0 = encoded }
        done.signal()
    }

    /// Whether the encoding has finished (never blocks).
    var isDone: Bool { result.withLock { $0 != nil } }

    /// The encoding (or why it failed), once finished.
    func wait() -> Result<Encoded, any Error> {
        done.wait()
        return result.withLock { $0.take()! }
    }
}
