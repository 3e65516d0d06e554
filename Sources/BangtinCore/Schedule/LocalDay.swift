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

    /// Weekday of a day number, 0 = Sunday.
    func weekday(_ day: Int) -> Int { CivilDate.weekday(daysSinceEpoch: day) }
}
