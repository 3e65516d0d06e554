extension ObjectReader {
    /// Reads a whole JSON document that must be an object (layouts, schedules, configurations):
    /// a syntax error becomes one problem with line and column; `$schema` is always allowed.
    static func document(_ bytes: [UInt8], problems: inout [Problem]) -> ObjectReader? {
        let root: JSONNode
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            problems.append(Problem(path: "", message: "invalid JSON at \(error.description)"))
            return nil
        }
        guard var top = ObjectReader(root, path: "", problems: &problems) else { return nil }
        top.allow("$schema")
        return top
    }
}
