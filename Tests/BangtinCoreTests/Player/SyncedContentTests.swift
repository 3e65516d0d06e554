import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// A synced version takes over at a clean boundary of the schedule: the item on screen plays
/// to its end, the next frame is the new content, and nothing black or half-made in between.
@Suite struct SyncedContentTests {
    let start = TestContent.at("2026-11-23T08:05:03")

    @Test func theBoundaryIsTheEndOfTheItemShowing() throws {
        let red = try TestContent.plain("#c00000")
        let scene = red.scheduler!.scene(at: start)
        let boundary = try #require(scene.nextBoundary(after: start))
        #expect(boundary > start)
        #expect(boundary == scene.main.regions[0].itemUntil)
        #expect(red.scheduler!.scene(at: boundary).main.regions[0].itemIndex != scene.main.regions[0].itemIndex)
    }

    @Test func newContentWaitsForItsBoundaryThenShowsWithNoGap() throws {
        var board = RecordingBoard(content: try TestContent.plain("#c00000", version: "version 1"), at: start)
        board.frames(3)
        let boundary = try #require(board.shown?.nextBoundary(after: board.now))
        var blue = try TestContent.plain("#0000c0", version: "version 2")
        blue.activateAt = boundary
        board.send(.content(blue))
        #expect(board.logged("takes over at"))
        var colours: [Color] = []
        while board.now < boundary.advanced(byNanoseconds: 100_000_000) {
            board.frames(1)
            if let shown = board.shown, !board.dark { colours.append(shown.main.background) }
            if board.now < boundary {
                #expect(board.shown?.main.background == Color(red: 0xC0, green: 0, blue: 0), "held until the boundary")
            }
        }
        #expect(board.shown == blue.scheduler!.scene(at: board.now))
        #expect(colours.allSatisfy { $0 == Color(red: 0xC0, green: 0, blue: 0) || $0 == Color(red: 0, green: 0, blue: 0xC0) })
        #expect(!board.dark)
        // The red item played to its planned end: completed, not cut.
        let redItems = board.records.filter {
            guard case .item = $0.subject else { return false }
            return $0.contentVersion == "version 1"
        }
        #expect(redItems.contains { $0.outcome == .completed && $0.end == boundary }, "\(redItems)")
    }

    @Test func aLaterUpdateReplacesOneStillWaiting() throws {
        var board = RecordingBoard(content: try TestContent.plain("#c00000", version: "version 1"), at: start)
        board.frames(2)
        let boundary = try #require(board.shown?.nextBoundary(after: board.now))
        var blue = try TestContent.plain("#0000c0", version: "version 2")
        blue.activateAt = boundary
        board.send(.content(blue))
        var green = try TestContent.plain("#00c000", version: "version 3")
        green.activateAt = boundary
        board.send(.content(green))
        board.run(until: boundary.advanced(byNanoseconds: 50_000_000))
        #expect(board.shown?.main.background == Color(red: 0, green: 0xC0, blue: 0))
    }
}
