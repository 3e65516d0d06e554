import Foundation
import Synchronization

/// The one rule for turning a zone name from content or configuration into a `TimeZone`.
///
/// Content is validated, so the zone it names is known; what reaches here unvalidated (a
/// missing name, or a zone the system's database has lost since) falls back to the zone of a
/// Vietnamese board, `Layout.defaultTimeZone` (Asia/Ho_Chi_Minh), and never to the machine's own
/// zone or UTC: a board in Hà Nội must not change its schedule because its PC was set up in UTC.
public enum ContentTimeZone {
    /// The zone named `name`, or Asia/Ho_Chi_Minh when `name` is nil or unknown.
    public static func named(_ name: String?) -> TimeZone {
        guard let name, name != Layout.defaultTimeZone else { return fallback }
        return problem(with: name) == nil ? lookUp(name) ?? fallback : fallback
    }

    /// Why content may not name `name` as its zone, or nil when the system knows it.
    public static func problem(with name: String) -> String? {
        let allowed = name.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            case UInt8(ascii: "/"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: ":"): true
            default: false
            }
        }
        // Checked before the zone database is asked: a name is never a path to read.
        guard allowed, (1...64).contains(name.utf8.count), !name.hasPrefix("/"), lookUp(name) != nil else {
            return "unknown time zone \"\(name)\" (expected an IANA name such as Asia/Ho_Chi_Minh)"
        }
        return nil
    }

    /// Asia/Ho_Chi_Minh; UTC+7 with no daylight saving (what that zone has been since 1975)
    /// on a system without a zone database.
    public static let fallback: TimeZone =
        TimeZone(identifier: Layout.defaultTimeZone) ?? TimeZone(secondsFromGMT: 7 * 3600) ?? TimeZone(identifier: "UTC")
        ?? .gmt

    /// Zones looked up by name, kept (a lookup reads the zone database; content names few).
    private static let cache = Mutex<[String: TimeZone?]>([:])

    private static func lookUp(_ name: String) -> TimeZone? {
        cache.withLock { known in
            if let zone = known[name] { return zone }
            let zone = TimeZone(identifier: name)
            if known.count < 64 { known[name] = zone }
            return zone
        }
    }
}
