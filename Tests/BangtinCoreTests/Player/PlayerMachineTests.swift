import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// The kiosk player's decisions, tested without a display: a mock clock, a recording board.
@Suite struct PlayerMachineTests {
    let start = TestContent.at("2026-11-23T08:05:00")

    @Test func opensTheBoardsWindowAndShowsTheSceneOfTheInstant() throws {
        let content = try TestContent.update("market-p10-384x192/layout.json")
        var board = RecordingBoard(content: content, at: start)
        #expect(board.windows == [PixelSize(width: 384, height: 192)])
        board.frame()
        #expect(board.shown == content.scheduler!.scene(at: start))
        #expect(board.wholeDraws == 1)
        #expect(board.ready.count == 1 && board.ready[0].contains("first frame shown"))
        #expect(board.lookAheads == [start], "what comes next is prepared from the first frame on")
        // Steady frames redraw only what moved (the ticker), never the whole board.
        board.frames(120)
        #expect(board.wholeDraws == 1 && board.partialDraws > 60)
        #expect(board.shown == content.scheduler!.scene(at: board.now))
    }

    @Test func reloadAsksTheLoaderAndShowsTheNewContentAtOnce() throws {
        var board = RecordingBoard(content: try TestContent.plain("#c00000", version: "1"), at: start)
        board.frames(3)
        board.send(.reload)
        #expect(board.reloadsAsked == 1)
        #expect(board.logged("SIGHUP"))
        let blue = try TestContent.plain("#0000c0", version: "2")
        board.send(.content(blue))
        board.frames(1)
        #expect(board.shown?.main.background == Color(red: 0, green: 0, blue: 0xC0))
        #expect(board.shown == blue.scheduler!.scene(at: board.now))
        #expect(board.windows.count == 1, "the same board size keeps the window")
        let cut = board.records.filter { $0.outcome == .interrupted(.contentChanged) }
        #expect(!cut.isEmpty && cut.allSatisfy { $0.contentVersion == "1" })
    }

    @Test func aFailedReloadKeepsThePreviousContentAndSaysWhy() throws {
        let red = try TestContent.plain("#c00000")
        var board = RecordingBoard(content: red, at: start)
        board.frames(2)
        board.send(
            .content(ContentUpdate(config: red.config, scheduler: nil, problem: "layout.json: regions[0].frame: is required")))
        board.frames(2)
        #expect(board.shown == red.scheduler!.scene(at: board.now), "still the last good content")
        #expect(!board.dark)
        #expect(board.machine.status(at: board.monotonic).contentProblem == "layout.json: regions[0].frame: is required")
    }

    @Test func aNewBoardSizeReopensTheWindowAndDrawsItWhole() throws {
        var board = RecordingBoard(content: try TestContent.plain("#c00000", width: 384, height: 192), at: start)
        board.frames(2)
        let small = try TestContent.plain("#00c000", width: 192, height: 64)
        board.send(.content(small))
        #expect(board.windows == [PixelSize(width: 384, height: 192), PixelSize(width: 192, height: 64)])
        let whole = board.wholeDraws
        board.frames(1)
        #expect(board.wholeDraws == whole + 1)
        #expect(board.shown?.size == PixelSize(width: 192, height: 64))
    }

    @Test func aNewWindowPlacementReopensTheWindow() throws {
        var config = PlayerConfig()
        config.window = .borderless
        var board = RecordingBoard(content: try TestContent.plain("#c00000", config: config), at: start)
        config.x = 384
        board.send(.content(try TestContent.plain("#c00000", config: config)))
        #expect(board.windows.count == 2)
        config.hours = BoardHours(operating: [Daypart(startMinute: 300, endMinute: 1320)])
        board.send(.content(try TestContent.plain("#c00000", config: config)))
        #expect(board.windows.count == 2, "operating hours do not move the window")
    }

    @Test func outsideOperatingHoursTheBoardIsDarkAndPlaysAreClosed() throws {
        var config = PlayerConfig()
        config.hours = BoardHours(operating: [Daypart(startMinute: 5 * 60, endMinute: 22 * 60)])
        var board = RecordingBoard(
            content: try TestContent.update("market-p10-384x192/layout.json", config: config),
            at: TestContent.at("2026-11-23T21:59:58"))
        board.frames(10)
        #expect(!board.dark && board.shown != nil)
        board.run(until: TestContent.at("2026-11-23T22:00:00.5"))
        #expect(board.dark && board.shown == nil)
        #expect(board.records.contains { $0.outcome == .interrupted(.boardOff) })
        // Dark: the loop looks at the clock four times a second.
        let sleeps = board.sleeps.suffix(3)
        #expect(sleeps.allSatisfy { $0 > board.monotonic - 1 } || board.sleeps.last! - board.monotonic <= 250_000_000)
        let drawsWhileDark = board.wholeDraws + board.partialDraws
        board.run(until: TestContent.at("2026-11-23T23:00:00"))
        #expect(board.wholeDraws + board.partialDraws == drawsWhileDark, "nothing drawn while dark")
        board.run(until: TestContent.at("2026-11-24T05:00:00.2"))
        #expect(!board.dark && board.shown != nil, "lit again at 05:00")
        #expect(board.wholeDraws > 1)
    }

    @Test func aDarkStartAnnouncesItselfAsReady() throws {
        var config = PlayerConfig()
        config.hours = BoardHours(operating: [Daypart(startMinute: 18 * 60, endMinute: 6 * 60)])
        var board = RecordingBoard(content: try TestContent.plain("#c00000", config: config), at: start)
        board.frame()
        #expect(board.dark)
        #expect(board.ready.first?.contains("dark") == true)
    }

    @Test func brightnessDimsTheWholeBoardWhenItChanges() throws {
        var config = PlayerConfig()
        config.hours = BoardHours(brightness: [(Daypart(startMinute: 18 * 60, endMinute: 6 * 60), 40)])
        var board = RecordingBoard(
            content: try TestContent.update("market-p10-384x192/layout.json", config: config),
            at: TestContent.at("2026-11-23T17:59:59"))
        board.frames(5)
        #expect(board.brightness == 100)
        let whole = board.wholeDraws
        board.run(until: TestContent.at("2026-11-23T18:00:00.1"))
        #expect(board.brightness == 40)
        #expect(board.wholeDraws == whole + 1, "a new brightness redraws everything once")
        board.frames(30)
        #expect(board.wholeDraws == whole + 1)
    }

    @Test func waitingScreenNamesTheLatestProblem() throws {
        let first = ContentUpdate(config: PlayerConfig(), scheduler: nil, problem: "schedule.json: cannot read the file")
        var board = RecordingBoard(content: first, at: start)
        #expect(board.windows == [PixelSize(width: 1280, height: 720)])
        board.frame()
        #expect(board.shown?.decision.reason == .waiting)
        #expect(waitingText(board.shown)?.contains("schedule.json: cannot read the file") == true)
        board.send(
            .content(
                ContentUpdate(
                    config: PlayerConfig(), scheduler: nil, problem: "sang/layout.json: line 3, column 5: expected a value")))
        board.frames(1)
        #expect(waitingText(board.shown)?.contains("sang/layout.json: line 3") == true, "the newest problem, not the first")
        let good = try TestContent.plain("#0000c0", width: 1280, height: 720)
        board.send(.content(good))
        board.frames(1)
        #expect(board.shown == good.scheduler!.scene(at: board.now))
        #expect(board.records.isEmpty || board.records.allSatisfy { $0.subject != .layout(WaitingScreen.layoutName) })
    }

    func waitingText(_ scene: Scene?) -> String? {
        guard let scene else { return nil }
        return scene.main.regions.compactMap { region -> String? in
            if case .clock(let text, _) = region.content { return text }
            return nil
        }.first
    }

    @Test func aSteppedWallClockIsFollowedAndItsJitterIgnored() throws {
        let content = try TestContent.update("xa-tan-phu-tuan")
        var board = RecordingBoard(content: content, at: TestContent.at("2026-11-28T10:00:00"))
        board.frames(10)
        // Half a second of wall-clock jitter: animation stays on the monotonic clock.
        board.realtime = board.realtime.advanced(byNanoseconds: 500_000_000)
        board.frames(1)
        #expect(!board.logged("wall clock stepped"))
        // NTP sets the clock an hour and a half on: the board follows at once.
        board.realtime = board.realtime.advanced(byNanoseconds: 5_400_000_000_000)
        board.frames(1)
        #expect(board.logged("wall clock stepped"))
        #expect(board.shown == content.scheduler!.scene(at: board.now))
        #expect(board.records.contains { $0.outcome == .interrupted(.clockChanged) })
        // And back: a clock set backwards shows the earlier scene again.
        board.realtime = TestContent.at("2026-11-28T10:00:30")
        board.frames(1)
        #expect(board.shown == content.scheduler!.scene(at: board.now))
    }

    @Test func alertsPreemptEverythingOnTheNextFrameAndLightADarkBoard() throws {
        var config = PlayerConfig()
        config.hours = BoardHours(operating: [Daypart(startMinute: 5 * 60, endMinute: 22 * 60)])
        let content = try TestContent.update("xa-tan-phu-tuan", config: config)
        var board = RecordingBoard(content: content, at: TestContent.at("2026-11-28T19:00:05"))
        board.frames(3)
        #expect(board.shown?.decision.reason == .rotation)
        let storm = Alert(
            id: "KTTV-2026-11-28-01", sender: "Đài Khí tượng Thủy văn tỉnh", sent: board.now, level: RiskLevel(4),
            headline: "Bão số 15 đổ bộ, gió giật cấp 12", description: "Mưa rất to từ chiều nay.",
            instruction: "Không ra khơi, gia cố nhà cửa.")
        board.send(.alerts([storm]))
        board.frames(1)
        #expect(board.shown?.decision.reason == .alert)
        #expect(board.shown?.decision.alerts == [storm.id])
        #expect(board.shown == content.scheduler!.scene(at: board.now, alerts: [storm]))
        #expect(board.shown?.overlays.isEmpty == true, "nothing is drawn over a warning")
        #expect(board.records.contains { $0.outcome == .interrupted(.alert) })
        // Past operating hours the warning keeps the board lit.
        board.run(until: TestContent.at("2026-11-28T22:00:01"))
        #expect(!board.dark && board.shown?.decision.reason == .alert)
        board.send(.alerts([]))
        board.frames(1)
        #expect(board.dark, "the warning ended: back to the board's hours")
        let played = board.records.filter { $0.subject == .alert(storm.id) }
        #expect(played.count == 1 && played[0].outcome == .completed)
        #expect(played[0].durationNanoseconds > 10_000_000_000_000)
    }

    @Test func alertsShowWithoutAnyContent() throws {
        var board = RecordingBoard(
            content: ContentUpdate(config: PlayerConfig(), scheduler: nil, problem: "no content yet"), at: start)
        board.frame()
        #expect(board.shown?.decision.reason == .waiting)
        let fire = Alert(id: "PCCC-01", sender: "Công an xã", sent: start, headline: "Cháy chợ Tân Phú")
        board.send(.alerts([fire]))
        board.frames(1)
        #expect(board.shown?.decision.reason == .alert)
    }

    @Test func windowEvents() throws {
        var board = RecordingBoard(content: try TestContent.update("market-p10-384x192/layout.json"), at: start)
        board.frames(5)
        let whole = board.wholeDraws
        // Exposed: sent to the window again, not drawn again.
        board.send(.windowExposed)
        #expect(board.refreshes == 1)
        board.frames(1)
        #expect(board.wholeDraws == whole)
        board.send(.windowResized)
        board.frames(1)
        #expect(board.wholeDraws == whole + 1)
        board.send(.rendererLost)
        #expect(board.renderersRecreated == 1)
        board.frames(1)
        #expect(board.wholeDraws == whole + 2)
        board.send(.windowClosed)
        board.frames(1)
        #expect(board.stopped)
    }

    @Test func stoppingClosesEveryPlayAndReportsTheLastStatus() throws {
        var board = RecordingBoard(
            content: try TestContent.update("market-p10-384x192/layout.json"), at: start, stopAfter: 2_000_000_000)
        board.frames(60)
        #expect(!board.stopped)
        board.frames(70)
        #expect(board.stopped)
        #expect(board.records.contains { $0.outcome == .interrupted(.stopped) })
        #expect(board.statuses.last?.frames.frames ?? 0 > 30)
        #expect(board.logged("frame time p50"))
    }

    @Test func playsAreRecordedWithTheirPlannedLengths() throws {
        // The district board: pictures for 20 and 32 s, notices for 20, 20 and 12 s.
        let content = try TestContent.update("district-lcd-1920x1080/layout.json", version: "7")
        var board = RecordingBoard(content: content, at: TestContent.at("2026-11-23T08:00:00"))
        board.run(until: TestContent.at("2026-11-23T08:03:00"))
        let items = board.records.filter {
            if case .item(_, "anh", _) = $0.subject { return true }
            return false
        }
        // The first picture was already showing when the board started: shown for less.
        let firstFrame = TestContent.at("2026-11-23T08:00:01")
        let completed = items.filter { $0.outcome == .completed && $0.start > firstFrame }
        #expect(completed.count >= 2)
        for play in completed {
            let seconds = Double(play.durationNanoseconds) / 1e9
            #expect(
                [20.0, 32.0].contains { abs($0 - seconds) < 0.02 },
                "\(play.subject) lasted \(seconds) s from \(play.start) to \(play.end)")
            #expect(play.board == "bangtin" && play.contentVersion == "7" && play.lit && play.brightness == 100)
        }
    }

    /// At 60 frames a second (scenes made ready ahead and taken over when due), every change
    /// of scene is still seen as one: a play recorded, what comes next prepared.
    @Test func everyChangeIsSeenAtSixtyFramesASecond() throws {
        let content = try TestContent.update("district-lcd-1920x1080/layout.json")
        var board = RecordingBoard(content: content, at: TestContent.at("2026-11-23T08:00:00"))
        board.frames(60 * 75)
        let pictures = board.records.filter {
            if case .item(_, "anh", _) = $0.subject { return true }
            return false
        }
        // 75 s of pictures for 20 and 32 s: at least two changes, each one recorded.
        #expect(pictures.count >= 2, "\(board.records.count) records")
        // (The first picture was showing before the board started: seen for less.)
        let completed = pictures.filter { $0.outcome == .completed && $0.start > TestContent.at("2026-11-23T08:00:01") }
        for play in completed {
            let seconds = Double(play.durationNanoseconds) / 1e9
            #expect(
                [20.0, 32.0].contains { abs($0 - seconds) < 0.02 },
                "\(play.subject) lasted \(seconds) s, \(play.start)–\(play.end)")
        }
        #expect(!completed.isEmpty)
        #expect(!board.preloads.isEmpty)
        // The clock's minute and the pictures' and notices' changes each asked for look-ahead.
        #expect(board.lookAheads.count >= 4)
        #expect(board.shown == content.scheduler!.scene(at: board.now))
    }

    @Test func framesAreSpacedByThePeriodAndLateFramesBlamedRightly() throws {
        var board = RecordingBoard(content: try TestContent.update("market-p10-384x192/layout.json"), at: start)
        board.frame()
        board.frames(10)
        let deadlines = board.sleeps.suffix(5)
        #expect(zip(deadlines.dropFirst(), deadlines).allSatisfy { abs($0 - $1 - 16_666_667) <= 1 })
        // Woken 20 ms late with little work: the machine's fault.
        board.monotonic += 36_000_000
        board.frame()
        // A frame whose own work takes 12 ms of CPU: the player's.
        board.monotonic += 16_666_667
        board.frameCPU = 12_000_000
        board.frame(work: 12_000_000)
        board.frameCPU = 200_000
        board.monotonic += 16_666_667
        board.frame()
        let status = board.machine.status(at: board.monotonic)
        #expect(status.frames.lateByMachine == 1)
        #expect(status.frames.lateByPlayer >= 1)
        #expect(status.frames.maxCPUMilliseconds >= 12)
    }

    /// Half a second before each change of scene, a quiet frame asks for the next scene to be
    /// made ready; the frame that shows it shows exactly that scene.
    @Test func theNextSceneIsMadeReadyBeforeItIsDue() throws {
        let content = try TestContent.update("xa-tan-phu-tuan")
        let scheduler = try #require(content.scheduler)
        var board = RecordingBoard(content: content, at: TestContent.at("2026-11-28T18:59:58"))
        board.frames(180)
        let campaign = board.preloads.first { $0.decision.entry == "binh-dang-gioi" }
        #expect(
            campaign != nil,
            "the campaign sliding in at 19:00 was made ready before: \(board.preloads.map { "\($0.decision.summary)" })")
        #expect(campaign == scheduler.scene(at: TestContent.at("2026-11-28T19:00:00")))
        #expect(board.shown == scheduler.scene(at: board.now))
        // Every frame still shows the scene of its instant.
        for _ in 0..<90 {
            board.frames(1)
            #expect(board.shown == scheduler.scene(at: board.now))
        }
    }

    @Test func commandLineSettingsOutliveARereadConfiguration() {
        var file = PlayerConfig()
        file.window = .fullscreen
        file.x = 0
        file.content = "/var/lib/bangtin/content"
        let overrides = PlayerConfig.Overrides(content: "/media/usb/ban-tin", window: .borderless, x: 384)
        let applied = overrides.applied(to: file)
        #expect(applied.window == .borderless && applied.x == 384 && applied.content == "/media/usb/ban-tin")
        var reread = file
        reread.statsEvery = 60
        let again = overrides.applied(to: reread)
        #expect(again.window == .borderless && again.x == 384 && again.statsEvery == 60)
    }
}
