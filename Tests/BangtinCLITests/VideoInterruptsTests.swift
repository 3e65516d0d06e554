import Foundation
import Testing

@testable import BangtinCLI

/// The handling of SIGINT, SIGTERM and SIGHUP is what it was once a video ends, and a signal
/// ignored before (nohup) is left alone. No signal is sent: the dispositions are read.
@Suite(.serialized) struct VideoInterruptsTests {
    static func handler(_ number: Int32) -> Int {
        var action = sigaction()
        sigaction(number, nil, &action)
        return unsafeBitCast(action.__sigaction_handler.sa_handler, to: Int.self)
    }

    @Test func theHandlingBeforeIsPutBack() {
        let before = [SIGINT, SIGTERM, SIGHUP].map(Self.handler)
        // A previous handling of SIGHUP: ignored, as under nohup.
        let hangUp = signal(SIGHUP, SIG_IGN)
        defer { signal(SIGHUP, hangUp) }
        let watching = VideoInterrupts(ffmpeg: pid_t.max, part: "/nonexistent/part", log: "/nonexistent/log")
        #expect(Self.handler(SIGINT) != before[0] || before[0] == 1, "SIGINT is handled while the video is written")
        #expect(Self.handler(SIGHUP) == 1, "SIGHUP, ignored before, stays ignored")
        watching.end()
        #expect(Self.handler(SIGINT) == before[0] && Self.handler(SIGTERM) == before[1], "put back")
        #expect(Self.handler(SIGHUP) == 1)
        watching.end()
    }
}
