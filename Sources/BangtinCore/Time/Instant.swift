/// A point on the UTC time line, in whole nanoseconds since 1970-01-01T00:00:00Z.
///
/// Integer nanoseconds, never accumulated floats: a board runs for months and positions
/// derived from time must not drift (info-beamer's lesson).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the Unix epoch.
    public var nanosecondsSinceEpoch: Int64

    /// Creates an instant from nanoseconds since the Unix epoch.
    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// Creates an instant from whole seconds since the Unix epoch.
    public init(secondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = secondsSinceEpoch * 1_000_000_000
    }

    /// 1970-01-01T00:00:00Z.
    public static let epoch = Instant(nanosecondsSinceEpoch: 0)

    /// Whole seconds since the epoch, rounded down.
    public var secondsSinceEpoch: Int64 {
        nanosecondsSinceEpoch >= 0
            ? nanosecondsSinceEpoch / 1_000_000_000
            : -((-nanosecondsSinceEpoch + 999_999_999) / 1_000_000_000)
    }

    /// The instant `nanoseconds` later.
    /// Saturates at the ends of time rather than trapping (a player runs unattended).
    public func advanced(byNanoseconds nanoseconds: Int64) -> Instant {
        let (sum, overflow) = nanosecondsSinceEpoch.addingReportingOverflow(nanoseconds)
        return Instant(nanosecondsSinceEpoch: overflow ? (nanoseconds > 0 ? .max : .min) : sum)
    }

    /// Nanoseconds from `other` to this instant.
    public func nanoseconds(since other: Instant) -> Int64 {
        let (difference, overflow) = nanosecondsSinceEpoch.subtractingReportingOverflow(other.nanosecondsSinceEpoch)
        return overflow ? (nanosecondsSinceEpoch > other.nanosecondsSinceEpoch ? .max : .min) : difference
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.nanosecondsSinceEpoch < rhs.nanosecondsSinceEpoch
    }

    public var description: String { ISO8601.format(self) }
}
