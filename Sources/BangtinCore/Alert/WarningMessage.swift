/// One warning message as issued (a CAP 1.2 `alert` or a native JSON alert), before any
/// decision about whether a board shows it: `AlertActivity` decides that from every message
/// received, the board's area and the instant.
public struct WarningMessage: Hashable, Sendable {
    /// CAP `status`.
    public enum Status: String, Hashable, Sendable, CaseIterable {
        case actual = "Actual", exercise = "Exercise", system = "System", test = "Test", draft = "Draft"
    }

    /// CAP `msgType`.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case alert = "Alert", update = "Update", cancel = "Cancel", ack = "Ack", error = "Error"
    }

    /// A message this one updates or cancels: CAP `references` entries `sender,identifier,sent`.
    public struct Reference: Hashable, Sendable {
        public var sender: String
        public var identifier: String
        public var sent: Instant?

        /// Creates a reference.
        public init(sender: String, identifier: String, sent: Instant? = nil) {
            self.sender = sender
            self.identifier = identifier
            self.sent = sent
        }
    }

    /// The issuer's identifier, unique per sender.
    public var identifier: String
    /// Who issued it (an address or an agency's id).
    public var sender: String
    /// When it was issued.
    public var sent: Instant
    public var status: Status
    public var kind: Kind
    /// What an Update or Cancel refers to.
    public var references: [Reference]
    /// The information blocks; a board shows the Vietnamese one when there is one.
    public var infos: [WarningInfo]

    /// Creates a message.
    public init(
        identifier: String, sender: String, sent: Instant, status: Status = .actual, kind: Kind = .alert,
        references: [Reference] = [], infos: [WarningInfo]
    ) {
        self.identifier = identifier
        self.sender = sender
        self.sent = sent
        self.status = status
        self.kind = kind
        self.references = references
        self.infos = infos
    }

    /// The block a board shows: the first in Vietnamese (`vi`, `vi-VN`), else the first.
    public var displayInfo: WarningInfo? {
        infos.first { $0.language.lowercased() == "vi" || $0.language.lowercased().hasPrefix("vi-") } ?? infos.first
    }

    /// Sender and identifier: what references name.
    public var key: Reference { Reference(sender: sender, identifier: identifier, sent: sent) }
}

/// One `info` block: what, how bad, when, where, in one language.
public struct WarningInfo: Hashable, Sendable {
    /// CAP `severity`.
    public enum Severity: String, Hashable, Sendable, CaseIterable {
        case extreme = "Extreme", severe = "Severe", moderate = "Moderate", minor = "Minor", unknown = "Unknown"
    }

    /// CAP `urgency`.
    public enum Urgency: String, Hashable, Sendable, CaseIterable {
        case immediate = "Immediate", expected = "Expected", future = "Future", past = "Past", unknown = "Unknown"
    }

    /// CAP `certainty`.
    public enum Certainty: String, Hashable, Sendable, CaseIterable {
        case observed = "Observed", likely = "Likely", possible = "Possible", unlikely = "Unlikely", unknown = "Unknown"
    }

    /// RFC 3066 language tag (`vi-VN`; CAP's default is `en-US`).
    public var language: String
    /// The event in words ("Bão", "Lũ quét").
    public var event: String
    public var urgency: Urgency
    public var severity: Severity
    public var certainty: Certainty
    /// The Vietnamese disaster risk level when the message gives one (CAP parameter
    /// `capDoRuiRo` / JSON `riskLevel`), else from the severity (docs/alerts.md).
    public var riskLevel: RiskLevel?
    /// When it takes effect (nil: when sent).
    public var effective: Instant?
    /// When the hazard is expected to begin.
    public var onset: Instant?
    /// When it ends (nil: until cancelled).
    public var expires: Instant?
    /// Who issued it, for people ("Ban Chỉ huy PCTT tỉnh Khánh Hòa").
    public var senderName: String
    public var headline: String
    public var description: String
    public var instruction: String
    /// Where it applies.
    public var areas: [WarningArea]

    /// Creates an information block.
    public init(
        language: String = "vi-VN", event: String = "", urgency: Urgency = .unknown, severity: Severity = .unknown,
        certainty: Certainty = .unknown, riskLevel: RiskLevel? = nil, effective: Instant? = nil, onset: Instant? = nil,
        expires: Instant? = nil, senderName: String = "", headline: String = "", description: String = "",
        instruction: String = "", areas: [WarningArea] = []
    ) {
        self.language = language
        self.event = event
        self.urgency = urgency
        self.severity = severity
        self.certainty = certainty
        self.riskLevel = riskLevel
        self.effective = effective
        self.onset = onset
        self.expires = expires
        self.senderName = senderName
        self.headline = headline
        self.description = description
        self.instruction = instruction
        self.areas = areas
    }

    /// The level a board colours the warning with: the given one, else the severity's
    /// (Extreme 5, Severe 4, Moderate 3, Minor 2, Unknown 1; docs/alerts.md).
    public var level: RiskLevel {
        if let riskLevel { return riskLevel }
        switch severity {
        case .extreme: return RiskLevel(5)!
        case .severe: return RiskLevel(4)!
        case .moderate: return RiskLevel(3)!
        case .minor: return RiskLevel(2)!
        case .unknown: return RiskLevel(1)!
        }
    }
}

/// Where a warning applies: administrative units by code, and shapes.
public struct WarningArea: Hashable, Sendable {
    /// For people ("Các xã ven biển tỉnh Khánh Hòa").
    public var description: String
    /// Administrative unit codes in force since 1 July 2025 (Decision 19/2025/QĐ-TTg): 2-digit
    /// provinces, 5-digit communes.
    public var codes: [String]
    /// Closed rings of (latitude, longitude) points.
    public var polygons: [[GeoPoint]]
    /// Centres and radii in kilometres.
    public var circles: [(center: GeoPoint, radiusKilometres: Double)]

    /// Creates an area.
    public init(
        description: String = "", codes: [String] = [], polygons: [[GeoPoint]] = [],
        circles: [(center: GeoPoint, radiusKilometres: Double)] = []
    ) {
        self.description = description
        self.codes = codes
        self.polygons = polygons
        self.circles = circles
    }

    public static func == (a: WarningArea, b: WarningArea) -> Bool {
        a.description == b.description && a.codes == b.codes && a.polygons == b.polygons
            && a.circles.count == b.circles.count
            && zip(a.circles, b.circles).allSatisfy { $0.center == $1.center && $0.radiusKilometres == $1.radiusKilometres }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(description)
        hasher.combine(codes)
        hasher.combine(polygons)
        hasher.combine(circles.count)
    }
}

/// A point on the WGS 84 ellipsoid, in degrees.
public struct GeoPoint: Hashable, Sendable {
    public var latitude: Double
    public var longitude: Double

    /// Creates a point.
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}
