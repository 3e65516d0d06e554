import Foundation
import Synchronization

extension LunarDate {
    /// The lunar date of a Gregorian civil date, remembered for the last few dates asked:
    /// a clock shows the same date for a whole day, and working it out (new moons, solar
    /// terms) costs far more than a frame should spend. Same answer as `init(gregorianYear:…)`.
    public static func of(gregorianYear year: Int, month: Int, day: Int) -> LunarDate {
        LunarMemo.date(year: year, month: month, day: day)
    }
}

/// A few recent conversions, shared by every thread (clocks are drawn on the frame loop,
/// previews and tests on others).
private enum LunarMemo {
    static let recent = Mutex<[(key: Int, date: LunarDate)]>([])

    static func date(year: Int, month: Int, day: Int) -> LunarDate {
        let key = (year * 100 + month) * 100 + day
        if let hit = recent.withLock({ $0.first { $0.key == key }?.date }) { return hit }
        // Worked out outside the lock: another thread asking need not wait.
        let date = LunarDate(gregorianYear: year, month: month, day: day)
        recent.withLock { recent in
            recent.insert((key, date), at: 0)
            if recent.count > 8 { recent.removeLast() }
        }
        return date
    }
}
