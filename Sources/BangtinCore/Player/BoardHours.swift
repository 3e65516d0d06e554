import Foundation

/// When the board is lit and how bright: LED walls are switched off at night and dimmed in the
/// evening, because a full-brightness wall is blinding in the dark.
public struct BoardHours: Hashable, Sendable {
    /// Windows in which the board is on; empty means always on.
    public var operating: [Daypart]
    /// Brightness levels in percent by daypart; the first window holding the instant wins,
    /// 100 % outside all of them.
    public var brightness: [(daypart: Daypart, percent: Int)]

    /// Creates a board's hours.
    public init(operating: [Daypart] = [], brightness: [(daypart: Daypart, percent: Int)] = []) {
        self.operating = operating
        self.brightness = brightness
    }

    public static func == (a: BoardHours, b: BoardHours) -> Bool {
        a.operating == b.operating && a.brightness.map(\.daypart) == b.brightness.map(\.daypart)
            && a.brightness.map(\.percent) == b.brightness.map(\.percent)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(operating)
        hasher.combine(brightness.map(\.percent))
    }

    /// Whether the board shows content at `instant`.
    public func isOn(at instant: Instant, in zone: TimeZone) -> Bool {
        operating.isEmpty || operating.contains { $0.holds(LocalTime(instant, in: zone)) }
    }

    /// Brightness in percent (1…100) at `instant`.
    public func brightnessPercent(at instant: Instant, in zone: TimeZone) -> Int {
        let time = LocalTime(instant, in: zone)
        return brightness.first { $0.daypart.holds(time) }?.percent ?? 100
    }
}

extension Daypart {
    /// Whether the window holds at a wall-clock reading (including the part of yesterday's
    /// window that runs past midnight).
    public func holds(_ time: LocalTime) -> Bool {
        let minute = time.hour * 60 + time.minute
        if crossesMidnight {
            return (weekdays.contains(time.weekday) && minute >= startMinute)
                || (weekdays.contains((time.weekday + 6) % 7) && minute < endMinute)
        }
        return weekdays.contains(time.weekday) && minute >= startMinute && minute < endMinute
    }
}
