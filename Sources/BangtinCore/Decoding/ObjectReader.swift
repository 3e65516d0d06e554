/// Reads the members of one JSON object, recording a problem for each wrong or missing value
/// instead of stopping at the first, so `validate` can name every problem in one run.
struct ObjectReader {
    let path: String
    private let members: [(key: String, value: JSONNode)]
    private var used: Set<String> = []

    /// Reads `node` as an object; records a problem and returns nil if it is not one.
    init?(_ node: JSONNode, path: String, problems: inout [Problem]) {
        guard case .object(let members) = node.value else {
            problems.append(
                Problem(path: path.isEmpty ? "(document)" : path, message: "must be an object, found \(node.typeName)"))
            return nil
        }
        self.path = path
        self.members = members
    }

    func pathOf(_ key: String) -> String { JSONPath.member(path, key) }

    /// The raw node of a member, marking the key as known.
    mutating func node(_ key: String) -> JSONNode? {
        used.insert(key)
        return members.first { $0.key == key }?.value
    }

    /// Marks keys as allowed without reading them (e.g. `$schema`).
    mutating func allow(_ keys: String...) { used.formUnion(keys) }

    /// A string member that a board can show (`TextRules`): no control characters but line
    /// breaks and tabs, a few marks on a letter at most, and at most `maxCharacters` characters.
    mutating func string(
        _ key: String, required: Bool = false, maxCharacters: Int = Limits.textCharacters, problems: inout [Problem]
    ) -> String? {
        guard let node = present(key, required: required, problems: &problems) else { return nil }
        guard case .string(let value) = node.value else {
            return wrongType(key, node, "a string", &problems)
        }
        if let problem = TextRules.problem(with: value, maxCharacters: maxCharacters) {
            problems.append(Problem(path: pathOf(key), message: problem))
            return nil
        }
        return value
    }

    mutating func number(_ key: String, required: Bool = false, problems: inout [Problem]) -> Double? {
        guard let node = present(key, required: required, problems: &problems) else { return nil }
        guard case .number(let value) = node.value else {
            return wrongType(key, node, "a number", &problems)
        }
        return value
    }

    /// A duration in seconds, as the whole milliseconds the model counts in. A value that is not
    /// 0 but would round to 0 ms is refused, never made a cut or a division by zero.
    /// - Parameter range: seconds allowed, with the words saying so when a value is outside.
    mutating func milliseconds(
        _ key: String, required: Bool = false, in range: ClosedRange<Double>, words: String, problems: inout [Problem]
    ) -> Int64? {
        guard let seconds = number(key, required: required, problems: &problems) else { return nil }
        guard range.contains(seconds) else {
            problems.append(Problem(path: pathOf(key), message: words))
            return nil
        }
        let milliseconds = Int64((seconds * 1000).rounded())
        if milliseconds == 0 && seconds != 0 {
            problems.append(
                Problem(
                    path: pathOf(key), message: "\(seconds) s rounds to 0 (durations count whole milliseconds, at least 0.001 s)")
            )
            return nil
        }
        return milliseconds
    }

    mutating func integer(
        _ key: String, required: Bool = false, in range: ClosedRange<Int>? = nil,
        problems: inout [Problem]
    ) -> Int? {
        guard let node = present(key, required: required, problems: &problems) else { return nil }
        guard case .number(let value) = node.value, value.rounded() == value, abs(value) < 1e15 else {
            return wrongType(key, node, "a whole number", &problems)
        }
        let int = Int(value)
        if let range, !range.contains(int) {
            problems.append(Problem(path: pathOf(key), message: Self.rangeMessage(range, found: "\(int)")))
            return nil
        }
        return int
    }

    mutating func bool(_ key: String, problems: inout [Problem]) -> Bool? {
        guard let node = present(key, required: false, problems: &problems) else { return nil }
        guard case .bool(let value) = node.value else {
            return wrongType(key, node, "true or false", &problems)
        }
        return value
    }

    /// A string member that must be one of an enumeration's raw values.
    mutating func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, problems: inout [Problem])
        -> E? where E.RawValue == String
    {
        guard let raw = string(key, problems: &problems) else { return nil }
        guard let value = E(rawValue: raw) else {
            let options = E.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(Problem(path: pathOf(key), message: "unknown value \"\(raw)\" (expected \(options))"))
            return nil
        }
        return value
    }

    mutating func color(_ key: String, problems: inout [Problem]) -> Color? {
        guard let text = string(key, problems: &problems) else { return nil }
        guard let color = Color(hex: text) else {
            problems.append(Problem(path: pathOf(key), message: "\"\(text)\" is not a colour (expected #rrggbb or #rrggbbaa)"))
            return nil
        }
        return color
    }

    /// An array member of at most `maxCount` elements (1,000 unless told).
    mutating func array(_ key: String, required: Bool = false, maxCount: Int = 1_000, problems: inout [Problem])
        -> [JSONNode]?
    {
        guard let node = present(key, required: required, problems: &problems) else { return nil }
        guard case .array(let elements) = node.value else {
            return wrongType(key, node, "an array", &problems)
        }
        guard elements.count <= maxCount else {
            problems.append(
                Problem(path: pathOf(key), message: "must hold at most \(maxCount) elements (found \(elements.count))"))
            return nil
        }
        return elements
    }

    /// A board's `{"width", "height"}`: each side 1…16384, at most `Limits.boardPixels` in all.
    mutating func boardSize(_ key: String, problems: inout [Problem]) -> PixelSize? {
        guard let node = node(key) else {
            problems.append(Problem(path: pathOf(key), message: "is required"))
            return nil
        }
        guard var reader = ObjectReader(node, path: pathOf(key), problems: &problems) else { return nil }
        let width = reader.integer("width", required: true, in: 1...Limits.boardSide, problems: &problems)
        let height = reader.integer("height", required: true, in: 1...Limits.boardSide, problems: &problems)
        reader.reportUnknownKeys(problems: &problems)
        guard let width, let height else { return nil }
        guard width * height <= Limits.boardPixels else {
            problems.append(
                Problem(
                    path: pathOf(key),
                    message:
                        "\(width)×\(height) is \(width * height) pixels; a board may have at most \(Limits.boardPixels) (8K UHD, 7680×4320)"
                ))
            return nil
        }
        return PixelSize(width: width, height: height)
    }

    /// Records a problem for every member that no reader asked for.
    func reportUnknownKeys(problems: inout [Problem]) {
        for member in members where !used.contains(member.key) {
            problems.append(Problem(path: pathOf(member.key), message: "unknown key"))
        }
    }

    static func rangeMessage<T: Comparable>(_ range: ClosedRange<T>, found: String) -> String {
        "must be between \(range.lowerBound) and \(range.upperBound), found \(found)"
    }

    private mutating func present(_ key: String, required: Bool, problems: inout [Problem]) -> JSONNode? {
        guard let node = node(key) else {
            if required { problems.append(Problem(path: pathOf(key), message: "is required")) }
            return nil
        }
        if case .null = node.value {
            if required { problems.append(Problem(path: pathOf(key), message: "is required, found null")) }
            return nil
        }
        return node
    }

    private func wrongType<T>(_ key: String, _ node: JSONNode, _ expected: String, _ problems: inout [Problem]) -> T? {
        problems.append(Problem(path: pathOf(key), message: "must be \(expected), found \(node.typeName)"))
        return nil
    }
}
