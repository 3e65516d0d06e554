import BangtinTestSupport
import Dispatch
import Foundation
import Logging
import Synchronization
import Testing

@testable import BangtinPlayer

/// The queue between the MQTT thread and the warning checks: order kept, bounded, drops counted
/// and logged sparingly, and a prompt stop, with no broker.
@Suite struct AlertIntakeTests {
    /// What the handler was given, and a gate that holds it (a slow disk, a slow check).
    final class Handled: Sendable {
        let documents = Mutex<[(bytes: [UInt8], via: String)]>([])
        let gate = DispatchSemaphore(value: 0)
        let held: Bool

        init(held: Bool) { self.held = held }

        @Sendable func take(_ bytes: [UInt8], _ via: String) {
            if held { gate.wait() }
            documents.withLock { $0.append((bytes, via)) }
        }

        var count: Int { documents.withLock { $0.count } }

        func wait(for count: Int, seconds: Double = 5) -> Bool {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                if self.count >= count { return true }
                usleep(1_000)
            }
            return self.count >= count
        }
    }

    static func logger(_ lines: LogLines) -> Logger { Logger(label: "intake") { _ in lines } }

    @Test func documentsAreHandedOnInOrderOffTheCallersThread() throws {
        let handled = Handled(held: false)
        let caller = pthread_self()
        let onCaller = Mutex(0)
        let intake = AlertIntake(logger: Fixtures.quietLogger) { bytes, via in
            if pthread_equal(pthread_self(), caller) != 0 { onCaller.withLock { $0 += 1 } }
            handled.take(bytes, via)
        }
        intake.start()
        defer { intake.stop() }
        for index in 0..<50 { #expect(intake.add([UInt8(index)], via: "MQTT bangtin/56/alerts")) }
        try #require(handled.wait(for: 50))
        #expect(handled.documents.withLock { $0.map(\.bytes) } == (0..<50).map { [UInt8($0)] })
        #expect(handled.documents.withLock { $0.allSatisfy { $0.via == "MQTT bangtin/56/alerts" } })
        #expect(onCaller.withLock { $0 } == 0, "handed on by the intake's thread, never the caller's")
        #expect(intake.dropped == 0)
    }

    @Test func aFullQueueDropsTheNewestCountsThemAndLogsTheFirstAndEveryHundredth() throws {
        let handled = Handled(held: true)
        let lines = LogLines()
        let intake = AlertIntake(maximumCount: 64, maximumBytes: 8 << 20, logger: Self.logger(lines), handler: handled.take)
        intake.start()
        defer {
            for _ in 0..<400 { handled.gate.signal() }
            intake.stop()
        }
        // The first is taken by the thread (and held); 64 more wait; the rest are dropped.
        #expect(intake.add([0], via: "MQTT a"))
        let deadline = Date().addingTimeInterval(5)
        while intake.waiting > 0 && Date() < deadline { usleep(1_000) }
        var queued = 0
        for index in 1...300 where intake.add([UInt8(index % 256)], via: "MQTT a") { queued += 1 }
        #expect(queued == 64)
        #expect(intake.waiting == 64)
        #expect(intake.dropped == 236)
        #expect(lines.firstLine(containing: "(1 dropped so far)") != nil)
        #expect(lines.firstLine(containing: "(100 dropped so far)") != nil)
        #expect(lines.firstLine(containing: "(200 dropped so far)") != nil)
        #expect(lines.firstLine(containing: "(2 dropped so far)") == nil, "not every drop is logged")
        #expect(lines.firstLine(containing: "dropped a 1-byte message from MQTT a") != nil)
        // The ones kept are the oldest, in order.
        for _ in 0..<65 { handled.gate.signal() }
        try #require(handled.wait(for: 65))
        #expect(handled.documents.withLock { $0.map { Int($0.bytes[0]) } } == Array(0...64))
    }

    @Test func theByteBoundHoldsBeforeTheCountBound() {
        let handled = Handled(held: true)
        let intake = AlertIntake(maximumCount: 64, maximumBytes: 8 << 20, logger: Fixtures.quietLogger, handler: handled.take)
        // Not started: nothing leaves the queue.
        let twoMB = [UInt8](repeating: 0x7B, count: 2 << 20)
        let accepted = (0..<10).filter { _ in intake.add(twoMB, via: "MQTT b") }.count
        #expect(accepted == 4, "8 MB holds four 2 MB documents")
        #expect(intake.dropped == 6)
        #expect(!intake.add([UInt8](repeating: 0, count: (8 << 20) + 1), via: "MQTT c"), "one over the whole bound")
        #expect(intake.add([1], via: "MQTT d") == false, "full to the byte")
        intake.stop()
    }

    @Test func stopIsPromptWithAHandlerStuckAndWaitingDocumentsAreDropped() {
        let handled = Handled(held: true)
        let intake = AlertIntake(logger: Fixtures.quietLogger, handler: handled.take)
        intake.start()
        for index in 0..<10 { intake.add([UInt8(index)], via: "MQTT e") }
        let deadline = Date().addingTimeInterval(5)
        while intake.waiting > 9 && Date() < deadline { usleep(1_000) }
        let clock = ContinuousClock()
        let began = clock.now
        let ended = intake.stop(waitingUpTo: 0.2)
        let took = clock.now - began
        #expect(!ended, "the handler is stuck: stop does not wait for it")
        #expect(took < .seconds(1), "\(took)")
        #expect(intake.waiting == 0)
        #expect(!intake.add([1], via: "MQTT e"), "a stopped intake takes nothing")
        handled.gate.signal()
        #expect(handled.wait(for: 1))
        usleep(100_000)
        #expect(handled.count == 1, "nothing after the document in hand")
    }

    @Test func stopEndsAnIdleThreadAtOnce() {
        let intake = AlertIntake(logger: Fixtures.quietLogger) { _, _ in }
        intake.start()
        let clock = ContinuousClock()
        let began = clock.now
        #expect(intake.stop())
        #expect(clock.now - began < .milliseconds(500))
    }
}
