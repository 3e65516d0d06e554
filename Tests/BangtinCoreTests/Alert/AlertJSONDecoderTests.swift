import BangtinCore
import BangtinTestSupport
import Foundation
import Testing

/// The native JSON alert: the examples of docs/alerts.md read as documented, and every problem
/// is named by its JSON path.
@Suite struct AlertJSONDecoderTests {
    /// The code blocks of docs/alerts.md in a language (`json`, `xml`).
    static func documented(_ language: String) throws -> [String] {
        let url = CAPFixtures.repository.appendingPathComponent("docs/alerts.md")
        let text = try String(contentsOf: url, encoding: .utf8)
        return text.components(separatedBy: "```\(language)\n").dropFirst().compactMap {
            $0.components(separatedBy: "\n```").first
        }
    }

    static let minimal = """
        {"version": 1, "identifier": "KH-01", "sender": "pctt@khanhhoa.gov.vn", "sent": "2025-09-17T07:30:00+07:00",
         "status": "Actual", "msgType": "Alert", "info": [{"event": "Bão", "severity": "Severe", "areas": [AREA]}]}
        """

    func decode(_ text: String) -> (message: WarningMessage?, problems: [String]) {
        let (message, problems) = AlertJSONDecoder.decode(Array(text.utf8))
        return (message, problems.map(\.description))
    }

    func problems(area: String) -> [String] {
        decode(Self.minimal.replacingOccurrences(of: "AREA", with: area)).problems
    }

    @Test func readsTheDocumentedStormWarning() throws {
        // The warnings among the documented JSON (the others are a board's configuration and a key list).
        let examples = try Self.documented("json").filter { $0.contains("\"identifier\"") }
        #expect(examples.count == 2)
        let (message, problems) = decode(examples[0])
        #expect(problems.isEmpty, "\(problems)")
        let storm = try #require(message)
        #expect(storm.identifier == "KH-PCTT-2025-0917-01" && storm.sender == "pctt@khanhhoa.gov.vn")
        #expect(storm.sent == Fixtures.instant("2025-09-17T07:30:00+07:00"))
        #expect(storm.status == .actual && storm.kind == .alert)
        let info = try #require(storm.displayInfo)
        #expect(info.language == "vi-VN" && info.event == "Bão")
        #expect(info.headline == "Bão số 12 sắp đổ bộ vùng biển Khánh Hòa: rủi ro thiên tai cấp 4")
        #expect(info.severity == .extreme && info.level == RiskLevel(4))
        #expect(info.expires == Fixtures.instant("2025-09-18T19:00:00+07:00"))
        #expect(info.areas.map(\.codes) == [["22333", "22366", "22390"], []])
        #expect(info.areas[1].circles.first?.center == GeoPoint(latitude: 12.3, longitude: 110.5))
        #expect(info.areas[1].polygons.first?.count == 5)

        let (update, updateProblems) = decode(examples[1])
        #expect(updateProblems.isEmpty, "\(updateProblems)")
        #expect(update?.kind == .update)
        #expect(
            update?.references == [
                .init(
                    sender: "pctt@khanhhoa.gov.vn", identifier: "KH-PCTT-2025-0917-01",
                    sent: Fixtures.instant("2025-09-17T07:30:00+07:00"))
            ])
        #expect(update?.displayInfo?.areas.first?.codes == ["56"])
        #expect(update?.displayInfo?.level == RiskLevel(5))
        // The update replaces the alert on a board of the province.
        let board = BoardArea(province: "56", commune: "22390")
        let alerts = AlertActivity.active(
            [storm, try #require(update)], board: board, at: Fixtures.instant("2025-09-17T14:00:00+07:00"))
        #expect(alerts.map(\.id) == ["KH-PCTT-2025-0917-02"])
    }

    @Test func readsTheDocumentedCAPMessage() throws {
        let examples = try Self.documented("xml")
        #expect(examples.count == 1)
        let (message, problems) = WarningDecoder.decode(Array(try #require(examples.first).utf8))
        #expect(problems.isEmpty, "\(problems)")
        #expect(message?.displayInfo?.language == "vi-VN")
        #expect(message?.displayInfo?.headline == "Bão số 12 sắp đổ bộ vùng biển Khánh Hòa: rủi ro thiên tai cấp 4")
        #expect(message?.displayInfo?.riskLevel == RiskLevel(4))
    }

    @Test func defaultsWhatItMay() throws {
        let (message, problems) = decode(
            Self.minimal.replacingOccurrences(of: "AREA", with: #"{"description": "Toàn tỉnh", "codes": ["56"]}"#))
        #expect(problems.isEmpty, "\(problems)")
        let info = try #require(message?.displayInfo)
        #expect(info.language == "vi-VN" && info.urgency == .unknown && info.certainty == .unknown)
        #expect(info.riskLevel == nil && info.level == RiskLevel(4))
        #expect(message?.references == [])
    }

    @Test(arguments: [
        (
            #"{"description": "x", "codes": ["5"]}"#,
            #"info[0].areas[0].codes[0]: "5" is not a 2-digit province or 5-digit commune code (Decision 19/2025/QĐ-TTg)"#
        ),
        (
            #"{"description": "x", "codes": ["56", "568"]}"#,
            #"info[0].areas[0].codes[1]: "568" looks like a district code: districts ended on 1 July 2025 (Decision 19/2025/QĐ-TTg); name the province (2 digits) or its communes (5 digits)"#
        ),
        (#"{"description": "x", "codes": [56]}"#, "info[0].areas[0].codes[0]: must be a string, found a number"),
        (
            #"{"description": "x", "polygons": [[{"lat": 1, "lon": 1}, {"lat": 2, "lon": 1}, {"lat": 2, "lon": 2}, {"lat": 1, "lon": 2}]]}"#,
            "info[0].areas[0].polygons[0]: does not end where it starts: repeat the first point at the end"
        ),
        (
            #"{"description": "x", "polygons": [[{"lat": 1, "lon": 1}, {"lat": 91, "lon": 1}]]}"#,
            "info[0].areas[0].polygons[0][1]: latitude 91.0 is not between -90 and 90"
        ),
        (#"{"description": "x", "polygons": [[[1, 1]]]}"#, "info[0].areas[0].polygons[0][0]: must be an object, found an array"),
        (
            #"{"description": "x", "circles": [{"lat": 12, "lon": 109, "radius": 5}]}"#,
            "info[0].areas[0].circles[0].radiusKm: is required"
        ),
        (
            #"{"description": "x", "circles": [{"lat": 12, "lon": 109, "radiusKm": -5}]}"#,
            "info[0].areas[0].circles[0].radiusKm: radius -5.0 km is not between 0 and 20040"
        ),
        (#"{"codes": ["56"]}"#, "info[0].areas[0].description: is required"),
        (#"{"description": "x", "code": ["56"]}"#, "info[0].areas[0].code: unknown key"),
    ])
    func namesAreaProblemsByPath(area: String, expected: String) {
        #expect(problems(area: area).contains(expected), "\(problems(area: area))")
    }

    @Test func namesEveryProblemByPath() {
        let text = """
            {"version": 2, "identifier": "KH 01", "sent": "2025-09-17T07:30:00", "status": "Real", "msgType": null,
             "references": [{"sender": "a", "identifier": "b", "sent": "hôm qua"}],
             "info": [{"event": "Bão", "riskLevel": 7, "urgency": "Now", "effective": "2025-09-17T08:00:00+07:00",
                       "expires": "2025-09-17T07:00:00+07:00", "headline": "a\\u0007b", "extra": 1}]}
            """
        let (message, problems) = decode(text)
        #expect(message == nil)
        #expect(
            problems == [
                "version: unknown version 2 (expected 1)",
                "identifier: must be non-empty, without white space, commas, '<' or '&'",
                "sender: is required",
                "sent: \"2025-09-17T07:30:00\" needs a UTC offset (e.g. 2025-09-17T07:30:00+07:00)",
                "status: unknown value \"Real\" (expected Actual, Exercise, System, Test, Draft)",
                "msgType: is required, found null",
                "references[0].sent: invalid instant \"hôm qua\": expected a digit at position 1 (expected e.g. 2026-11-23T08:05:00+07:00)",
                "info[0].urgency: unknown value \"Now\" (expected Immediate, Expected, Future, Past, Unknown)",
                "info[0].severity: is required",
                "info[0].riskLevel: must be between 1 and 5, found 7",
                "info[0].expires: is not after effective: the warning would never show",
                "info[0].headline: control character U+0007 at character 2 (text may hold line breaks, \\n, and tabs only)",
                "info[0].extra: unknown key",
            ])
    }

    @Test func refusesWhatIsNotAnAlert() {
        #expect(decode("[1]").problems == ["(document): must be an object, found an array"])
        #expect(decode("{\"version\": 1,}").problems.first?.hasPrefix("invalid JSON at line 1, column 15") == true)
        let big = [UInt8](repeating: UInt8(ascii: " "), count: Limits.alertBytes + 1)
        #expect(AlertJSONDecoder.decode(big).problems.map(\.message) == ["is 2097153 bytes, over the limit of 2097152"])
    }
}

/// One entry point for both formats, told apart by the first character.
@Suite struct WarningDecoderTests {
    @Test func tellsTheFormatsApart() {
        #expect(WarningDecoder.format(of: Array("  \n<alert/>".utf8)) == .cap)
        #expect(WarningDecoder.format(of: [0xEF, 0xBB, 0xBF] + Array("\n{}".utf8)) == .json)
        #expect(WarningDecoder.format(of: [0xFF, 0xFE, 0x3C, 0x00]) == .cap)
        #expect(WarningDecoder.format(of: Array("Bão".utf8)) == nil)
        #expect(WarningDecoder.format(of: []) == nil)
    }

    @Test func decodesBothAndRefusesTheRest() {
        let json = AlertJSONDecoderTests.minimal.replacingOccurrences(of: "AREA", with: #"{"description": "x"}"#)
        #expect(WarningDecoder.decode(Array(json.utf8)).message?.identifier == "KH-01")
        #expect(WarningDecoder.decode(Array(CAPDecoderTests.vietnamese.utf8)).message?.identifier == "KH-PCTT-2025-0917-01")
        #expect(
            WarningDecoder.decode(Array("Bão số 12".utf8)).problems.map(\.description) == [
                "is neither a CAP 1.2 XML document (starting with '<') nor a JSON alert (starting with '{')"
            ])
        let big = [UInt8](repeating: UInt8(ascii: "<"), count: Limits.alertBytes + 1)
        #expect(WarningDecoder.decode(big).problems.map(\.message) == ["is 2097153 bytes, over the limit of 2097152"])
    }
}
