import Testing

@testable import BangtinCore

/// Gregorian (y, m, d) → lunar date, read as in Vietnam (UTC+7).
private func lunar(_ y: Int, _ m: Int, _ d: Int) -> LunarDate {
    LunarDate(gregorianYear: y, month: m, day: d)
}

@Suite("Vietnamese lunar calendar")
struct LunarCalendarTests {
    /// Tết (1/1) of recent years, and the day before it: the last day of month 12 of the
    /// previous lunar year (30 Tết in 2024; in 2025 and 2026 month 12 had only 29 days).
    @Test(arguments: [
        (2024, 2, 10, "Giáp Thìn", 30, "Quý Mão"),
        (2025, 1, 29, "Ất Tỵ", 29, "Giáp Thìn"),
        (2026, 2, 17, "Bính Ngọ", 29, "Ất Tỵ"),
    ])
    func tet(year: Int, month: Int, day: Int, name: String, eveDay: Int, eveName: String) {
        let tet = lunar(year, month, day)
        #expect(tet == LunarDate(day: 1, month: 1, year: year))
        #expect(tet.yearName == name)

        let eve = lunar(year, month, day - 1)
        #expect(eve == LunarDate(day: eveDay, month: 12, year: year - 1))
        #expect(eve.yearName == eveName)
    }

    /// Month starts depend on UTC+7: Vietnam's Tết differed from China's (UTC+8) in 1968,
    /// 1985 (by a whole month) and 2007.
    @Test func timeZoneSevenNotEight() {
        #expect(lunar(1968, 1, 29) == LunarDate(day: 1, month: 1, year: 1968))
        #expect(lunar(1985, 1, 21) == LunarDate(day: 1, month: 1, year: 1985))
        #expect(lunar(1985, 2, 20) == LunarDate(day: 1, month: 2, year: 1985))
        #expect(lunar(2007, 2, 17) == LunarDate(day: 1, month: 1, year: 2007))
        #expect(lunar(2007, 2, 18) == LunarDate(day: 2, month: 1, year: 2007))
    }

    @Test func leapMonth2InQuyMao2023() {
        #expect(lunar(2023, 3, 21) == LunarDate(day: 30, month: 2, year: 2023))
        #expect(lunar(2023, 3, 22) == LunarDate(day: 1, month: 2, year: 2023, isLeapMonth: true))
        #expect(lunar(2023, 4, 19) == LunarDate(day: 29, month: 2, year: 2023, isLeapMonth: true))
        #expect(lunar(2023, 4, 20) == LunarDate(day: 1, month: 3, year: 2023))
    }

    @Test func leapMonth4InCanhTy2020() {
        #expect(lunar(2020, 5, 22) == LunarDate(day: 30, month: 4, year: 2020))
        #expect(lunar(2020, 5, 23) == LunarDate(day: 1, month: 4, year: 2020, isLeapMonth: true))
        #expect(lunar(2020, 6, 21) == LunarDate(day: 1, month: 5, year: 2020))
    }

    @Test func leapMonth6InAtTy2025() {
        #expect(lunar(2025, 7, 24) == LunarDate(day: 30, month: 6, year: 2025))
        #expect(lunar(2025, 7, 25) == LunarDate(day: 1, month: 6, year: 2025, isLeapMonth: true))
        #expect(lunar(2025, 8, 23) == LunarDate(day: 1, month: 7, year: 2025))
    }

    @Test func midAutumn2025() {
        #expect(lunar(2025, 10, 6) == LunarDate(day: 15, month: 8, year: 2025))
    }

    /// 1 January belongs to month 11 of the previous lunar year.
    @Test func gregorianNewYearIsStillThePreviousLunarYear() {
        let date = lunar(2026, 1, 1)
        #expect(date == LunarDate(day: 13, month: 11, year: 2025))
        #expect(date.yearName == "Ất Tỵ")
    }

    @Test(arguments: [
        (1984, "Giáp Tý"), (2000, "Canh Thìn"), (2023, "Quý Mão"), (2024, "Giáp Thìn"),
        (2025, "Ất Tỵ"), (2026, "Bính Ngọ"), (2027, "Đinh Mùi"), (2043, "Quý Hợi"),
    ])
    func yearName(year: Int, name: String) {
        #expect(LunarDate(day: 1, month: 1, year: year).yearName == name)
    }

    /// The original algorithm answers "day 0" here: its first guess at the month start
    /// was two new moons late.
    @Test func noDayZero() {
        #expect(lunar(2054, 5, 7) == LunarDate(day: 30, month: 3, year: 2054))
        #expect(lunar(2054, 5, 8) == LunarDate(day: 1, month: 4, year: 2054))
    }

    /// Every day from 2000 through 2100 follows the previous one: the next day of the
    /// month, or day 1 of the next month (or of its leap repeat) after a 29th or 30th.
    /// A lunar year has at most one leap month.
    @Test func consecutiveDaysFollowOn() {
        let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var previous = lunar(1999, 12, 31)
        var leapYears: Set<Int> = []
        for year in 2000...2100 {
            let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            for month in 1...12 {
                let length = month == 2 && isLeap ? 29 : daysInMonth[month - 1]
                for day in 1...length {
                    let date = lunar(year, month, day)
                    let nextDay =
                        date.day == previous.day + 1 && date.month == previous.month
                        && date.year == previous.year && date.isLeapMonth == previous.isLeapMonth
                    let leapRepeat =
                        date.day == 1 && date.isLeapMonth && !previous.isLeapMonth
                        && date.month == previous.month && date.year == previous.year
                    let nextMonth =
                        date.day == 1 && !date.isLeapMonth
                        && date.month == previous.month % 12 + 1
                        && date.year == previous.year + (previous.month == 12 ? 1 : 0)
                    let monthEnded = previous.day == 29 || previous.day == 30
                    #expect(
                        nextDay || (monthEnded && (leapRepeat || nextMonth)),
                        "\(year)-\(month)-\(day): \(previous) → \(date)")
                    if leapRepeat {
                        #expect(!leapYears.contains(date.year), "two leap months in \(date.year)")
                        leapYears.insert(date.year)
                    }
                    previous = date
                }
            }
        }
        let knownLeapYears: Set = [2001, 2004, 2006, 2009, 2012, 2014, 2017, 2020, 2023, 2025]
        #expect(leapYears.isSuperset(of: knownLeapYears))
    }
}
