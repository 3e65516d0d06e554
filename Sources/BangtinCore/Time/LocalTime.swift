import Foundation

/// The civil date and time an instant shows on a wall clock in a time zone.
public struct LocalTime: Hashable, Sendable {
    public var year: Int, month: Int, day: Int
    public var hour: Int, minute: Int, second: Int
    /// 0 = Sunday … 6 = Saturday.
    public var weekday: Int
    /// Offset from UTC in force, in seconds.
    public var utcOffsetSeconds: Int

    /// The wall-clock reading of `instant` in `zone`.
    public init(_ instant: Instant, in zone: TimeZone) {
        let seconds = instant.secondsSinceEpoch
        let offset = UTCOffsets.offset(at: seconds, in: zone)
        let local = seconds + Int64(offset)
        let days = Int(local >= 0 ? local / 86_400 : -((-local + 86_399) / 86_400))
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let date = CivilDate.fromDaysSinceEpoch(days)
        year = date.year
        month = date.month
        day = date.day
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
        weekday = CivilDate.weekday(daysSinceEpoch: days)
        utcOffsetSeconds = offset
    }

    /// The UTC offset a zone applies to a wall-clock reading with no offset of its own.
    /// In a daylight-saving gap or overlap the offset in force just before is used.
    public static func offset(of parsed: ISO8601.Parsed, in zone: TimeZone) -> Int {
        var probe = parsed
        probe.utcOffsetSeconds = 0
        let asUTC = ISO8601.secondsSinceEpoch(probe, offsetSeconds: 0)
        var offset = UTCOffsets.offset(at: asUTC, in: zone)
        // A second pass settles readings near a transition.
        offset = UTCOffsets.offset(at: asUTC - Int64(offset), in: zone)
        return offset
    }
}

extension Instant {
    /// Parses an ISO-8601 timestamp; one without an offset is read as wall-clock time in `zone`.
    /// - Throws: `ISO8601.ParseError` for malformed text, and for an instant outside
    ///   `Instant.supportedSpan` (what a person types on the command line must be playable).
    public static func parse(_ text: String, localZone zone: TimeZone) throws(ISO8601.ParseError) -> Instant {
        let instant = try parseClamping(text, localZone: zone).instant
        guard supportedSpan.contains(instant) else {
            throw ISO8601.ParseError(
                text: text, reason: "outside the supported span \(supportedSpanDescription)")
        }
        return instant
    }

    /// Parses a timestamp content names: any date of years 0…9999, clamped to the ends of time
    /// beyond them (`ISO8601.instant`).
    /// - Returns: the instant, and the exact seconds since the epoch (to compare dates that
    ///   clamp to the same end).
    public static func parseClamping(_ text: String, localZone zone: TimeZone) throws(ISO8601.ParseError) -> (
        instant: Instant, exactSeconds: Int64, nanosecond: Int
    ) {
        let parsed = try ISO8601.parse(text)
        let offset = parsed.utcOffsetSeconds ?? LocalTime.offset(of: parsed, in: zone)
        return (
            ISO8601.instant(parsed) { _ in offset }, ISO8601.secondsSinceEpoch(parsed, offsetSeconds: offset),
            parsed.nanosecond
        )
    }
}
