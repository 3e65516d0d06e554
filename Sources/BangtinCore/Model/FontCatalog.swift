/// The fonts a player has: families with a file per weight, and the order to fall back in
/// when a family lacks a character. Read from `fonts/fonts.json`.
public struct FontCatalog: Hashable, Sendable {
    /// Font file names (relative to the catalog's folder) by family and weight.
    public var families: [String: [FontWeight: String]]
    /// Families tried, in order, for characters the requested family lacks.
    public var fallback: [String]

    /// Creates a catalog.
    public init(families: [String: [FontWeight: String]], fallback: [String]) {
        self.families = families
        self.fallback = fallback
    }

    /// The file for a family and weight: the weight asked for, else the family's regular face.
    public func file(family: String, weight: FontWeight) -> String? {
        guard let faces = families[family] else { return nil }
        return faces[weight] ?? faces[.regular] ?? faces.values.sorted().first
    }

    /// Decodes `fonts.json`: `{"families": {"Noto Sans": {"regular": "NotoSans-Regular.ttf"}}, "fallback": [...]}`.
    public static func decode(_ bytes: [UInt8]) throws(ContentError) -> FontCatalog {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw ContentError(file: "fonts.json", problems: [Problem(path: "", message: error.description)])
        }
        var problems: [Problem] = []
        var families: [String: [FontWeight: String]] = [:]
        var fallback: [String] = []
        if var top = ObjectReader(root, path: "", problems: &problems) {
            if let node = top.node("families"), var reader = ObjectReader(node, path: "families", problems: &problems),
                case .object(let members) = node.value
            {
                for member in members {
                    guard var faces = ObjectReader(member.value, path: reader.pathOf(member.key), problems: &problems) else {
                        continue
                    }
                    var files: [FontWeight: String] = [:]
                    for weight in FontWeight.allCases {
                        if let file = faces.string(weight.rawValue, problems: &problems) { files[weight] = file }
                    }
                    faces.reportUnknownKeys(problems: &problems)
                    if files.isEmpty {
                        problems.append(Problem(path: reader.pathOf(member.key), message: "names no font file"))
                    }
                    families[member.key] = files
                    reader.allow(member.key)
                }
            } else {
                problems.append(Problem(path: "families", message: "is required"))
            }
            for (index, node) in (top.array("fallback", maxCount: 64, problems: &problems) ?? []).enumerated() {
                guard case .string(let name) = node.value, families[name] != nil else {
                    problems.append(Problem(path: "fallback[\(index)]", message: "must name a family of the catalog"))
                    continue
                }
                fallback.append(name)
            }
            top.reportUnknownKeys(problems: &problems)
        }
        if !problems.isEmpty { throw ContentError(file: "fonts.json", problems: problems) }
        return FontCatalog(families: families, fallback: fallback)
    }
}
