extension Manifest {
    /// Decodes a manifest's JSON, naming every problem by JSON path. Paths that escape the
    /// bundle, duplicate paths, bad hashes and sizes over the limits are problems.
    public static func decode(_ bytes: [UInt8]) -> (manifest: Manifest?, problems: [Problem]) {
        var problems: [Problem] = []
        guard var top = ObjectReader.document(bytes, problems: &problems) else { return (nil, problems) }
        if let format = top.string("format", required: true, problems: &problems), format != Manifest.format {
            problems.append(Problem(path: "format", message: "unknown format \"\(format)\" (expected \(Manifest.format))"))
        }
        let bundle = top.string("bundle", required: true, maxCharacters: 200, problems: &problems) ?? ""
        if !bundle.isEmpty, let problem = BundleName.problem(with: bundle, at: "bundle") {
            problems.append(problem)
        }
        let version = top.integer("version", required: true, in: 1...Limits.manifestVersion, problems: &problems)
        let signedAt = timestamp(&top, "signedAt", &problems)
        let expires = timestamp(&top, "expires", &problems)
        var files: [ManifestFile] = []
        if let nodes = top.array("files", required: true, maxCount: Limits.bundleFiles, problems: &problems) {
            var seen = Set<String>()
            var listed: [(path: String, index: Int)] = []
            for (index, node) in nodes.enumerated() {
                let path = JSONPath.element("files", index)
                guard var entry = ObjectReader(node, path: path, problems: &problems) else { continue }
                let name = entry.string("path", required: true, maxCharacters: 1_000, problems: &problems)
                let size = entry.integer("size", required: true, in: 0...Limits.bundleFileBytes, problems: &problems)
                let hash = entry.string("sha256", required: true, maxCharacters: 64, problems: &problems)
                entry.reportUnknownKeys(problems: &problems)
                if let name, let problem = BundlePath.problem(with: name) {
                    problems.append(Problem(path: JSONPath.member(path, "path"), message: problem))
                } else if let name, !seen.insert(name).inserted {
                    problems.append(Problem(path: JSONPath.member(path, "path"), message: "\"\(name)\" is listed twice"))
                } else if let name {
                    listed.append((name, index))
                }
                if let hash, !SHA256Hex.isValid(hash) {
                    problems.append(
                        Problem(path: JSONPath.member(path, "sha256"), message: "must be 64 lowercase hexadecimal digits"))
                }
                if let name, let size, let hash { files.append(ManifestFile(path: name, size: Int64(size), sha256: hash)) }
            }
            // Before the policy sees the version: such a bundle can never be activated, and a
            // refusal here leaves the rollback floor where it was.
            let indexOf = Dictionary(uniqueKeysWithValues: listed.map { ($0.path, $0.index) })
            for clash in BundlePath.folderClashes(in: listed.map(\.path)) {
                let at = indexOf[clash.inside].map { JSONPath.member(JSONPath.element("files", $0), "path") } ?? "files"
                problems.append(Problem(path: at, message: clash.message))
            }
            if !files.contains(where: { $0.path == "schedule.json" }) && problems.isEmpty {
                problems.append(Problem(path: "files", message: "a bundle needs a schedule.json"))
            }
            let total = files.reduce(Int64(0)) { $0 + $1.size }
            if total > Limits.bundleBytes {
                problems.append(
                    Problem(path: "files", message: "the files add up to \(total) bytes, over \(Limits.bundleBytes)"))
            }
        }
        let screenshot = top.string("screenshot", maxCharacters: 100, problems: &problems)
        top.reportUnknownKeys(problems: &problems)
        if let signedAt, let expires, expires <= signedAt {
            problems.append(Problem(path: "expires", message: "must be after signedAt"))
        }
        guard problems.isEmpty, let version, let signedAt, let expires else { return (nil, problems) }
        return (
            Manifest(
                bundle: bundle, version: version, signedAt: signedAt, expires: expires, files: files,
                screenshotRequest: screenshot), []
        )
    }

    /// The manifest as JSON: keys in a fixed order, files sorted, one file a line, UTC times.
    public func encoded() -> [UInt8] {
        var lines = ["{"]
        lines.append("  \"format\": \(JSONText.quoted(Manifest.format)),")
        lines.append("  \"bundle\": \(JSONText.quoted(bundle)),")
        lines.append("  \"version\": \(version),")
        lines.append("  \"signedAt\": \"\(ISO8601.format(signedAt))\",")
        lines.append("  \"expires\": \"\(ISO8601.format(expires))\",")
        if let screenshotRequest { lines.append("  \"screenshot\": \(JSONText.quoted(screenshotRequest)),") }
        lines.append("  \"files\": [")
        for (index, file) in files.enumerated() {
            let comma = index == files.count - 1 ? "" : ","
            lines.append(
                "    {\"path\": \(JSONText.quoted(file.path)), \"size\": \(file.size), \"sha256\": \"\(file.sha256)\"}\(comma)")
        }
        lines.append("  ]")
        lines.append("}")
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    private static func timestamp(_ reader: inout ObjectReader, _ key: String, _ problems: inout [Problem]) -> Instant? {
        guard let text = reader.string(key, required: true, maxCharacters: 64, problems: &problems) else { return nil }
        do {
            let parsed = try ISO8601.parse(text)
            guard parsed.utcOffsetSeconds != nil else {
                problems.append(Problem(path: key, message: "\"\(text)\" needs a UTC offset (Z or +07:00)"))
                return nil
            }
            return ISO8601.instant(parsed) { _ in 0 }
        } catch {
            problems.append(Problem(path: key, message: error.description))
            return nil
        }
    }
}

/// A bundle's name: what ties a manifest to the boards that play it. One key may sign the
/// bundles of many communes; a board takes only manifests naming its own bundle. Names follow
/// `SafeIdentifier`.
public enum BundleName {
    /// The problem with `name` as the bundle name at `path` (`bundle`, `--bundle`), or nil.
    public static func problem(with name: String, at path: String) -> Problem? {
        SafeIdentifier.problem(with: name, at: path, use: "it names the bundle in manifests and on the source system")
    }
}

/// Rules for a path inside a bundle, shared by the manifest, `pack` and the cache.
public enum BundlePath {
    /// Why `path` cannot name a file inside a bundle, or nil when it can.
    public static func problem(with path: String) -> String? {
        if path.isEmpty { return "is empty" }
        if path == "manifest.json" { return "\"manifest.json\" is the name of the signed manifest in a version folder" }
        if path.hasPrefix("/") { return "\"\(path)\" is absolute: paths must stay inside the bundle" }
        if path.contains("\\") { return "\"\(path)\" holds a backslash: use forward slashes" }
        if path.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) { return "holds a control character" }
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            if part == ".." { return "\"\(path)\" climbs out of the bundle with \"..\"" }
            if part.isEmpty || part == "." { return "\"\(path)\" has an empty or \".\" part" }
            if part.utf8.count > 255 { return "a part of \"\(path)\" is longer than 255 bytes" }
        }
        return nil
    }
}

/// Lowercase hexadecimal SHA-256 digests as text.
public enum SHA256Hex {
    /// Whether `text` is 64 lowercase hex digits.
    public static func isValid(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The digest's bytes as lowercase hex.
    public static func text<Bytes: Sequence>(_ digest: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for byte in digest {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
