import Foundation
import Synchronization

/// UTC offsets of time zones, remembered an hour at a time.
///
/// A live board converts the instant to wall-clock time several times a frame (its day plan,
/// each clock, operating hours, brightness); asking the zone database each time costs more
/// than drawing the frame. An hour whose first and last second have the same offset has it
/// throughout (no zone changes its offset twice within an hour), so it is remembered; an
/// hour with a change in it is never remembered and is asked second by second.
enum UTCOffsets {
    private static let memo = Memo()

    /// The offset `zone` applies at `secondsSinceEpoch`, in seconds.
    static func offset(at secondsSinceEpoch: Int64, in zone: TimeZone) -> Int {
        let hour = secondsSinceEpoch >= 0 ? secondsSinceEpoch / 3600 : -((-secondsSinceEpoch + 3599) / 3600)
        if let known = memo.offset(zone: zone.identifier, hour: hour) { return known }
        let offset = ask(zone, secondsSinceEpoch)
        let first = hour * 3600
        if ask(zone, first) == offset && ask(zone, first + 3599) == offset {
            memo.remember(offset, zone: zone.identifier, hour: hour)
        }
        return offset
    }

    private static func ask(_ zone: TimeZone, _ seconds: Int64) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The last few hours asked, for every thread.
    private final class Memo: Sendable {
        private let recent = Mutex<[(zone: String, hour: Int64, offset: Int)]>([])

        func offset(zone: String, hour: Int64) -> Int? {
            recent.withLock { $0.first { $0.hour == hour && $0.zone == zone }?.offset }
        }

        func remember(_ offset: Int, zone: String, hour: Int64) {
            recent.withLock { recent in
                recent.insert((zone, hour, offset), at: 0)
                if recent.count > 16 { recent.removeLast() }
            }
        }
    }
}
