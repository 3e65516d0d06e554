import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// Which warnings a board shows, from every message it received, its area and the instant.
@Suite struct AlertActivityTests {
    static let t0 = Fixtures.instant("2026-11-24T10:00:00+07:00")
    static let khanhHoa = BoardArea(
        province: "56", commune: "22333", location: GeoPoint(latitude: 12.2388, longitude: 109.1967))

    static func storm(
        _ id: String = "PCTT-KH-2026-09", sent: Instant = t0, kind: WarningMessage.Kind = .alert,
        status: WarningMessage.Status = .actual, references: [WarningMessage.Reference] = [],
        codes: [String] = ["56"], headline: String = "Bão số 9 đổ bộ Khánh Hòa", expiresHours: Int64 = 12,
        effective: Instant? = nil
    ) -> WarningMessage {
        WarningMessage(
            identifier: id, sender: "pctt.khanhhoa.gov.vn", sent: sent, status: status, kind: kind, references: references,
            infos: [
                WarningInfo(
                    event: "Bão", urgency: .immediate, severity: .severe, certainty: .likely, riskLevel: RiskLevel(4),
                    effective: effective, expires: sent.advanced(byNanoseconds: expiresHours * 3_600_000_000_000),
                    senderName: "Ban Chỉ huy PCTT và TKCN tỉnh Khánh Hòa", headline: headline,
                    instruction: "Tàu thuyền không ra khơi. Người dân chằng chống nhà cửa.",
                    areas: [WarningArea(description: "Tỉnh Khánh Hòa", codes: codes)])
            ])
    }

    @Test func anAlertForTheBoardsProvinceOrCommuneShowsUntilItExpires() {
        let storm = Self.storm()
        let shown = AlertActivity.active([storm], board: Self.khanhHoa, at: Self.t0)
        #expect(shown.map(\.headline) == ["Bão số 9 đổ bộ Khánh Hòa"])
        #expect(shown.first?.level == RiskLevel(4) && shown.first?.area == "Tỉnh Khánh Hòa")
        #expect(AlertActivity.active([Self.storm(codes: ["22333"])], board: Self.khanhHoa, at: Self.t0).count == 1)
        #expect(AlertActivity.active([Self.storm(codes: ["48"])], board: Self.khanhHoa, at: Self.t0).isEmpty)
        let later = Self.t0.advanced(byNanoseconds: 12 * 3_600_000_000_000)
        #expect(AlertActivity.active([storm], board: Self.khanhHoa, at: later).isEmpty, "expired")
        #expect(AlertActivity.nextChange([storm], after: Self.t0) == later)
    }

    @Test func oldDistrictCodesAreNotGuessedAt() {
        // A 3-digit district code of the lists before July 2025 covers nothing.
        #expect(AlertActivity.active([Self.storm(codes: ["568"])], board: Self.khanhHoa, at: Self.t0).isEmpty)
        #expect(AlertActivity.active([Self.storm(codes: ["5"])], board: Self.khanhHoa, at: Self.t0).isEmpty)
    }

    @Test func notYetEffectiveIsNotShown() {
        let later = Self.storm(effective: Self.t0.advanced(byNanoseconds: 3_600_000_000_000))
        #expect(AlertActivity.active([later], board: Self.khanhHoa, at: Self.t0).isEmpty)
        #expect(AlertActivity.nextChange([later], after: Self.t0) == Self.t0.advanced(byNanoseconds: 3_600_000_000_000))
    }

    @Test func anUpdateReplacesAndACancelEndsTheChain() {
        let first = Self.storm()
        let update = Self.storm(
            "PCTT-KH-2026-09b", sent: Self.t0.advanced(byNanoseconds: 600_000_000_000), kind: .update,
            references: [first.key], headline: "Bão số 9 mạnh cấp 12, đổ bộ trong 3 giờ tới")
        var shown = AlertActivity.active([first, update], board: Self.khanhHoa, at: update.sent)
        #expect(shown.map(\.headline) == ["Bão số 9 mạnh cấp 12, đổ bộ trong 3 giờ tới"])
        let cancel = Self.storm(
            "PCTT-KH-2026-09c", sent: Self.t0.advanced(byNanoseconds: 1_200_000_000_000), kind: .cancel,
            references: [first.key, update.key])
        shown = AlertActivity.active([update, cancel, first], board: Self.khanhHoa, at: cancel.sent)
        #expect(shown.isEmpty)
    }

    @Test func aReplayOfAnOlderSentIsIgnored() {
        let newer = Self.storm(sent: Self.t0.advanced(byNanoseconds: 60_000_000_000), headline: "Bản tin mới")
        let older = Self.storm(sent: Self.t0, headline: "Bản tin cũ")
        let shown = AlertActivity.active([newer, older], board: Self.khanhHoa, at: newer.sent)
        #expect(shown.map(\.headline) == ["Bản tin mới"])
    }

    @Test func exercisesAndTestsShowOnlyWhenTheBoardIsSetToShowThem() {
        let drill = Self.storm(status: .exercise, headline: "Diễn tập ứng phó bão")
        #expect(AlertActivity.active([drill], board: Self.khanhHoa, at: Self.t0).isEmpty)
        let shown = AlertActivity.active([drill], board: Self.khanhHoa, at: Self.t0, showExercises: true)
        #expect(shown.count == 1 && shown[0].isExercise)
        #expect(
            AlertActivity.active([Self.storm(status: .draft)], board: Self.khanhHoa, at: Self.t0, showExercises: true).isEmpty)
    }

    @Test func polygonsAndCirclesContainTheBoardsPosition() {
        let nhaTrang = GeoPoint(latitude: 12.2388, longitude: 109.1967)
        let coast = [
            GeoPoint(latitude: 12.0, longitude: 109.0), GeoPoint(latitude: 12.5, longitude: 109.0),
            GeoPoint(latitude: 12.5, longitude: 109.4), GeoPoint(latitude: 12.0, longitude: 109.4),
            GeoPoint(latitude: 12.0, longitude: 109.0),
        ]
        let board = BoardArea(location: nhaTrang)
        #expect(board.isCovered(by: WarningArea(polygons: [coast])))
        #expect(!BoardArea(location: GeoPoint(latitude: 11.9, longitude: 109.2)).isCovered(by: WarningArea(polygons: [coast])))
        // Cam Ranh is about 37 km from Nha Trang.
        let camRanh = GeoPoint(latitude: 11.9214, longitude: 109.1591)
        #expect(GeoShapes.distanceKilometres(nhaTrang, camRanh) > 34 && GeoShapes.distanceKilometres(nhaTrang, camRanh) < 40)
        #expect(board.isCovered(by: WarningArea(circles: [(camRanh, 40)])))
        #expect(!board.isCovered(by: WarningArea(circles: [(camRanh, 30)])))
        #expect(!BoardArea(province: "56").isCovered(by: WarningArea(circles: [(camRanh, 400)])), "no position, no shape match")
    }

    /// Random histories of alerts, updates and cancels, in random arrival orders: the answer
    /// is the same for every order, never shows a cancelled, expired, superseded, test or
    /// foreign message, and always shows the newest live message of a chain nothing ended.
    @Test(arguments: 0..<200)
    func activityIsAPureFunctionOfTheMessagesReceived(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var messages: [WarningMessage] = []
        for index in 0..<Int.random(in: 1...8, using: &random) {
            let sent = Self.t0.advanced(byNanoseconds: Int64.random(in: 0...7_200, using: &random) * 1_000_000_000)
            let kind: WarningMessage.Kind = [.alert, .alert, .update, .cancel].randomElement(using: &random)!
            let references = messages.isEmpty || kind == .alert ? [] : [messages.randomElement(using: &random)!.key]
            let status: WarningMessage.Status = [.actual, .actual, .actual, .test].randomElement(using: &random)!
            let codes = [["56"], ["22333"], ["48"], ["79"]].randomElement(using: &random)!
            messages.append(
                Self.storm(
                    "M\(index)", sent: sent, kind: kind, status: status, references: references, codes: codes,
                    headline: "Tin \(index)", expiresHours: Int64.random(in: 1...3, using: &random)))
        }
        let instant = Self.t0.advanced(byNanoseconds: Int64.random(in: 0...10_800, using: &random) * 1_000_000_000)
        let shown = AlertActivity.active(messages, board: Self.khanhHoa, at: instant)
        #expect(AlertActivity.active(messages.shuffled(using: &random), board: Self.khanhHoa, at: instant) == shown)
        let ended = Set(messages.filter { $0.kind != .alert }.flatMap { $0.references.map(\.identifier) })
        for alert in shown {
            let message = messages.first { $0.identifier == alert.id }!
            #expect(message.kind == .alert || message.kind == .update)
            #expect(!ended.contains(alert.id))
            #expect(message.status == .actual)
            #expect(message.sent <= instant && instant < message.infos[0].expires!)
            #expect(message.infos[0].areas[0].codes != ["48"] && message.infos[0].areas[0].codes != ["79"])
        }
        for message in messages {
            let live =
                (message.kind == .alert || message.kind == .update) && !ended.contains(message.identifier)
                && message.status == .actual && message.sent <= instant && instant < message.infos[0].expires!
                && (message.infos[0].areas[0].codes == ["56"] || message.infos[0].areas[0].codes == ["22333"])
            #expect(shown.contains { $0.id == message.identifier } == live, "\(message.identifier)")
        }
    }
}

/// The Decision 18/2021 colours with the text drawn on them.
@Suite struct RiskLevelColourTests {
    /// WCAG 2 relative luminance.
    static func luminance(_ color: Color) -> Double {
        func channel(_ value: UInt8) -> Double {
            let c = Double(value) / 255
            return c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        return 0.2126 * channel(color.red) + 0.7152 * channel(color.green) + 0.0722 * channel(color.blue)
    }

    /// Text on every level's colour has at least WCAG AA's 4.5 : 1 contrast.
    @Test(arguments: 1...5)
    func textIsReadableOnEveryLevel(value: Int) throws {
        let level = try #require(RiskLevel(value))
        let (a, b) = (Self.luminance(level.color), Self.luminance(level.textColor))
        let ratio = (max(a, b) + 0.05) / (min(a, b) + 0.05)
        #expect(ratio >= 4.5, "level \(value): \(ratio)")
    }

    @Test func severityGivesALevelWhenTheMessageNamesNone() {
        #expect(WarningInfo(severity: .extreme).level == RiskLevel(5))
        #expect(WarningInfo(severity: .severe).level == RiskLevel(4))
        #expect(WarningInfo(severity: .moderate).level == RiskLevel(3))
        #expect(WarningInfo(severity: .minor).level == RiskLevel(2))
        #expect(WarningInfo(severity: .unknown).level == RiskLevel(1))
        #expect(WarningInfo(severity: .minor, riskLevel: RiskLevel(5)).level == RiskLevel(5))
    }
}
