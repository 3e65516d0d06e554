// Vietnamese lunar calendar (âm lịch) after Hồ Ngọc Đức's well-known algorithm
// ("Computing the Vietnamese lunar calendar"): Julian day numbers, new moons from
// Meeus' approximation and a low-precision sun longitude, evaluated for UTC+7.
//
// The rules it encodes:
//  * A lunar month starts on the civil day (in UTC+7) that contains the new moon.
//    The time zone matters: Vietnam and China (UTC+8) sometimes start a month, even
//    Tết, on different days (1985, 2007).
//  * Month 11 is the month containing the winter solstice (sun longitude 270°). That
//    is the one fixed anchor of the calendar, so each year is counted between two
//    consecutive month-11 starts: months 12, 1, 2, ... follow the anchor.
//  * Between two month-11 starts there are normally 12 lunations; when there are 13,
//    the first month with no major solar term (trung khí, a multiple of 30° of sun
//    longitude) is the leap month and repeats the number of the month before it.
//
// Integer day arithmetic everywhere; Double only for the astronomy. Meant for present-day
// dates (checked 1800–2199); before 1968 Vietnam (the South until 1975) reckoned in UTC+8.
// Gregorian dates are proleptic.

/// A date in the Vietnamese lunar calendar (âm lịch), computed for UTC+7.
public struct LunarDate: Equatable, Hashable, Sendable {
    /// Day of the lunar month, 1...30.
    public let day: Int
    /// Lunar month number, 1...12 (a leap month repeats the number of the month before).
    public let month: Int
    /// Lunar year number (e.g. 2026); it changes at Tết, not on 1 January.
    public let year: Int
    /// True for the intercalary month (tháng nhuận).
    public let isLeapMonth: Bool

    /// Creates a lunar date from its parts, without validation.
    public init(day: Int, month: Int, year: Int, isLeapMonth: Bool = false) {
        self.day = day
        self.month = month
        self.year = year
        self.isLeapMonth = isLeapMonth
    }

    /// Converts a Gregorian civil date (as read in Vietnam) to the lunar date.
    /// The arguments must form a valid Gregorian date.
    public init(gregorianYear: Int, month: Int, day: Int) {
        let tz = LunarAstronomy.timeZone
        let dayNumber = LunarAstronomy.julianDayNumber(year: gregorianYear, month: month, day: day)
        // Start of the lunar month containing dayNumber. k is estimated from the mean
        // lunation, which the true new moon can trail by more than half a day, so step back
        // until the start is not after dayNumber (the original steps back at most once and
        // yields "day 0" on rare days such as 2054-05-07).
        let lunations = (Double(dayNumber) - 2415021.076998695) / LunarAstronomy.synodicMonth
        var k = LunarAstronomy.floorInt(lunations) + 1
        var monthStart = LunarAstronomy.newMoonDay(k, tz)
        while monthStart > dayNumber {
            k -= 1
            monthStart = LunarAstronomy.newMoonDay(k, tz)
        }

        // The month-11 starts bracketing this date: a11 <= monthStart < b11.
        var a11 = LunarAstronomy.month11Start(gregorianYear, tz)
        var b11 = a11
        var lunarYear: Int
        if a11 >= monthStart {
            lunarYear = gregorianYear
            a11 = LunarAstronomy.month11Start(gregorianYear - 1, tz)
        } else {
            lunarYear = gregorianYear + 1
            b11 = LunarAstronomy.month11Start(gregorianYear + 1, tz)
        }

        // Lunations since a11 (a lunation is 29 or 30 days, so integer division is exact).
        let diff = (monthStart - a11) / 29
        var lunarMonth = diff + 11
        var leap = false
        if b11 - a11 > 365 {  // 13 lunations: this lunar year has a leap month
            let leapDiff = LunarAstronomy.leapMonthOffset(a11, tz)
            if diff >= leapDiff {
                lunarMonth = diff + 10
                leap = diff == leapDiff
            }
        }
        if lunarMonth > 12 { lunarMonth -= 12 }
        // Months 11 and 12 right after a11 still belong to the previous lunar year.
        if lunarMonth >= 11 && diff < 4 { lunarYear -= 1 }

        self.init(
            day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, isLeapMonth: leap)
    }

    /// The can-chi name of the lunar year, e.g. "Bính Ngọ" for 2026, "Ất Tỵ" for 2025.
    public var yearName: String {
        let can = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"]
        let chi = [
            "Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi",
        ]
        // Year 4 (and so 1984, 2044) was Giáp Tý.
        let c = ((year + 6) % 10 + 10) % 10
        let h = ((year + 8) % 12 + 12) % 12
        return can[c] + " " + chi[h]
    }
}

/// The astronomy behind `LunarDate`; day numbers are Julian day numbers (JDN).
enum LunarAstronomy {
    /// Vietnam's civil time zone, in hours east of UTC.
    static let timeZone = 7.0
    /// Mean length of a lunation in days.
    static let synodicMonth = 29.530588853

    /// Julian day number of a proleptic Gregorian date.
    static func julianDayNumber(year: Int, month: Int, day: Int) -> Int {
        let a = (14 - month) / 12
        let y = year + 4800 - a
        let m = month + 12 * a - 3
        return day + (153 * m + 2) / 5 + 365 * y + y / 4 - y / 100 + y / 400 - 32045
    }

    /// Julian day (with fraction, UT) of the k-th new moon after 1900-01-01 (Meeus).
    static func newMoon(_ k: Int) -> Double {
        let kd = Double(k)
        let t = kd / 1236.85  // Julian centuries since 1900
        let t2 = t * t, t3 = t2 * t
        var jd1 = 2415020.75933 + 29.53058868 * kd + 0.0001178 * t2 - 0.000000155 * t3
        jd1 += 0.00033 * sinDeg(166.56 + 132.87 * t - 0.009173 * t2)
        // Mean anomalies of the sun (m) and moon (mpr), moon's argument of latitude (f).
        let m = 359.2242 + 29.10535608 * kd - 0.0000333 * t2 - 0.00000347 * t3
        let mpr = 306.0253 + 385.81691806 * kd + 0.0107306 * t2 + 0.00001236 * t3
        let f = 21.2964 + 390.67050646 * kd - 0.0016528 * t2 - 0.00000239 * t3
        // Periodic terms, as in Meeus (one term per line keeps the signs honest).
        var c1 = (0.1734 - 0.000393 * t) * sinDeg(m)
        c1 += 0.0021 * sinDeg(2 * m)
        c1 -= 0.4068 * sinDeg(mpr)
        c1 += 0.0161 * sinDeg(2 * mpr)
        c1 -= 0.0004 * sinDeg(3 * mpr)
        c1 += 0.0104 * sinDeg(2 * f)
        c1 -= 0.0051 * sinDeg(m + mpr)
        c1 -= 0.0074 * sinDeg(m - mpr)
        c1 += 0.0004 * sinDeg(2 * f + m)
        c1 -= 0.0004 * sinDeg(2 * f - m)
        c1 -= 0.0006 * sinDeg(2 * f + mpr)
        c1 += 0.0010 * sinDeg(2 * f - mpr)
        c1 += 0.0005 * sinDeg(2 * mpr + m)
        let deltaT =
            t < -11
            ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
            : -0.000278 + 0.000265 * t + 0.000262 * t2
        return jd1 + c1 - deltaT
    }

    /// The civil day (JDN in the given zone) containing the k-th new moon.
    static func newMoonDay(_ k: Int, _ tz: Double) -> Int {
        floorInt(newMoon(k) + 0.5 + tz / 24)
    }

    /// Which 30° sector (0...11) the sun's longitude is in at the start of the civil
    /// day `dayNumber`; sector 9 begins at the winter solstice (270°).
    static func sunSector(_ dayNumber: Int, _ tz: Double) -> Int {
        let t = (Double(dayNumber) - 0.5 - tz / 24 - 2451545.0) / 36525  // centuries since J2000
        let t2 = t * t
        let m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2  // anomaly
        let l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2  // mean longitude
        var dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * sinDeg(m)
        dl += (0.019993 - 0.000101 * t) * sinDeg(2 * m) + 0.000290 * sinDeg(3 * m)
        var l = (l0 + dl).truncatingRemainder(dividingBy: 360)
        if l < 0 { l += 360 }
        return Int(l / 30) % 12  // l >= 0, so truncation is floor
    }

    /// Start (JDN) of lunar month 11 of Gregorian year `year`: the month containing the
    /// winter solstice. Take the last new moon before 31 December; if the sun is already
    /// past 270° then, the solstice fell in the month before.
    static func month11Start(_ year: Int, _ tz: Double) -> Int {
        let off = Double(julianDayNumber(year: year, month: 12, day: 31) - 2415021)
        let k = floorInt(off / synodicMonth)
        let nm = newMoonDay(k, tz)
        return sunSector(nm, tz) >= 9 ? newMoonDay(k - 1, tz) : nm
    }

    /// How many lunations after the month-11 start `a11` the leap month falls: the first
    /// month whose start and the next month's start share a sun sector, i.e. a month
    /// with no major solar term (trung khí).
    static func leapMonthOffset(_ a11: Int, _ tz: Double) -> Int {
        let k = floorInt((Double(a11) - 2415021.076998695) / synodicMonth + 0.5)
        var i = 1
        var arc = sunSector(newMoonDay(k + i, tz), tz)
        var last = 0
        repeat {
            last = arc
            i += 1
            arc = sunSector(newMoonDay(k + i, tz), tz)
        } while arc != last && i < 14
        return i - 1
    }

    /// `floor` as an Int, without libm (`Double.rounded` calls into it).
    static func floorInt(_ x: Double) -> Int {
        let i = Int(x)  // truncates toward zero
        return Double(i) > x ? i - 1 : i
    }

    /// Sine of an angle in degrees, so the stdlib suffices (no libm import). The angle is
    /// reduced exactly modulo 360°, then to ±45° around a quadrant, where short Taylor
    /// series are accurate to ~1e-16.
    static func sinDeg(_ degrees: Double) -> Double {
        var d = degrees.truncatingRemainder(dividingBy: 360)
        if d < 0 { d += 360 }
        let quadrant = Int(d / 90 + 0.5)  // 0...4
        let x = (d - Double(quadrant) * 90) * (Double.pi / 180)  // |x| <= π/4
        let x2 = x * x
        let s =
            x
            * (1 + x2 / -6
                * (1 + x2 / -20
                    * (1 + x2 / -42
                        * (1 + x2 / -72
                            * (1 + x2 / -110 * (1 + x2 / -156 * (1 + x2 / -210)))))))
        let c =
            1 + x2 / -2
            * (1 + x2 / -12
                * (1 + x2 / -30
                    * (1 + x2 / -56
                        * (1 + x2 / -90 * (1 + x2 / -132 * (1 + x2 / -182 * (1 + x2 / -240)))))))
        switch quadrant & 3 {
        case 0: return s
        case 1: return c
        case 2: return -s
        default: return -c
        }
    }
}
