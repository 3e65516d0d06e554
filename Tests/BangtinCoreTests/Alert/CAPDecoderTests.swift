import BangtinCore
import BangtinTestSupport
import Testing

/// CAP messages as a Vietnamese issuer writes them, and the problems a board names by the
/// element's path and line.
@Suite struct CAPDecoderTests {
    static let vietnamese = """
        <?xml version="1.0" encoding="UTF-8"?>
        <cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
          <cap:identifier>KH-PCTT-2025-0917-01</cap:identifier>
          <cap:sender>pctt@khanhhoa.gov.vn</cap:sender>
          <cap:sent>2025-09-17T07:30:00+07:00</cap:sent>
          <cap:status>Actual</cap:status>
          <cap:msgType>Alert</cap:msgType>
          <cap:scope>Public</cap:scope>
          <cap:info>
            <cap:language>en-US</cap:language>
            <cap:category>Met</cap:category>
            <cap:event>Typhoon</cap:event>
            <cap:urgency>Immediate</cap:urgency>
            <cap:severity>Extreme</cap:severity>
            <cap:certainty>Likely</cap:certainty>
            <cap:headline>Typhoon No. 12 approaching Khanh Hoa</cap:headline>
          </cap:info>
          <cap:info>
            <cap:language>vi-VN</cap:language>
            <cap:category>Met</cap:category>
            <cap:category>Safety</cap:category>
            <cap:event>Bão</cap:event>
            <cap:urgency>Immediate</cap:urgency>
            <cap:severity>Extreme</cap:severity>
            <cap:certainty>Likely</cap:certainty>
            <cap:effective>2025-09-17T07:30:00+07:00</cap:effective>
            <cap:onset>2025-09-17T15:00:00+07:00</cap:onset>
            <cap:expires>2025-09-18T19:00:00+07:00</cap:expires>
            <cap:senderName>Ban Chỉ huy PCTT và TKCN tỉnh Khánh Hòa</cap:senderName>
            <cap:headline>Bão số 12 sắp đổ bộ vùng biển Khánh Hòa: rủi ro thiên tai cấp 4</cap:headline>
            <cap:description><![CDATA[Gió mạnh cấp 12, giật cấp 15 & mưa rất to >300 mm.]]></cap:description>
            <cap:instruction>
              Tàu thuyền không ra khơi. Người dân vùng ven biển sơ tán trước 15 giờ hôm nay.
            </cap:instruction>
            <cap:parameter><cap:valueName>capDoRuiRo</cap:valueName><cap:value>4</cap:value></cap:parameter>
            <cap:resource><cap:resourceDesc>Bản đồ</cap:resourceDesc><cap:mimeType>image/png</cap:mimeType></cap:resource>
            <cap:area>
              <cap:areaDesc>Các xã, phường ven biển tỉnh Khánh Hòa</cap:areaDesc>
              <cap:geocode><cap:valueName>VN-DVHC</cap:valueName><cap:value>22333</cap:value></cap:geocode>
              <cap:geocode><cap:valueName>vn-dvhc</cap:valueName><cap:value>56</cap:value></cap:geocode>
              <cap:geocode><cap:valueName>ISO3166-2</cap:valueName><cap:value>VN-34</cap:value></cap:geocode>
            </cap:area>
            <cap:area>
              <cap:areaDesc>Vùng biển cách bờ dưới 150 km</cap:areaDesc>
              <cap:polygon>12.9,109.3 12.9,110.9 11.5,110.9 11.5,109.1 12.9,109.3</cap:polygon>
              <cap:circle>12.3,110.5 150</cap:circle>
            </cap:area>
          </cap:info>
          <Signature xmlns="http://www.w3.org/2000/09/xmldsig#"><SignedInfo/></Signature>
        </cap:alert>
        """

    func decode(_ text: String) -> (message: WarningMessage?, problems: [String]) {
        let (message, problems) = CAPDecoder.decode(Array(text.utf8))
        return (message, problems.map(\.description))
    }

    /// The Vietnamese message with `old` replaced by `new`, expecting exactly one match.
    func changed(_ old: String, _ new: String) -> String {
        if Self.vietnamese.components(separatedBy: old).count != 2 { Issue.record("\(old) must appear once") }
        return Self.vietnamese.replacingOccurrences(of: old, with: new)
    }

    @Test func picksTheVietnameseBlockOverTheEnglishOne() throws {
        let (message, problems) = decode(Self.vietnamese)
        #expect(problems.isEmpty, "\(problems)")
        let info = try #require(message?.displayInfo)
        #expect(message?.infos.count == 2)
        #expect(info.language == "vi-VN")
        #expect(info.headline == "Bão số 12 sắp đổ bộ vùng biển Khánh Hòa: rủi ro thiên tai cấp 4")
        #expect(info.senderName == "Ban Chỉ huy PCTT và TKCN tỉnh Khánh Hòa")
        #expect(info.description == "Gió mạnh cấp 12, giật cấp 15 & mưa rất to >300 mm.")
        #expect(info.instruction == "Tàu thuyền không ra khơi. Người dân vùng ven biển sơ tán trước 15 giờ hôm nay.")
        #expect(info.event == "Bão" && info.severity == .extreme)
        #expect(info.riskLevel == RiskLevel(4) && info.level == RiskLevel(4), "the given level, not the severity's 5")
        #expect(info.effective == Fixtures.instant("2025-09-17T07:30:00+07:00"))
        #expect(info.onset == Fixtures.instant("2025-09-17T15:00:00+07:00"))
        #expect(info.expires == Fixtures.instant("2025-09-18T19:00:00+07:00"))
        #expect(info.areas.map(\.codes) == [["22333", "56"], []], "other geocodes are ignored")
        #expect(info.areas[1].polygons.first?.count == 5)
        #expect(info.areas[1].circles.first?.radiusKilometres == 150)
        #expect(message?.infos[0].level == RiskLevel(5), "Extreme without a level: 5")
    }

    @Test func theBoardShowsItWhereItsCodesAreAndNowhereElse() throws {
        let message = try #require(decode(Self.vietnamese).message)
        let during = Fixtures.instant("2025-09-17T12:00:00+07:00")
        let commune = BoardArea(province: "56", commune: "22333")
        #expect(AlertActivity.active([message], board: commune, at: during).map(\.level) == [RiskLevel(4)])
        let hanoi = BoardArea(province: "01", commune: "00004", location: GeoPoint(latitude: 21.03, longitude: 105.85))
        #expect(AlertActivity.active([message], board: hanoi, at: during).isEmpty)
        let atSea = BoardArea(location: GeoPoint(latitude: 12.0, longitude: 110.0))
        #expect(AlertActivity.active([message], board: atSea, at: during).count == 1)
    }

    @Test(arguments: [
        (
            "<cap:circle>12.3,110.5 150</cap:circle>", "<cap:circle>12.3;110.5 150</cap:circle>",
            #"alert.info[1].area[1].circle[0]: "12.3;110.5" is not a point "latitude,longitude" (line 46)"#
        ),
        (
            "<cap:circle>12.3,110.5 150</cap:circle>", "<cap:circle>12.3,110.5</cap:circle>",
            #"alert.info[1].area[1].circle[0]: "12.3,110.5" is not a circle "latitude,longitude radius" (radius in km) (line 46)"#
        ),
        (
            "<cap:circle>12.3,110.5 150</cap:circle>", "<cap:circle>12.3,110.5 -1</cap:circle>",
            "alert.info[1].area[1].circle[0]: radius -1.0 km is not between 0 and 20040 (line 46)"
        ),
        (
            "11.5,109.1 12.9,109.3</cap:polygon>", "11.5,109.1</cap:polygon>",
            "alert.info[1].area[1].polygon[0]: does not end where it starts: repeat the first point at the end (line 45)"
        ),
        (
            "12.9,109.3 12.9,110.9 11.5,110.9 11.5,109.1 12.9,109.3", "12.9,109.3 12.9,110.9 12.9,109.3",
            "alert.info[1].area[1].polygon[0]: has 3 points; a polygon needs at least 4, the last repeating the first (line 45)"
        ),
        (
            "12.9,109.3 12.9,110.9 11.5,110.9", "12.9,109.3 12.9,190.9 11.5,110.9",
            "alert.info[1].area[1].polygon[0]: longitude 190.9 is not between -180 and 180 (line 45)"
        ),
        (
            "<cap:value>22333</cap:value>", "<cap:value>568</cap:value>",
            "alert.info[1].area[0].geocode[0].value: \"568\" looks like a district code: districts ended on 1 July 2025 "
                + "(Decision 19/2025/QĐ-TTg); name the province (2 digits) or its communes (5 digits) (line 39)"
        ),
        (
            "<cap:value>56</cap:value>", "<cap:value>5600</cap:value>",
            "alert.info[1].area[0].geocode[1].value: \"5600\" is not a 2-digit province or 5-digit commune code "
                + "(Decision 19/2025/QĐ-TTg) (line 40)"
        ),
        (
            "<cap:value>4</cap:value>", "<cap:value>6</cap:value>",
            "alert.info[1].parameter[0].value: the risk level must be 1 to 5, found \"6\" (line 35)"
        ),
        (
            "<cap:onset>2025-09-17T15:00:00+07:00</cap:onset>", "<cap:onset>2025-09-17T15:00:00</cap:onset>",
            "alert.info[1].onset: \"2025-09-17T15:00:00\" needs a UTC offset (e.g. 2025-09-17T07:30:00+07:00) (line 27)"
        ),
        (
            "<cap:expires>2025-09-18T19:00:00+07:00</cap:expires>\n    <cap:senderName>",
            "<cap:expires>2025-09-17T07:00:00+07:00</cap:expires>\n    <cap:senderName>",
            "alert.info[1].expires: is not after effective: the warning would never show (line 28)"
        ),
        (
            "<cap:severity>Extreme</cap:severity>\n    <cap:certainty>Likely</cap:certainty>\n    <cap:effective>",
            "<cap:severity>Rất mạnh</cap:severity>\n    <cap:certainty>Likely</cap:certainty>\n    <cap:effective>",
            "alert.info[1].severity: unknown value \"Rất mạnh\" (expected Extreme, Severe, Moderate, Minor, Unknown) (line 24)"
        ),
        (
            "<cap:category>Safety</cap:category>", "<cap:category>Weather</cap:category>",
            "alert.info[1].category[1]: unknown value \"Weather\" (expected Geo, Met, Safety, Security, Rescue, Fire, Health, "
                + "Env, Transport, Infra, CBRNE, Other) (line 21)"
        ),
        ("<cap:event>Bão</cap:event>", "<cap:event>  </cap:event>", "alert.info[1].event: is required, found it empty (line 22)"),
        (
            "<cap:areaDesc>Vùng biển cách bờ dưới 150 km</cap:areaDesc>", "",
            "alert.info[1].area[1].areaDesc: is required: <cap:area> has no <areaDesc> (line 43)"
        ),
        (
            "<cap:identifier>KH-PCTT-2025-0917-01</cap:identifier>", "<cap:identifier>KH PCTT 01</cap:identifier>",
            "alert.identifier: holds white space, which CAP forbids in it (line 3)"
        ),
        (
            "<cap:status>Actual</cap:status>", "<cap:status>Actual</cap:status><cap:status>Test</cap:status>",
            "alert.status: appears 2 times; CAP allows one (line 6)"
        ),
        (
            "<cap:msgType>Alert</cap:msgType>", "<cap:msgType>Alert</cap:msgType><cap:references>a,b</cap:references>",
            "alert.references: entry 1, \"a,b\", is not sender,identifier,sent (line 7)"
        ),
    ])
    func namesTheElementThatIsWrong(old: String, new: String, expected: String) {
        let (message, problems) = decode(changed(old, new))
        #expect(message == nil)
        #expect(problems == [expected])
    }

    @Test func namesEveryProblemAtOnce() {
        let text = """
            <alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
              <sender>a@b</sender><sent>yesterday</sent><status>Real</status><msgType>Alert</msgType>
              <info><event>x</event><urgency>Now</urgency></info>
            </alert>
            """
        let (message, problems) = decode(text)
        #expect(message == nil)
        #expect(
            problems == [
                "alert.identifier: is required: <alert> has no <identifier> (line 1)",
                "alert.sent: invalid instant \"yesterday\": expected a digit at position 1 (expected e.g. 2026-11-23T08:05:00+07:00) (line 2)",
                "alert.status: unknown value \"Real\" (expected Actual, Exercise, System, Test, Draft) (line 2)",
                "alert.scope: is required: <alert> has no <scope> (line 1)",
                "alert.info[0].category: is required: <info> has no <category> (line 3)",
                "alert.info[0].urgency: unknown value \"Now\" (expected Immediate, Expected, Future, Past, Unknown) (line 3)",
                "alert.info[0].severity: is required: <info> has no <severity> (line 3)",
                "alert.info[0].certainty: is required: <info> has no <certainty> (line 3)",
            ])
    }

    @Test func refusesWhatIsNotACAPAlert() {
        #expect(
            decode("<feed xmlns='http://www.w3.org/2005/Atom'/>").problems == [
                "the root element is <feed> (line 1); a CAP message is an <alert>"
            ])
        #expect(
            decode("<alert><identifier>x</identifier></alert>").problems == [
                "alert: is in no namespace, not CAP 1.2's: write <alert xmlns=\"urn:oasis:names:tc:emergency:cap:1.2\"> (line 1)"
            ])
        #expect(
            decode("<!DOCTYPE alert SYSTEM 'http://example.com/x.dtd'>\n<alert/>").problems == [
                "invalid XML at line 1, column 1: DOCTYPE not allowed: external entities are never resolved"
            ])
    }

    @Test func readsTheMessageFromAnyEncodingTheParserReads() throws {
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in Self.vietnamese.replacingOccurrences(of: "encoding=\"UTF-8\"", with: "encoding=\"UTF-16\"").utf16 {
            bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
        }
        let (message, problems) = WarningDecoder.decode(bytes)
        #expect(problems.isEmpty, "\(problems)")
        #expect(message?.displayInfo?.headline == "Bão số 12 sắp đổ bộ vùng biển Khánh Hòa: rủi ro thiên tai cấp 4")
    }
}
