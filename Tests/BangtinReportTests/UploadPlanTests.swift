import BangtinCore
import Testing

@testable import BangtinReport

/// The uploader's decisions, without a server or a clock.
@Suite struct UploadPlanTests {
    var plan = UploadPlan(backoff: Backoff(base: .seconds(5), cap: .seconds(300)))

    @Test func theNewestStatusAndScreenshotGoBeforeTheBacklog() {
        var plan = plan
        #expect(plan.next(now: .zero) == .send(.batch))
        plan.offerStatus([1])
        plan.offerScreenshot([2])
        plan.offerStatus([3])
        #expect(plan.next(now: .zero) == .send(.status([3], generation: 3)))
        plan.sent(.status([3], generation: 3))
        #expect(plan.next(now: .zero) == .send(.screenshot([2], generation: 2)))
        plan.sent(.screenshot([2], generation: 2))
        #expect(plan.next(now: .zero) == .send(.batch))
    }

    @Test func aStatusOfferedWhileOneWasGoingStaysToBeSent() {
        var plan = plan
        plan.offerStatus([1])
        let going = plan.next(now: .zero)
        plan.offerStatus([2])
        guard case .send(let item) = going else { return #expect(Bool(false)) }
        plan.sent(item)
        #expect(plan.next(now: .zero) == .send(.status([2], generation: 2)))
    }

    @Test func failuresWaitLongerEachTimeUpToTheCapAndRetryTheSameThing() {
        var plan = plan
        var now = Duration.zero
        var waits: [Duration] = []
        for _ in 0..<10 {
            #expect(plan.next(now: now) == .send(.batch))
            let wait = plan.failed(.batch, now: now, random: 1)
            waits.append(wait)
            #expect(plan.next(now: now + wait - .milliseconds(1)) == .wait(until: now + wait))
            now += wait
        }
        #expect(
            waits.prefix(7) == [
                .seconds(5), .seconds(10), .seconds(20), .seconds(40), .seconds(80), .seconds(160), .seconds(300),
            ])
        #expect(waits.last == .seconds(300))
        plan.sent(.batch)
        #expect(plan.failures == 0 && plan.next(now: now) == .send(.batch))
        #expect(plan.failed(.batch, now: now, random: 0) == .milliseconds(2_500), "jitter: half the step for sure")
    }

    @Test func aFailedStatusWaitsOutTheBackoffAndGoesAgainOnceABatchWasTried() {
        var plan = plan
        plan.offerStatus([1])
        plan.failed(.status([1], generation: 1), now: .zero, random: 1)
        #expect(plan.next(now: .seconds(1)) == .wait(until: .seconds(5)))
        // A server refusing the status (too large, say) does not hold back the records.
        #expect(plan.next(now: .seconds(5)) == .send(.batch))
        plan.sent(.batch)
        #expect(plan.next(now: .seconds(5)) == .send(.batch), "the backlog goes on back to back")
        plan.drained()
        #expect(plan.next(now: .seconds(5)) == .send(.status([1], generation: 1)), "nothing else to send: the status again")
        plan.failed(.status([1], generation: 1), now: .seconds(5), random: 1)
        plan.offerStatus([2])
        #expect(plan.next(now: .seconds(6)) == .wait(until: .seconds(10)), "a new status does not cut the backoff short")
        #expect(plan.next(now: .seconds(10)) == .send(.batch), "and it asks the source again")
    }

    @Test func anEmptySourceIsAskedAgainWhenWokenOrIdleLongEnough() {
        var plan = plan
        plan.drained()
        #expect(plan.next(now: .zero) == .idle)
        plan.offerStatus([1])
        #expect(plan.next(now: .zero) == .send(.status([1], generation: 1)))
        plan.sent(.status([1], generation: 1))
        #expect(plan.next(now: .zero) == .send(.batch), "a status also asks the source again")
        plan.drained()
        #expect(plan.next(now: .zero) == .idle)
        plan.lookAgain()
        #expect(plan.next(now: .zero) == .send(.batch))
        plan.drained()
        plan.failed(.batch, now: .zero, random: 0)
        plan.wake()
        #expect(plan.next(now: .zero) == .send(.batch), "uploadNow cuts the backoff short")
    }

    @Test func boardIdsArePercentEncodedInPaths() throws {
        #expect(try ReportPaths.folder(baseURL: "https://s.vn/reports/", board: "hn-001") == "https://s.vn/reports/hn-001/")
        #expect(ReportPaths.encode("Hà Nội/1") == "H%C3%A0%20N%E1%BB%99i%2F1")
        #expect(ReportPaths.encode("..") == "%2E%2E")
        #expect(ReportPaths.encode("000000000001-000000000500") == "000000000001-000000000500")
    }

    /// nginx resolved `x%2F..%2Fboard-a` into board-a's folder: an id outside the safe set makes
    /// no URL, whatever encoding would have made of it.
    @Test func aBoardIdOutsideTheSafeSetMakesNoReportURL() {
        for board in [
            "x/../board-a", "..", ".hidden", "-x", "Hà Nội", "a b", "a%2Fb", "a\u{1B}[2J", "", String(repeating: "a", count: 65),
        ] {
            #expect(throws: ReportPathError.self, "\(board)") {
                try ReportPaths.folder(baseURL: "https://s.vn/reports/", board: board)
            }
        }
        do {
            _ = try ReportPaths.folder(baseURL: "https://s.vn/reports/", board: "x/../board-a")
        } catch {
            #expect(
                error.description
                    == "board: \"x/../board-a\" may hold only letters A–Z a–z, digits, '.', '_' and '-' (1–64, not starting with '.' or '-'): it names files on the source system; no report URL was made from it"
            )
        }
    }
}
