import BangtinCore
import BangtinTestSupport
import Testing

/// The board's inbox of verified warnings: one message per identifier, the same message by two
/// paths shown once, replays of an older `sent` ignored, and pruning that never forgets a
/// cancellation while what it cancelled is held.
@Suite struct AlertInboxTests {
    let t0 = AlertActivityTests.t0

    @Test func aMessageByTwoPathsIsKeptOnceAndAnOlderSentIsAReplay() {
        var inbox = AlertInbox()
        let storm = AlertActivityTests.storm()
        #expect(inbox.receive(storm) == .kept)
        #expect(inbox.receive(storm) == .duplicate, "the same message again by MQTT and the folder")
        let newer = AlertActivityTests.storm(sent: t0.advanced(byNanoseconds: 60_000_000_000), headline: "Cập nhật")
        #expect(inbox.receive(newer) == .kept)
        #expect(inbox.receive(storm) == .replay(held: newer.sent))
        #expect(inbox.messages == [newer])
        #expect(inbox.active(board: AlertActivityTests.khanhHoa, at: newer.sent).map(\.headline) == ["Cập nhật"])
    }

    @Test func pruningForgetsOldMessagesButNeverACancellationOfOneHeld() {
        var inbox = AlertInbox()
        let storm = AlertActivityTests.storm(expiresHours: 2)
        var noEnd = AlertActivityTests.storm("LU-01", headline: "Lũ quét")
        noEnd.infos[0].expires = nil
        var cancel = AlertActivityTests.storm(
            "LU-01-HUY", sent: t0.advanced(byNanoseconds: 600_000_000_000), kind: .cancel, references: [noEnd.key])
        cancel.infos = []
        _ = inbox.receive(storm)
        _ = inbox.receive(noEnd)
        _ = inbox.receive(cancel)
        inbox.prune(at: t0.advanced(byNanoseconds: 3 * 86_400_000_000_000))
        #expect(inbox.messages.map(\.identifier).sorted() == ["LU-01", "LU-01-HUY"], "the expired storm went")
        #expect(inbox.receive(noEnd) == .duplicate, "a replay of the cancelled flood is still recognised")
        #expect(inbox.active(board: AlertActivityTests.khanhHoa, at: t0.advanced(byNanoseconds: 86_400_000_000_000)).isEmpty)
    }
}
