/// Rules for asset paths inside content: relative, and never leaving the content's folder,
/// so a layout cannot make a board read arbitrary files.
public enum AssetPath {
    /// Why `path` is not acceptable, or nil if it is.
    /// - Parameter folder: what the path is relative to, for the message.
    public static func problem(with path: String, folder: String = "the layout's folder") -> String? {
        if path.isEmpty { return "must not be empty" }
        if path.hasPrefix("/") || path.hasPrefix("\\") {
            return "must be relative to \(folder), found an absolute path"
        }
        if path.contains("\\") { return "must use '/' between folders" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 }) { return "must not contain control characters" }
        var depth = 0
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..":
                depth -= 1
                if depth < 0 { return "must stay inside \(folder) (\"\(path)\" escapes it)" }
            default: depth += 1
            }
        }
        if depth == 0 { return "must name a file" }
        return nil
    }
}
