/// A point on the UTC time line, in whole nanoseconds since 1970-01-01T00:00:00Z.
///
/// Integer nanoseconds, never accumulated floats: a board runs for months and positions
/// derived from time must not drift (info-beamer's lesson). Sixty-four bits of nanoseconds
/// reach from 1677-09-21 to 2262-04-11: `Instant.min` and `Instant.max` are the ends of time,
/// and every operation saturates at them rather than trapping (a player runs unattended).
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Nanoseconds since the Unix epoch.
    public var nanosecondsSinceEpoch: Int64

    /// Creates an instant from nanoseconds since the Unix epoch.
    public init(nanosecondsSinceEpoch: Int64) {
        self.nanosecondsSinceEpoch = nanosecondsSinceEpoch
    }

    /// Creates an instant from whole seconds since the Unix epoch, saturating at the ends of time.
    public init(secondsSinceEpoch: Int64) {
        self.init(secondsSinceEpoch: secondsSinceEpoch, nanoseconds: 0)
    }

    /// Creates an instant from seconds and nanoseconds (0…999,999,999) since the Unix epoch,
    /// saturating at the ends of time: a date content names beyond them is clamped to them, so
    /// "until 9999-12-31" means no end.
    public init(secondsSinceEpoch seconds: Int64, nanoseconds: Int64) {
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        self =
            overflow ? (seconds > 0 ? .max : .min) : Instant(nanosecondsSinceEpoch: scaled).advanced(byNanoseconds: nanoseconds)
    }

    /// 1970-01-01T00:00:00Z.
    public static let epoch = Instant(nanosecondsSinceEpoch: 0)
    /// The first representable instant, 1677-09-21T00:12:43.145224192Z: the beginning of time.
    public static let min = Instant(nanosecondsSinceEpoch: .min)
    /// The last representable instant, 2262-04-11T23:47:16.854775807Z: the end of time.
    public static let max = Instant(nanosecondsSinceEpoch: .max)

    /// The instants the command line accepts and the scheduler plans: 1678-01-01 to the end of
    /// 2261 (UTC). Every local day inside it, in any zone, lies wholly inside the ends of time.
    public static let supportedSpan =
        Instant(secondsSinceEpoch: -9_214_560_000)..<Instant(secondsSinceEpoch: 9_214_646_400)

    /// The supported span in words, for messages.
    public static let supportedSpanDescription = "1678-01-01 to 2261-12-31"

    /// This instant moved into `supportedSpan` (itself when it lies inside).
    public var clampedToSupportedSpan: Instant {
        Swift.min(Swift.max(self, Self.supportedSpan.lowerBound), Self.supportedSpan.upperBound.advanced(byNanoseconds: -1))
    }

    /// Whole seconds since the epoch, rounded down.
    public var secondsSinceEpoch: Int64 {
        let (quotient, remainder) = nanosecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000_000)
        return remainder < 0 ? quotient - 1 : quotient
    }

    /// Nanoseconds past the whole second, 0…999,999,999.
    public var nanosecondOfSecond: Int64 {
        let remainder = nanosecondsSinceEpoch % 1_000_000_000
        return remainder < 0 ? remainder + 1_000_000_000 : remainder
    }

    /// The next whole second after this instant (the end of time at the end of time).
    public var nextWholeSecond: Instant {
        advanced(byNanoseconds: 1_000_000_000 - nanosecondOfSecond)
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
