import BangtinCore
import Foundation
import Testing

@testable import BangtinCLI

/// Values read from the command line: zones, days and instants.
@Suite struct ArgumentValueTests {
    /// One zone rule on the command line too: an unknown zone reads as Asia/Ho_Chi_Minh, never UTC
    /// or the machine's zone.
    @Test func unknownZonesReadAsHoChiMinh() throws {
        let instant = Instant(secondsSinceEpoch: 1_795_395_900)  // 2026-11-23T08:05:00+07:00
        #expect(localText(instant, zone: "Mars/Olympus") == "08:05:00")
        #expect(localText(instant, zone: "Asia/Ho_Chi_Minh") == "08:05:00")
        #expect(try InstantArgument.parse("2026-11-23T08:05:00", zone: "Mars/Olympus") == instant)
    }

    @Test func daysOutsideTheSupportedSpanAreRefusedByName() throws {
        #expect(try parseDay("2026-11-28") == (2026, 11, 28))
        for text in ["9999-12-31", "0001-01-01", "1677-12-31", "2262-01-01"] {
            #expect {
                try parseDay(text)
            } throws: { error in
                "\(error)".contains("outside the supported span 1678-01-01 to 2261-12-31")
            }
        }
        for text in ["2026-+1-28", "2026-11--1", "26-11-28", "2026-11-28-", "２０２６-11-28"] {
            #expect(throws: (any Error).self, "\(text)") { try parseDay(text) }
        }
        #expect(throws: (any Error).self) { try InstantArgument.parse("9999-12-31T00:00:00+07:00", zone: "Asia/Ho_Chi_Minh") }
    }
}
