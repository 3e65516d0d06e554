/// When a burst of file changes has settled: an editor's save touches several files (a
/// temporary file written, renamed over the old one, a backup removed), and a save of a whole
/// bundle several layouts. Content is reloaded once, after `quiet` nanoseconds without a
/// change, or at the latest `longest` after the first change of the burst (a program writing
/// without pause still gets its changes shown).
///
/// Pure: the watcher passes monotonic nanoseconds in and asks when to wake.
public struct SaveDebounce: Sendable {
    /// How long the files must stay untouched.
    public let quiet: Int64
    /// The longest a burst holds back the reload.
    public let longest: Int64
    private var first: Int64?
    private var last: Int64 = 0
    /// The files changed in the burst, in the order first seen.
    private var changed: [String] = []

    /// Creates a debounce; 150 ms quiet, 1 s at most, by default.
    public init(quiet: Int64 = 150_000_000, longest: Int64 = 1_000_000_000) {
        self.quiet = quiet
        self.longest = longest
    }

    /// `file` changed at `monotonic`.
    public mutating func changed(_ file: String, at monotonic: Int64) {
        if first == nil { first = monotonic }
        last = monotonic
        if !changed.contains(file) { changed.append(file) }
    }

    /// When the burst in progress settles, or nil when nothing is waiting.
    public var deadline: Int64? {
        guard let first else { return nil }
        return min(last + quiet, first + longest)
    }

    /// The files of the burst when it has settled by `monotonic` (forgetting them), else nil.
    public mutating func settled(at monotonic: Int64) -> [String]? {
        guard let deadline, monotonic >= deadline else { return nil }
        defer {
            first = nil
            changed = []
        }
        return changed
    }
}
