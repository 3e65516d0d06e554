import BangtinCore
import BangtinTestSupport
import Testing

/// Every published CAP message in the shared fixtures: the valid ones read with their fields,
/// the invalid ones refused with the element that is wrong.
@Suite struct CAPFixtureTests {
    func message(_ part: String) throws -> WarningMessage {
        let (message, problems) = CAPDecoder.decode(try CAPFixtures.bytes(containing: part))
        #expect(problems.isEmpty, "\(problems)")
        return try #require(message)
    }

    @Test func thereAreFixturesToRead() throws {
        #expect(try CAPFixtures.validNames().count >= 9, "the nine valid messages of SOURCES.md")
        #expect(try CAPFixtures.names().filter { $0.contains("invalid") }.count == 2)
    }

    @Test func readsEveryValidFixture() throws {
        for name in try CAPFixtures.validNames() {
            let (message, problems) = WarningDecoder.decode(try CAPFixtures.bytes(name))
            #expect(problems.isEmpty, "\(name): \(problems)")
            #expect(message != nil, "\(name)")
        }
    }

    @Test func readsAppendixA1() throws {
        let message = try self.message("adot1")
        #expect(message.identifier == "43b080713727")
        #expect(message.sender == "hsas@dhs.gov")
        #expect(message.sent == Fixtures.instant("2003-04-02T14:39:01-05:00"))
        #expect(message.status == .actual && message.kind == .alert && message.references.isEmpty)
        let info = try #require(message.displayInfo)
        #expect(info.language == "en-US", "CAP's default language")
        #expect(info.event == "Homeland Security Advisory System Update")
        #expect(info.headline == "Homeland Security Sets Code ORANGE")
        #expect(info.severity == .severe && info.urgency == .immediate && info.certainty == .likely)
        #expect(info.riskLevel == nil && info.level == RiskLevel(4))
        #expect(info.senderName == "U.S. Government, Department of Homeland Security")
        #expect(info.instruction.hasPrefix("A High Condition is declared"))
        #expect(info.areas == [WarningArea(description: "U.S. nationwide and interests worldwide")])
    }

    @Test func readsTheThunderstormPolygonOfAppendixA2() throws {
        let message = try self.message("adot2")
        let info = try #require(message.displayInfo)
        #expect(info.headline == "SEVERE THUNDERSTORM WARNING")
        #expect(info.expires == Fixtures.instant("2003-06-17T16:00:00-07:00"))
        let area = try #require(info.areas.first)
        #expect(area.codes.isEmpty, "SAME geocodes are not Vietnamese codes")
        #expect(
            area.polygons == [
                [
                    GeoPoint(latitude: 38.47, longitude: -120.14), GeoPoint(latitude: 38.34, longitude: -119.95),
                    GeoPoint(latitude: 38.52, longitude: -119.74), GeoPoint(latitude: 38.62, longitude: -119.89),
                    GeoPoint(latitude: 38.47, longitude: -120.14),
                ]
            ])
    }

    @Test func readsTheEarthquakeUpdateAndCircleOfAppendixA3() throws {
        let message = try self.message("adot3")
        #expect(message.kind == .update)
        #expect(
            message.references == [
                .init(
                    sender: "trinet@caltech.edu", identifier: "TRI13970876.1",
                    sent: Fixtures.instant("2003-06-11T20:30:00-07:00"))
            ])
        let info = try #require(message.displayInfo)
        #expect(info.headline == "EQ 3.4 Imperial County CA")
        #expect(info.severity == .minor && info.level == RiskLevel(2))
        let circle = try #require(info.areas.first?.circles.first)
        #expect(circle.center == GeoPoint(latitude: 32.9525, longitude: -115.5527))
        #expect(circle.radiusKilometres == 0)
    }

    @Test func readsBothLanguagesOfAppendixA4() throws {
        let message = try self.message("adot4")
        #expect(message.infos.map(\.language) == ["en-US", "es-US"])
        #expect(message.infos[1].headline == "Alerta Amber en el condado de Los Ángeles")
        #expect(message.displayInfo?.language == "en-US", "no Vietnamese block: the first")
        #expect(message.infos[1].areas.first?.description == "condado de Los Ángeles")
    }

    @Test func readsTheReferencesOfAnUpdate() throws {
        let message = try self.message("google")
        #expect(message.identifier == "PAAQ-4-mg5a94" && message.kind == .update)
        #expect(message.sent == Fixtures.instant("2013-01-05T10:58:23Z"))
        #expect(message.references.map(\.identifier) == ["PAAQ-1-mg5a94", "PAAQ-2-mg5a94", "PAAQ-3-mg5a94"])
        #expect(message.references.allSatisfy { $0.sender == "wcatwc@noaa.gov" })
        #expect(message.references.last?.sent == Fixtures.instant("2013-01-05T10:17:31Z"))
        let info = try #require(message.displayInfo)
        #expect(info.event == "Tsunami Cancellation" && info.urgency == .past && info.certainty == .unlikely)
        #expect(info.onset == Fixtures.instant("2013-01-05T10:58:23Z"))
        #expect(info.areas.first?.circles.first?.center == GeoPoint(latitude: 55.3, longitude: -134.9))
    }

    /// A CAP 1.1 feed: its empty polygon is skipped and its US geocodes ignored.
    @Test func readsTheWeatherServiceGeocodesAndPolygons() throws {
        let message = try self.message("nws")
        #expect(message.sender == "w-nws.webmaster@noaa.gov")
        #expect(message.sent == Fixtures.instant("2021-12-27T10:08:00-06:00"))
        let info = try #require(message.displayInfo)
        #expect(info.event == "Blizzard Warning" && info.severity == .severe && info.certainty == .likely)
        #expect(info.expires == Fixtures.instant("2021-12-28T00:00:00Z"))
        #expect(info.description.hasPrefix("...BLIZZARD WARNING REMAINS IN EFFECT"))
        let area = try #require(info.areas.first)
        #expect(area.description == "Southern Cook, North Shore; Southern Lake, North Shore")
        #expect(area.polygons.isEmpty && area.codes.isEmpty && area.circles.isEmpty)
    }

    @Test func readsTheIPAWSMessageWithItsInlineAudioWithinBounds() throws {
        let bytes = try CAPFixtures.bytes(containing: "ipaws")
        #expect(bytes.count > 100_000 && bytes.count < Limits.alertBytes)
        let message = try self.message("ipaws")
        #expect(message.identifier == "309104501346800")
        #expect(message.displayInfo?.headline == "ADR Test Message")
        #expect(message.displayInfo?.expires == Fixtures.instant("2019-01-04T12:33:15-08:00"))
    }

    @Test func readsPrefixedElementsOfTheBureauOfMeteorology() throws {
        let message = try self.message("australia")
        #expect(message.identifier == "AusBoM-IDN21033-2019-01-16T03:15:58+00:00")
        #expect(message.sender == "CAP.Message@bom.gov.au")
        let info = try #require(message.displayInfo)
        #expect(info.language == "en-AU")
        #expect(info.headline.hasPrefix("Severe Thunderstorm Warning for Mid North Coast"))
        #expect(info.effective == Fixtures.instant("2019-01-16T03:15:52Z"))
        #expect(info.areas.first?.codes == [])
    }

    @Test func readsACancelWithNoInfo() throws {
        let message = try self.message("no_info")
        #expect(message.kind == .cancel)
        #expect(message.infos.isEmpty && message.displayInfo == nil)
        #expect(message.references.map(\.identifier) == ["1017033100951096-517189320160225203219800"])
    }

    @Test func refusesTheMessageWithoutScope() throws {
        let (message, problems) = CAPDecoder.decode(try CAPFixtures.bytes("capparselib-invalid.cap"))
        #expect(message == nil)
        #expect(problems.map(\.description) == ["alert.scope: is required: <alert> has no <scope> (line 2)"])
    }

    @Test func refusesTheMessageInAnotherNamespace() throws {
        let (message, problems) = CAPDecoder.decode(try CAPFixtures.bytes("capparselib-invalid_xmlns.cap"))
        #expect(message == nil)
        #expect(
            problems.map(\.description) == [
                "alert: is in the namespace \"urn:oasis:names:tc:emergency:alerts:1.2\", not CAP 1.2's: "
                    + "write <alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"> (line 2)"
            ])
    }
}
