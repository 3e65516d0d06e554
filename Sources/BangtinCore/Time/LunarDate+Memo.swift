import Foundation

extension LunarDate {
    /// The lunar date of a Gregorian civil date, remembered for the last few dates asked:
    /// a clock shows the same date for a whole day, and working it out (new moons, solar
    /// terms) costs far more than a frame should spend. Same answer as `init(gregorianYear:…)`.
    public static func of(gregorianYear year: Int, month: Int, day: Int) -> LunarDate {
        LunarMemo.shared.date(year: year, month: month, day: day)
    }
}

/// A few recent conversions, shared by every thread (clocks are drawn on the frame loop,
/// previews and tests on others).
private final class LunarMemo: @unchecked Sendable {
    static let shared = LunarMemo()
    private let lock = NSLock()
    private var recent: [(key: Int, date: LunarDate)] = []

    func date(year: Int, month: Int, day: Int) -> LunarDate {
        let key = (year * 100 + month) * 100 + day
        lock.lock()
        if let hit = recent.first(where: { $0.key == key }) {
            lock.unlock()
            return hit.date
        }
        lock.unlock()
        let date = LunarDate(gregorianYear: year, month: month, day: day)
        lock.lock()
        recent.insert((key, date), at: 0)
        if recent.count > 8 { recent.removeLast() }
        lock.unlock()
        return date
    }
}
