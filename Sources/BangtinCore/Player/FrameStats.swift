/// Frame-time statistics of a running player: how long frames take to produce (vsync wait
/// excluded) and how many missed their deadline. A bounded window of samples.
public struct FrameStats: Sendable {
    private var samples: [Int64] = []
    private var next = 0
    private let capacity: Int
    /// Frames counted since the last reset.
    public private(set) var frames = 0
    /// Frames whose interval overran the refresh period by more than half.
    public private(set) var late = 0

    /// Keeps the last `capacity` frame times.
    public init(capacity: Int = 7200) {
        self.capacity = capacity
        samples.reserveCapacity(capacity)
    }

    /// Records one frame: nanoseconds spent producing it, and the interval since the previous.
    public mutating func record(workNanoseconds: Int64, intervalNanoseconds: Int64?, periodNanoseconds: Int64) {
        frames += 1
        if let interval = intervalNanoseconds, interval > periodNanoseconds * 3 / 2 { late += 1 }
        if samples.count < capacity {
            samples.append(workNanoseconds)
        } else {
            samples[next] = workNanoseconds
            next = (next + 1) % capacity
        }
    }

    /// The `p` quantile (0…1) of frame work in milliseconds, or 0 with no samples.
    public func percentileMilliseconds(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
    }

    /// One log line: `frame time p50 0.85 ms, p99 2.10 ms, 3600 frames, 0 late`.
    public var summary: String {
        let p50 = (percentileMilliseconds(0.5) * 100).rounded() / 100
        let p99 = (percentileMilliseconds(0.99) * 100).rounded() / 100
        return "frame time p50 \(p50) ms, p99 \(p99) ms, \(frames) frames, \(late) late"
    }

    /// Starts a new reporting period.
    public mutating func reset() {
        samples.removeAll(keepingCapacity: true)
        next = 0
        frames = 0
        late = 0
    }
}
