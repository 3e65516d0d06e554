/// What both warning formats check the same way: instants, area codes, points, polygons and
/// circles. Each returns why a value is refused, in words for the person who wrote it.
enum WarningRules {
    /// The name a CAP `geocode` gives Vietnamese administrative unit codes (mã đơn vị hành
    /// chính) of the list in force since 1 July 2025; geocodes of other names are ignored.
    static let administrativeCodeName = "VN-DVHC"

    /// An instant with a UTC offset (`2025-09-17T07:30:00+07:00`).
    static func instant(_ text: String) -> Result<Instant, Failure> {
        do {
            let parsed = try ISO8601.parse(text)
            guard parsed.utcOffsetSeconds != nil else {
                return .failure(Failure("\"\(text)\" needs a UTC offset (e.g. 2025-09-17T07:30:00+07:00)"))
            }
            return .success(ISO8601.instant(parsed) { _ in 0 })
        } catch {
            return .failure(Failure(error.description))
        }
    }

    /// Why `code` is not a province (2 digits) or commune (5 digits) code of Decision
    /// 19/2025/QĐ-TTg; codes of the older lists are not guessed at.
    static func codeProblem(_ code: String) -> String? {
        let digits = code.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        if digits && (code.utf8.count == 2 || code.utf8.count == 5) { return nil }
        if digits && code.utf8.count == 3 {
            return "\"\(code)\" looks like a district code: districts ended on 1 July 2025 (Decision 19/2025/QĐ-TTg); "
                + "name the province (2 digits) or its communes (5 digits)"
        }
        return "\"\(TextRules.printable(code, limit: 40))\" is not a 2-digit province or 5-digit commune code "
            + "(Decision 19/2025/QĐ-TTg)"
    }

    /// Why a latitude and longitude are not a point on Earth.
    static func pointProblem(latitude: Double, longitude: Double) -> String? {
        guard (-90...90).contains(latitude) else { return "latitude \(latitude) is not between -90 and 90" }
        guard (-180...180).contains(longitude) else { return "longitude \(longitude) is not between -180 and 180" }
        return nil
    }

    /// Why `ring` is not a polygon CAP allows: at least four points, the last the first.
    static func ringProblem(_ ring: [GeoPoint]) -> String? {
        if ring.count < 4 { return "has \(ring.count) points; a polygon needs at least 4, the last repeating the first" }
        if ring.first != ring.last { return "does not end where it starts: repeat the first point at the end" }
        return nil
    }

    /// Why a radius is not a circle's (kilometres, 0 for a point, at most half the Earth).
    static func radiusProblem(_ radius: Double) -> String? {
        (0...20_040).contains(radius) ? nil : "radius \(radius) km is not between 0 and 20040"
    }

    /// A plain decimal (`-12.5`, `109`): no exponent, no hexadecimal, no `nan` or `inf`.
    static func decimal<S: StringProtocol>(_ text: S) -> Double? {
        var digits = 0
        var dots = 0
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digits += 1
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "-"), UInt8(ascii: "+"): if offset != 0 { return nil }
            default: return nil
            }
        }
        guard digits > 0, dots <= 1, digits <= 30 else { return nil }
        return Double(String(text))
    }

    /// `latitude,longitude`, as CAP writes a point.
    static func point<S: StringProtocol>(_ text: S) -> Result<GeoPoint, Failure> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, let latitude = decimal(parts[0]), let longitude = decimal(parts[1]) else {
            return .failure(Failure("\"\(TextRules.printable(String(text), limit: 60))\" is not a point \"latitude,longitude\""))
        }
        if let problem = pointProblem(latitude: latitude, longitude: longitude) { return .failure(Failure(problem)) }
        return .success(GeoPoint(latitude: latitude, longitude: longitude))
    }

    /// A refusal's words, as an `Error` so it can travel in a `Result`.
    struct Failure: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
