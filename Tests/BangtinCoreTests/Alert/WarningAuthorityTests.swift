import BangtinCore
import BangtinTestSupport
import Testing

/// Who may issue, update and cancel a warning, on which boards, and for how long
/// (`WarningAuthority`, `WarningScope`, `AlertActivity` with references naming `sent`).
@Suite struct WarningAuthorityTests {
    static let now = Fixtures.instant("2026-12-08T09:00:00+07:00")
    static let province = WarningAuthority.Signer(
        keyID: "1111111111111111", name: "pctt-khanh-hoa",
        scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56"], certifies: true))
    static let commune = WarningAuthority.Signer(
        keyID: "2222222222222222", name: "xa-tan-phu", scope: WarningScope(senders: ["ubnd@xatanphu.vn"], areas: ["22333"]))
    static let board = BoardArea(province: "56", commune: "22333")

    static func message(
        _ id: String = "KH-1", sender: String = "pctt@khanhhoa.gov.vn", kind: WarningMessage.Kind = .alert,
        references: [WarningMessage.Reference] = [], codes: [String]? = ["56"], sent: Instant = now,
        expires: Instant? = nil
    ) -> WarningMessage {
        WarningMessage(
            identifier: id, sender: sender, sent: sent, kind: kind, references: references,
            infos: [
                WarningInfo(
                    event: "Bão", severity: .extreme, expires: expires, headline: "Bão số 13",
                    areas: codes.map { [WarningArea(description: "Khánh Hòa", codes: $0)] } ?? [])
            ])
    }

    static func refusal(_ result: Result<WarningMessage, WarningAuthority.Refusal>) -> WarningAuthority.Refusal? {
        if case .failure(let refusal) = result { return refusal }
        return nil
    }

    @Test func aKeySignsOnlyForItsSendersAndAreas() {
        let judge = { (message: WarningMessage, signer: WarningAuthority.Signer) in
            Self.refusal(WarningAuthority.judge(message, signer: signer, board: Self.board, now: Self.now))
        }
        #expect(judge(Self.message(), Self.province) == nil)
        // The commune key in the province's name.
        #expect(judge(Self.message(), Self.commune) == .sender("pctt@khanhhoa.gov.vn", Self.commune))
        // In its own name, over the whole province.
        #expect(judge(Self.message(sender: "ubnd@xatanphu.vn"), Self.commune) == .area(code: "56", Self.commune))
        // In its own name, over a neighbouring commune.
        #expect(
            judge(Self.message(sender: "ubnd@xatanphu.vn", codes: ["22366"]), Self.commune)
                == .area(code: "22366", Self.commune))
        #expect(judge(Self.message(sender: "ubnd@xatanphu.vn", codes: ["22333"]), Self.commune) == nil)
        // A province key over another province.
        #expect(judge(Self.message(codes: ["68"]), Self.province) == .area(code: "68", Self.province))
        // A domain pattern.
        let domain = WarningScope(senders: ["*@khanhhoa.gov.vn"], areas: ["56"])
        #expect(domain.permits(sender: "pctt@khanhhoa.gov.vn"))
        #expect(!domain.permits(sender: "pctt@khanhhoa.gov.vn.evil.example"))
        #expect(!domain.permits(sender: "@khanhhoa.gov.vn"))
        #expect(!domain.permits(sender: "ubnd@xa.khanhhoa.gov.vn"), "a domain pattern is that domain only")
    }

    @Test func anUpdateOrCancelNeedsAKeyEntitledToTheOriginalAndItsSent() {
        let reference = WarningMessage.Reference(sender: "pctt@khanhhoa.gov.vn", identifier: "KH-1", sent: Self.now)
        let cancel = Self.message(
            "XA-HUY", sender: "ubnd@xatanphu.vn", kind: .cancel, references: [reference], codes: ["22333"])
        #expect(
            Self.refusal(WarningAuthority.judge(cancel, signer: Self.commune, board: Self.board, now: Self.now))
                == .reference(sender: "pctt@khanhhoa.gov.vn", identifier: "KH-1", Self.commune))
        var unsent = reference
        unsent.sent = nil
        let loose = Self.message("KH-HUY", kind: .cancel, references: [unsent])
        #expect(
            Self.refusal(WarningAuthority.judge(loose, signer: Self.province, board: Self.board, now: Self.now))
                == .referenceWithoutSent(identifier: "KH-1"))
    }

    @Test func aCancelOfAnEarlierIssueLeavesAReissueShowing() {
        let first = Self.message("KH-1", expires: Self.now.advanced(byNanoseconds: 7_200_000_000_000))
        let cancel = Self.message(
            "KH-1-HUY", kind: .cancel,
            references: [.init(sender: first.sender, identifier: first.identifier, sent: first.sent)])
        let later = Self.now.advanced(byNanoseconds: 600_000_000_000)
        var reissue = first
        reissue.sent = later
        let at = later.advanced(byNanoseconds: 60_000_000_000)
        #expect(AlertActivity.active([first, cancel], board: Self.board, at: at).isEmpty)
        #expect(AlertActivity.active([first, cancel, reissue], board: Self.board, at: at).map(\.id) == ["KH-1"])
    }

    @Test func oldAndFutureWarningsAreRefusedAndNoneLivesForever() {
        let day: Int64 = 86_400_000_000_000
        let old = Self.message(sent: Fixtures.instant("2020-10-18T12:00:00+07:00"))
        guard case .stale? = Self.refusal(WarningAuthority.judge(old, signer: Self.province, board: Self.board, now: Self.now))
        else {
            Issue.record("a replayed 2020 warning with no expiry must be stale")
            return
        }
        let ahead = Self.message(sent: Self.now.advanced(byNanoseconds: day))
        #expect(
            Self.refusal(WarningAuthority.judge(ahead, signer: Self.province, board: Self.board, now: Self.now))
                == .future(sent: ahead.sent, now: Self.now))
        // Without `expires` a warning lives 24 h from `sent`.
        let fresh = Self.message()
        #expect(AlertActivity.active([fresh], board: Self.board, at: Self.now.advanced(byNanoseconds: day - 1)).count == 1)
        #expect(AlertActivity.active([fresh], board: Self.board, at: Self.now.advanced(byNanoseconds: day)).isEmpty)
        #expect(AlertActivity.nextChange([fresh], after: Self.now) == Self.now.advanced(byNanoseconds: day))
    }

    @Test func whereAWarningAppliesIsInItsSignedContentNeverItsPath() {
        let arealess = Self.message(codes: nil)
        // A one-area key's area-less warning means that area…
        guard
            case .success(let taken) = WarningAuthority.judge(
                arealess, signer: Self.province, board: BoardArea(province: "79"), now: Self.now)
        else {
            Issue.record("a one-area key's area-less warning is taken as its area")
            return
        }
        #expect(taken.infos[0].areas.flatMap(\.codes) == ["56"])
        // …so it does not show on a board of province 79, whatever topic it came on.
        #expect(AlertActivity.active([taken], board: BoardArea(province: "79"), at: Self.now).isEmpty)
        #expect(AlertActivity.active([taken], board: Self.board, at: Self.now).count == 1)
        // A key of two areas cannot say which it means: refused.
        let two = WarningAuthority.Signer(
            keyID: "3333333333333333", name: "hai-tinh",
            scope: WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["56", "68"]))
        #expect(Self.refusal(WarningAuthority.judge(arealess, signer: two, board: Self.board, now: Self.now)) == .noArea(two))
        // An area-less message that reached AlertActivity another way covers no board.
        #expect(AlertActivity.active([arealess], board: Self.board, at: Self.now).isEmpty)
    }

    @Test func aKeyWarnsOnlyBoardsInItsScope() {
        // A province key, polygon over a board of another province that trusts it.
        var shaped = Self.message(codes: [])
        shaped.infos[0].areas = [
            WarningArea(
                description: "Vùng biển",
                circles: [(center: GeoPoint(latitude: 12.3, longitude: 109.2), radiusKilometres: 50)])
        ]
        let elsewhere = BoardArea(province: "68", location: GeoPoint(latitude: 12.3, longitude: 109.2))
        #expect(
            Self.refusal(WarningAuthority.judge(shaped, signer: Self.province, board: elsewhere, now: Self.now))
                == .board(elsewhere, Self.province))
    }

    @Test func scopesReadAndWriteAsKeyFilesHaveThem() throws {
        let scope = try WarningScope.parse("senders=pctt@khanhhoa.gov.vn,*@khanhhoa.gov.vn areas=56,22333 certifies")
        #expect(
            scope
                == WarningScope(senders: ["pctt@khanhhoa.gov.vn", "*@khanhhoa.gov.vn"], areas: ["56", "22333"], certifies: true))
        #expect(try WarningScope.parse(scope.text) == scope)
        #expect(throws: Problem.self) { try WarningScope.parse("senders=a@b areas=568") }
        #expect(throws: Problem.self) { try WarningScope.parse("senders=a\u{1B}[31m areas=56") }
        #expect(throws: Problem.self) { try WarningScope.parse("areas=56") }
        let province = WarningScope(senders: ["*@khanhhoa.gov.vn"], areas: ["56"], certifies: true)
        #expect(province.encloses(WarningScope(senders: ["ubnd.xa@khanhhoa.gov.vn"], areas: ["22333"])))
        #expect(!province.encloses(WarningScope(senders: ["ubnd.xa@khanhhoa.gov.vn"], areas: ["68"])))
        #expect(!province.encloses(WarningScope(senders: ["pctt@lamdong.gov.vn"], areas: ["22333"])))
        #expect(!province.encloses(WarningScope(senders: ["pctt@khanhhoa.gov.vn"], areas: ["VN"])))
    }
}
