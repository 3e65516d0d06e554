import BangtinCore
import BangtinTrust
import Testing

/// Where `alert publish` puts a warning and for how long (pure: no broker).
@Suite struct WarningPublicationTests {
    static let now = Instant(secondsSinceEpoch: 1_800_000_000)
    static let sender = "pctt@khanhhoa.gov.vn"

    static func message(
        _ id: String, kind: WarningMessage.Kind = .alert, references: [String] = [], expiresIn: Int64? = 3_600,
        codes: [String] = ["56", "22333", "56", "568", "x1"]
    ) -> WarningMessage {
        let expires = expiresIn.map { now.advanced(byNanoseconds: $0 * 1_000_000_000 - 500_000_000) }
        return WarningMessage(
            identifier: id, sender: sender, sent: now, kind: kind,
            references: references.map { WarningMessage.Reference(sender: sender, identifier: $0) },
            infos: codes.isEmpty && expiresIn == nil
                ? [] : [WarningInfo(expires: expires, areas: [WarningArea(description: "Khánh Hòa", codes: codes)])])
    }

    @Test func aWarningGoesUnderEachProvinceAndCommuneUntilItExpires() throws {
        let plan = try WarningPublication.plan(Self.message("KH-1"), at: Self.now)
        let id = WarningPublication.subtopic(sender: Self.sender, identifier: "KH-1")
        #expect(id.count == 16 && id.allSatisfy(\.isHexDigit))
        #expect(plan.topics == ["bangtin/56/alerts/\(id)", "bangtin/22333/alerts/\(id)"])
        // 3599.5 s rounded up: the broker never drops it before the warning expires.
        #expect(plan.expirySeconds == 3_600)
        #expect(try WarningPublication.plan(Self.message("KH-1", expiresIn: nil), at: Self.now).expirySeconds == nil)
        #expect(try WarningPublication.plan(Self.message("KH-1"), at: Self.now, expiresIn: 60).expirySeconds == 60)
        let given = try WarningPublication.plan(Self.message("KH-1"), at: Self.now, areaTopics: ["bangtin/board/b1/alerts"])
        #expect(given.topics == ["bangtin/board/b1/alerts/\(id)"])
    }

    @Test func anUpdateOrACancelTakesTheTopicOfTheWarningItNamesFirst() throws {
        let id = WarningPublication.subtopic(sender: Self.sender, identifier: "KH-1")
        let update = Self.message("KH-2", kind: .update, references: ["KH-1", "KH-0"])
        #expect(WarningPublication.subtopic(for: update) == id)
        let cancel = Self.message("KH-3", kind: .cancel, references: ["KH-1"], expiresIn: nil, codes: [])
        // Alone it has nowhere to go; where the warning is retained, it goes there for what it had left.
        #expect(throws: WarningPublication.Failure.self) { try WarningPublication.plan(cancel, at: Self.now) }
        let copies = [
            WarningPublication.RetainedCopy(topic: "bangtin/56/alerts/\(id)", expirySeconds: 1_200),
            WarningPublication.RetainedCopy(topic: "bangtin/22333/alerts/\(id)", expirySeconds: 1_199),
        ]
        let plan = try WarningPublication.plan(cancel, at: Self.now, replacing: copies)
        #expect(plan.topics == copies.map(\.topic))
        #expect(plan.expirySeconds == 1_200)
        // A warning kept until cancelled: the Cancel is kept a day.
        let forever = [WarningPublication.RetainedCopy(topic: "bangtin/56/alerts/\(id)", expirySeconds: nil)]
        #expect(try WarningPublication.plan(cancel, at: Self.now, replacing: forever).expirySeconds == 86_400)
    }

    @Test func anExpiredWarningIsNotPublished() {
        let error = #expect(throws: WarningPublication.Failure.self) {
            try WarningPublication.plan(Self.message("KH-OLD", expiresIn: -10), at: Self.now)
        }
        #expect(error?.description.contains("expired") == true)
    }
}
