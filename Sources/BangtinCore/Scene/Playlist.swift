/// A looping sequence of durations: which entry is showing after a given time.
public struct Playlist: Hashable, Sendable {
    /// Entry durations in milliseconds; non-positive entries are never shown.
    public var durations: [Int64]

    /// Creates a playlist.
    public init(durations: [Int64]) {
        self.durations = durations
    }

    /// The showing entry and how far into it, after `elapsed` nanoseconds of play.
    public struct Slot: Hashable, Sendable {
        /// Index of the entry.
        public var index: Int
        /// Nanoseconds since the entry started showing (in this loop).
        public var elapsedNanoseconds: Int64
        /// Nanoseconds until the entry ends.
        public var remainingNanoseconds: Int64
    }

    /// The entry showing after `elapsed` nanoseconds; nil for an empty playlist.
    public func slot(at elapsed: Int64) -> Slot? {
        Self.slot(at: elapsed, durations: durations)
    }

    /// The entry showing after `elapsed` nanoseconds of a playlist of `durations` (in
    /// milliseconds), read straight from a collection: a frame asks this of every region.
    public static func slot<Durations: Collection<Int64>>(at elapsed: Int64, durations: Durations) -> Slot? {
        let cycle = durations.reduce(0) { $0 + max(0, $1) } * 1_000_000
        guard cycle > 0 else { return nil }
        var position = elapsed % cycle
        if position < 0 { position += cycle }
        for (index, duration) in durations.enumerated() where duration > 0 {
            let length = duration * 1_000_000
            if position < length {
                return Slot(index: index, elapsedNanoseconds: position, remainingNanoseconds: length - position)
            }
            position -= length
        }
        return nil
    }
}
