/// Frame-time statistics of a running player: how long the frame loop works on each frame
/// (its sleep and any vsync wait excluded), the longest, and how many frames came late and
/// whose fault that was. A bounded window of samples.
public struct FrameStats: Sendable {
    private var samples: [Int64] = []
    private var next = 0
    private let capacity: Int
    /// Frames counted since the last reset.
    public private(set) var frames = 0
    /// The longest work on one frame, in nanoseconds of wall time (the machine's pauses in it
    /// included).
    public private(set) var maxWork: Int64 = 0
    /// The most CPU time the loop's thread spent on one frame: its own work.
    public private(set) var maxCPU: Int64 = 0
    /// Frames shown more than half a period after they were due because the player worked too
    /// long: on that frame, or on the one before, past this one's deadline.
    public private(set) var lateByPlayer = 0
    /// Frames late although the player's work fit: woken late, or its thread pre-empted.
    public private(set) var lateByMachine = 0

    /// Frames shown more than half a period after they were due.
    public var late: Int { lateByPlayer + lateByMachine }

    /// Keeps the last `capacity` frame times.
    public init(capacity: Int = 7200) {
        self.capacity = capacity
        samples.reserveCapacity(capacity)
    }

    /// When one frame was due and how its work went, in monotonic nanoseconds.
    public struct Timing: Hashable, Sendable {
        /// When the frame was due.
        public var deadline: Int64
        /// When the loop woke to make it.
        public var woke: Int64
        /// When its work ended (before any sleep or vsync wait).
        public var finished: Int64
        /// CPU time the loop's thread spent on it.
        public var cpu: Int64
        /// When the previous frame's work ended.
        public var previousFinished: Int64?

        /// Creates a timing.
        public init(deadline: Int64, woke: Int64, finished: Int64, cpu: Int64, previousFinished: Int64?) {
            self.deadline = deadline
            self.woke = woke
            self.finished = finished
            self.cpu = cpu
            self.previousFinished = previousFinished
        }
    }

    /// Records one frame made for a display refreshing every `period` nanoseconds.
    public mutating func record(_ timing: Timing, period: Int64) {
        frames += 1
        let work = max(0, timing.finished - timing.woke)
        maxWork = max(maxWork, work)
        maxCPU = max(maxCPU, timing.cpu)
        if timing.finished > timing.deadline + period / 2 {
            // The player's fault when its own CPU work could not fit, or when the previous
            // frame's work ran past this one's deadline; otherwise the machine woke it late or
            // took the CPU away while it worked.
            let overran = timing.cpu > period / 2 || (timing.previousFinished.map { $0 > timing.deadline } ?? false)
            if overran { lateByPlayer += 1 } else { lateByMachine += 1 }
        }
        if samples.count < capacity {
            samples.append(work)
        } else {
            samples[next] = work
            next = (next + 1) % capacity
        }
    }

    /// The `p` quantile (0…1) of frame work in milliseconds, or 0 with no samples.
    public func percentileMilliseconds(_ p: Double) -> Double {
        guard !samples.isEmpty else { return 0 }
        let sorted = samples.sorted()
        return Double(sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]) / 1e6
    }

    /// The figures of a period, for logs and status reports.
    public struct Summary: Hashable, Sendable {
        public var p50Milliseconds: Double
        public var p99Milliseconds: Double
        public var maxMilliseconds: Double
        /// The most CPU time one frame took (its own work, without the machine's pauses).
        public var maxCPUMilliseconds: Double
        public var frames: Int
        public var lateByPlayer: Int
        public var lateByMachine: Int

        /// Creates a summary.
        public init(
            p50Milliseconds: Double = 0, p99Milliseconds: Double = 0, maxMilliseconds: Double = 0,
            maxCPUMilliseconds: Double = 0, frames: Int = 0, lateByPlayer: Int = 0, lateByMachine: Int = 0
        ) {
            self.p50Milliseconds = p50Milliseconds
            self.p99Milliseconds = p99Milliseconds
            self.maxMilliseconds = maxMilliseconds
            self.maxCPUMilliseconds = maxCPUMilliseconds
            self.frames = frames
            self.lateByPlayer = lateByPlayer
            self.lateByMachine = lateByMachine
        }
    }

    /// This period's figures, rounded to hundredths of a millisecond.
    public var figures: Summary {
        func round(_ ms: Double) -> Double { (ms * 100).rounded() / 100 }
        return Summary(
            p50Milliseconds: round(percentileMilliseconds(0.5)), p99Milliseconds: round(percentileMilliseconds(0.99)),
            maxMilliseconds: round(Double(maxWork) / 1e6), maxCPUMilliseconds: round(Double(maxCPU) / 1e6), frames: frames,
            lateByPlayer: lateByPlayer,
            lateByMachine: lateByMachine)
    }

    /// One log line: `frame time p50 0.12 ms, p99 0.4 ms, max 1.2 ms (CPU 0.9 ms), 3600 frames,
    /// 2 late (0 by the player, 2 by the machine)`.
    public var summary: String {
        let f = figures
        return
            "frame time p50 \(f.p50Milliseconds) ms, p99 \(f.p99Milliseconds) ms, max \(f.maxMilliseconds) ms (CPU \(f.maxCPUMilliseconds) ms), \(frames) frames, \(late) late (\(lateByPlayer) by the player, \(lateByMachine) by the machine)"
    }

    /// Starts a new reporting period.
    public mutating func reset() {
        samples.removeAll(keepingCapacity: true)
        next = 0
        frames = 0
        maxWork = 0
        maxCPU = 0
        lateByPlayer = 0
        lateByMachine = 0
    }
}
