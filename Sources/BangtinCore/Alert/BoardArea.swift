import Foundation

/// Where a board stands, for deciding which warnings are its own: the administrative unit
/// codes in force since 1 July 2025 (Decision 19/2025/QĐ-TTg: 34 provinces with 2-digit codes,
/// communes with 5-digit codes, no district level) and, when known, its coordinates.
public struct BoardArea: Hashable, Sendable {
    /// The province's 2-digit code ("56" Khánh Hòa).
    public var province: String?
    /// The commune's 5-digit code.
    public var commune: String?
    /// The board's position.
    public var location: GeoPoint?

    /// Creates an area.
    public init(province: String? = nil, commune: String? = nil, location: GeoPoint? = nil) {
        self.province = province
        self.commune = commune
        self.location = location
    }

    /// Whether `area` covers this board: one of its codes is the board's commune, or its
    /// province (a province code covers every commune in it), or one of its shapes contains the
    /// board's position. Codes of other lengths (the lists before July 2025 had districts) are
    /// not guessed at.
    public func isCovered(by area: WarningArea) -> Bool {
        for code in area.codes {
            let trimmed = code.trimmingCharacters(in: .whitespaces)
            // Only an area-less warning of a national key is given the country (WarningAuthority).
            if trimmed == WarningScope.country { return true }
            if let commune, trimmed.count == 5, trimmed == commune { return true }
            if let province, trimmed.count == 2, trimmed == province { return true }
        }
        guard let location else { return false }
        if area.polygons.contains(where: { GeoShapes.contains($0, location) }) { return true }
        return area.circles.contains { GeoShapes.distanceKilometres($0.center, location) <= $0.radiusKilometres }
    }
}

/// Geometry on the sphere, close enough for warning areas (a board is a point; areas are
/// tens of kilometres across).
public enum GeoShapes {
    /// Whether a closed ring contains `point` (even-odd rule in degrees; points on an edge
    /// count as inside).
    public static func contains(_ ring: [GeoPoint], _ point: GeoPoint) -> Bool {
        guard ring.count >= 3 else { return false }
        var inside = false
        var j = ring.count - 1
        for i in 0..<ring.count {
            let a = ring[i]
            let b = ring[j]
            if onSegment(a, b, point) { return true }
            if (a.latitude > point.latitude) != (b.latitude > point.latitude) {
                let crossing =
                    a.longitude + (point.latitude - a.latitude) / (b.latitude - a.latitude) * (b.longitude - a.longitude)
                if point.longitude < crossing { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// Great-circle distance (haversine, mean Earth radius 6371 km).
    public static func distanceKilometres(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let radians = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * radians
        let dLon = (b.longitude - a.longitude) * radians
        let h =
            sin(dLat / 2) * sin(dLat / 2)
            + cos(a.latitude * radians) * cos(b.latitude * radians) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, h.squareRoot()))
    }

    private static func onSegment(_ a: GeoPoint, _ b: GeoPoint, _ p: GeoPoint) -> Bool {
        let cross =
            (b.longitude - a.longitude) * (p.latitude - a.latitude) - (b.latitude - a.latitude) * (p.longitude - a.longitude)
        guard abs(cross) < 1e-12 else { return false }
        return min(a.longitude, b.longitude) <= p.longitude && p.longitude <= max(a.longitude, b.longitude)
            && min(a.latitude, b.latitude) <= p.latitude && p.latitude <= max(a.latitude, b.latitude)
    }
}
