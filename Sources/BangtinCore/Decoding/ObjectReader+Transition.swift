extension ObjectReader {
    /// Reads `{"kind": "fade", "duration": 0.8}`; absent means a cut.
    mutating func transition(_ key: String, problems: inout [Problem]) -> TransitionSpec {
        guard let node = node(key) else { return .cut }
        guard var reader = ObjectReader(node, path: pathOf(key), problems: &problems) else { return .cut }
        let kind = reader.choice("kind", TransitionKind.self, problems: &problems) ?? .cut
        var milliseconds: Int64 = kind == .cut ? 0 : 500
        if let duration = reader.milliseconds(
            "duration", in: 0...60, words: "must be between 0 and 60 seconds", problems: &problems)
        {
            milliseconds = duration
        }
        reader.reportUnknownKeys(problems: &problems)
        return TransitionSpec(kind: kind, durationMilliseconds: milliseconds)
    }
}
