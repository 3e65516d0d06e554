/// Parsing and printing of ISO-8601 instants without Foundation's formatters, whose Linux
/// behaviour differs between versions and which lose nanoseconds.
public enum ISO8601 {
    /// A date and time read from text, before its zone is known.
    public struct Parsed: Hashable, Sendable {
        public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
        public var nanosecond: Int
        /// Offset from UTC in seconds, or nil when the text named no zone (local time).
        public var utcOffsetSeconds: Int?
    }

    /// Why a timestamp was refused.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String {
            "invalid instant \"\(text)\": \(reason) (expected e.g. 2026-11-23T08:05:00+07:00)"
        }
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|±HH:MM]`; a space may replace the `T`.
    public static func parse(_ text: String) throws(ParseError) -> Parsed {
        let chars = Array(text.utf8)
        var i = 0
        func fail(_ reason: String) -> ParseError { ParseError(text: text, reason: reason) }
        func number(_ digits: Int) throws(ParseError) -> Int {
            guard i + digits <= chars.count else { throw fail("ends too early") }
            var value = 0
            for _ in 0..<digits {
                let c = chars[i]
                guard c >= 48 && c <= 57 else { throw fail("expected a digit at position \(i + 1)") }
                value = value * 10 + Int(c - 48)
                i += 1
            }
            return value
        }
        func expect(_ c: Character) throws(ParseError) {
            guard i < chars.count, chars[i] == c.asciiValue! else { throw fail("expected '\(c)' at position \(i + 1)") }
            i += 1
        }
        let year = try number(4)
        try expect("-")
        let month = try number(2)
        try expect("-")
        let day = try number(2)
        guard i < chars.count, chars[i] == UInt8(ascii: "T") || chars[i] == UInt8(ascii: " ") else {
            throw fail("expected 'T' and a time after the date")
        }
        i += 1
        let hour = try number(2)
        try expect(":")
        let minute = try number(2)
        var second = 0
        var nanosecond = 0
        if i < chars.count && chars[i] == UInt8(ascii: ":") {
            i += 1
            second = try number(2)
            if i < chars.count && (chars[i] == UInt8(ascii: ".") || chars[i] == UInt8(ascii: ",")) {
                i += 1
                var digits = 0
                while i < chars.count, chars[i] >= 48, chars[i] <= 57 {
                    if digits < 9 { nanosecond = nanosecond * 10 + Int(chars[i] - 48) }
                    digits += 1
                    i += 1
                }
                guard digits > 0 else { throw fail("expected digits after the decimal point") }
                for _ in min(digits, 9)..<9 { nanosecond *= 10 }
            }
        }
        var offset: Int? = nil
        if i < chars.count {
            switch chars[i] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                offset = 0
                i += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let sign = chars[i] == UInt8(ascii: "-") ? -1 : 1
                i += 1
                let oh = try number(2)
                if i < chars.count && chars[i] == UInt8(ascii: ":") { i += 1 }
                let om = i < chars.count ? try number(2) : 0
                guard oh <= 18, om < 60 else { throw fail("offset out of range") }
                offset = sign * (oh * 3600 + om * 60)
            default:
                throw fail("unexpected character at position \(i + 1)")
            }
        }
        guard i == chars.count else { throw fail("unexpected text at position \(i + 1)") }
        guard (1...12).contains(month), (1...CivilDate.daysInMonth(year: year, month: month)).contains(day) else {
            throw fail("no such date")
        }
        guard hour < 24, minute < 60, second < 61 else { throw fail("no such time of day") }
        return Parsed(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond, utcOffsetSeconds: offset)
    }

    /// The instant of a parsed timestamp, given the offset to use when the text named none.
    /// A date beyond the ends of time (before 1677-09-21, after 2262-04-11) gives the end it
    /// lies beyond: content may name any date of years 0…9999, and "until 9999-12-31" means no end.
    public static func instant(_ parsed: Parsed, localOffsetSeconds: (Parsed) -> Int) -> Instant {
        let offset = parsed.utcOffsetSeconds ?? localOffsetSeconds(parsed)
        return Instant(
            secondsSinceEpoch: secondsSinceEpoch(parsed, offsetSeconds: offset), nanoseconds: Int64(parsed.nanosecond))
    }

    /// Whole seconds since the epoch of a parsed timestamp read at `offsetSeconds` from UTC:
    /// exact for every year 0…9999 (no nanosecond arithmetic, so nothing to overflow).
    public static func secondsSinceEpoch(_ parsed: Parsed, offsetSeconds: Int) -> Int64 {
        let days = CivilDate.daysSinceEpoch(year: parsed.year, month: parsed.month, day: parsed.day)
        let local = Int64(days) * 86_400 + Int64(parsed.hour * 3600 + parsed.minute * 60 + parsed.second)
        return local - Int64(offsetSeconds)
    }

    /// Formats an instant in UTC: `2026-11-23T01:05:00Z`, with a fraction only when there is one.
    public static func format(_ instant: Instant) -> String {
        let seconds = instant.secondsSinceEpoch
        let nanos = Int(instant.nanosecondOfSecond)
        let days = Int(seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400))
        let secondOfDay = Int(seconds - Int64(days) * 86_400)
        let date = CivilDate.fromDaysSinceEpoch(days)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        var text = "\(pad(date.year, 4))-\(pad(date.month, 2))-\(pad(date.day, 2))T"
        text += "\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2))"
        if nanos != 0 {
            var fraction = pad(nanos, 9)
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text + "Z"
    }
}

/// Proleptic Gregorian calendar arithmetic on civil dates (Howard Hinnant's algorithms).
public enum CivilDate {
    /// Days from 1970-01-01 to the given date.
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date `days` after 1970-01-01.
    public static func fromDaysSinceEpoch(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday.
    public static func weekday(daysSinceEpoch days: Int) -> Int {
        ((days % 7) + 7 + 4) % 7
    }

    /// Number of days in a month.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
