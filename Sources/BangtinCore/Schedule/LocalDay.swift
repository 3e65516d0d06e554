import Foundation

/// Local calendar days in a zone: where a day starts and ends as instants (23 or 25 hours
/// long across daylight-saving changes).
struct LocalDay {
    let zone: TimeZone

    /// Days since 1970-01-01 of the local date at `instant`.
    func day(of instant: Instant) -> Int {
        let time = LocalTime(instant, in: zone)
        return CivilDate.daysSinceEpoch(year: time.year, month: time.month, day: time.day)
    }

    /// The instant the wall clock reads `minute` minutes after midnight on `day`.
    func instant(day: Int, minute: Int) -> Instant {
        let date = CivilDate.fromDaysSinceEpoch(day + minute / 1440)
        let rest = minute % 1440
        let parsed = ISO8601.Parsed(
            year: date.year, month: date.month, day: date.day, hour: rest / 60, minute: rest % 60, second: 0, nanosecond: 0,
            utcOffsetSeconds: nil)
        return ISO8601.instant(parsed) { LocalTime.offset(of: $0, in: zone) }
    }

    /// The days the scheduler plans: those of `Instant.supportedSpan`, 1678-01-01 to
    /// 2261-12-31, whose local midnights lie inside the ends of time in every zone.
    static let supportedDays =
        CivilDate.daysSinceEpoch(year: 1678, month: 1, day: 1)...CivilDate.daysSinceEpoch(year: 2261, month: 12, day: 31)

    /// Weekday of a day number, 0 = Sunday.
    func weekday(_ day: Int) -> Int { CivilDate.weekday(daysSinceEpoch: day) }
}

extension ClosedRange {
    /// `value` moved into the range.
    func clamp(_ value: Bound) -> Bound { Swift.min(Swift.max(value, lowerBound), upperBound) }
}
