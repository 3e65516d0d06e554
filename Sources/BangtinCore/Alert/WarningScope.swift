/// What a warning key may sign: for which senders, over which areas, and whether it may
/// certify other keys (docs/alerts.md, "Who may issue a warning").
///
/// A commune key warns its commune only, a province key its province; `VN` is the whole
/// country (the national disaster authority). Codes are those in force since 1 July 2025
/// (Decision 19/2025/QĐ-TTg): 2-digit provinces, 5-digit communes.
public struct WarningScope: Hashable, Sendable {
    /// The `sender` identities the key may sign for: exact (`pctt@khanhhoa.gov.vn`) or every
    /// address of a domain (`*@khanhhoa.gov.vn`).
    public var senders: [String]
    /// The areas it may warn: `VN`, 2-digit province codes, 5-digit commune codes.
    public var areas: [String]
    /// Whether it may sign a key list (new keys within its own scope, revocations).
    public var certifies: Bool

    /// The code that means the whole country.
    public static let country = "VN"

    /// Creates a scope.
    public init(senders: [String], areas: [String], certifies: Bool = false) {
        self.senders = senders
        self.areas = areas
        self.certifies = certifies
    }

    /// Whether the key may sign for `sender`.
    public func permits(sender: String) -> Bool {
        senders.contains { pattern in
            if pattern.hasPrefix("*@") { return sender.hasSuffix(pattern.dropFirst()) && sender.count > pattern.count - 1 }
            return pattern == sender
        }
    }

    /// Whether an area code a warning names lies inside the scope, as far as codes alone can
    /// tell: a province code must be one of the scope's provinces (or the scope the country);
    /// a commune code one of its communes, or any commune when the scope holds a province
    /// (which province a commune is in is not known from its code; the board then judges its
    /// own commune by its configured province, `entitles(board:)`).
    public func admits(code: String) -> Bool {
        if areas.contains(Self.country) || areas.contains(code) { return true }
        return code.count == 5 && areas.contains { $0.count == 2 }
    }

    /// Whether the key may warn a board standing in `board`: the board's province or commune
    /// is in the scope, or the scope is the country.
    public func entitles(board: BoardArea) -> Bool {
        if areas.contains(Self.country) { return true }
        if let province = board.province, areas.contains(province) { return true }
        if let commune = board.commune, areas.contains(commune) { return true }
        return false
    }

    /// Whether `other` lies inside this scope (a certified key's scope must).
    public func encloses(_ other: WarningScope) -> Bool {
        other.senders.allSatisfy { sender in
            if sender.hasPrefix("*@") { return senders.contains(sender) }
            return permits(sender: sender)
        } && other.areas.allSatisfy { $0 == Self.country ? areas.contains(Self.country) : admits(code: $0) }
            && (!other.certifies || certifies)
    }

    /// The scope in the words a key file and `alert check` use:
    /// `senders=pctt@khanhhoa.gov.vn areas=56 certifies`.
    public var text: String {
        "senders=\(senders.joined(separator: ",")) areas=\(areas.joined(separator: ","))" + (certifies ? " certifies" : "")
    }

    /// Reads `senders=… areas=… [certifies]` (a key file's `scope` line without the word).
    /// - Throws: `Problem` naming what is wrong.
    public static func parse(_ text: String) throws(Problem) -> WarningScope {
        var senders: [String]?
        var areas: [String]?
        var certifies = false
        for word in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if word == "certifies" {
                certifies = true
            } else if word.hasPrefix("senders=") {
                senders = word.dropFirst("senders=".count).split(separator: ",").map(String.init)
            } else if word.hasPrefix("areas=") {
                areas = word.dropFirst("areas=".count).split(separator: ",").map(String.init)
            } else {
                throw Problem(
                    path: "scope",
                    message: "unknown word \"\(PrintableText.escaped(String(word)))\" (expected senders=, areas= or certifies)")
            }
        }
        guard let senders, !senders.isEmpty else {
            throw Problem(path: "scope", message: "names no sender (senders=pctt@khanhhoa.gov.vn or senders=*@khanhhoa.gov.vn)")
        }
        guard let areas, !areas.isEmpty else {
            throw Problem(path: "scope", message: "names no area (areas=56 for a province, a 5-digit commune code, or VN)")
        }
        let scope = WarningScope(senders: senders, areas: areas, certifies: certifies)
        if let problem = scope.problem(path: "scope") { throw problem }
        return scope
    }

    /// What is wrong with the scope's values, or nil.
    public func problem(path: String) -> Problem? {
        for sender in senders {
            let address = sender.hasPrefix("*@") ? String(sender.dropFirst(2)) : sender
            if address.isEmpty || address.count > 200 || address.contains(where: Self.notInIdentifier) || address.contains("*") {
                return Problem(
                    path: path + ".senders",
                    message:
                        "\"\(PrintableText.escaped(sender))\" is not a sender: an identity without white space, ',', '<', '&' or '*', or *@domain"
                )
            }
        }
        for area in areas where area != Self.country {
            guard (area.count == 2 || area.count == 5), area.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                return Problem(
                    path: path + ".areas",
                    message:
                        "\"\(PrintableText.escaped(area))\" is not an area: VN, a 2-digit province or a 5-digit commune code (Decision 19/2025/QĐ-TTg; districts ended on 1 July 2025)"
                )
            }
        }
        return nil
    }

    private static func notInIdentifier(_ character: Character) -> Bool {
        character.isWhitespace || character == "," || character == "<" || character == "&" || character.isNewline
            || character.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }
}
extension Problem: Error {}
