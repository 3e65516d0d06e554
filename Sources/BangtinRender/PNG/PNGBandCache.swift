import Foundation
import Synchronization

/// Bands of a frame sequence already compressed, by their place in the frame and their pixels:
/// a ticker or a clock changes a few bands of a board from one frame to the next, and the
/// others are taken from here instead of being compressed again. A hit is a byte-for-byte
/// comparison of the band's pixels, so the PNG is the same with or without the cache. The last
/// few versions of each band are kept; shared by the threads encoding a sequence.
public final class PNGBandCache: Sendable {
    struct Key: Hashable, Sendable {
        let index: Int
        let width: Int
        let bytesPerPixel: Int
        let last: Bool
    }

    private struct Entry: Sendable {
        let pixels: [UInt8]
        let compressed: PNGBands.Compressed
    }

    private let entries = Mutex<[Key: [Entry]]>([:])
    private let versions: Int
    private let counts = Mutex((hits: 0, misses: 0))

    /// A cache keeping the last `versions` versions of each band.
    public init(versions: Int = 3) {
        self.versions = max(1, versions)
    }

    /// Bands taken from the cache, and bands compressed, so far.
    public var statistics: (hits: Int, misses: Int) { counts.withLock { $0 } }

    /// The band `key` if its `rows` rows of pixels (from `pixels`, `pitch` apart) were seen before.
    func band(_ key: Key, pixels: UnsafeRawPointer, pitch: Int, rows: Int) -> PNGBands.Compressed? {
        let rowBytes = key.width * 4
        let found = entries.withLock { entries -> PNGBands.Compressed? in
            guard var held = entries[key] else { return nil }
            for (position, entry) in held.enumerated() where Self.same(entry.pixels, pixels, pitch, rows, rowBytes) {
                // Most recently used first.
                held.remove(at: position)
                held.insert(entry, at: 0)
                entries[key] = held
                return entry.compressed
            }
            return nil
        }
        counts.withLock { found == nil ? ($0.misses += 1) : ($0.hits += 1) }
        return found
    }

    /// Keeps band `key` as compressed from these pixels.
    func keep(_ key: Key, pixels: UnsafeRawPointer, pitch: Int, rows: Int, _ compressed: PNGBands.Compressed) {
        let rowBytes = key.width * 4
        let copy = [UInt8](unsafeUninitializedCapacity: rowBytes * rows) { buffer, count in
            for y in 0..<rows {
                (buffer.baseAddress! + y * rowBytes).update(
                    from: (pixels + y * pitch).assumingMemoryBound(to: UInt8.self), count: rowBytes)
            }
            count = rowBytes * rows
        }
        entries.withLock { entries in
            var held = entries[key] ?? []
            held.insert(Entry(pixels: copy, compressed: compressed), at: 0)
            if held.count > versions { held.removeLast(held.count - versions) }
            entries[key] = held
        }
    }

    private static func same(_ held: [UInt8], _ pixels: UnsafeRawPointer, _ pitch: Int, _ rows: Int, _ rowBytes: Int)
        -> Bool
    {
        guard held.count == rowBytes * rows else { return false }
        return held.withUnsafeBytes { buffer in
            (0..<rows).allSatisfy { y in memcmp(buffer.baseAddress! + y * rowBytes, pixels + y * pitch, rowBytes) == 0 }
        }
    }
}
