import Foundation

/// The real CAP sample messages (`Tests/Fixtures/cap/`, copied unchanged from the team's
/// `../shared/fixtures/cap/` so a clone anywhere has them; see its SOURCES.md), and the
/// repository's own documents the tests read.
enum CAPFixtures {
    /// The repository's root, found from this file.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `Tests/Fixtures/cap` in the repository.
    static let folder = repository.appendingPathComponent("Tests/Fixtures/cap")

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// Every message file (not SOURCES.md), sorted.
    static func names() throws -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw Missing(
                description: "the CAP fixtures are missing: expected the folder \(folder.path) "
                    + "with the sample messages listed in its SOURCES.md")
        }
        return names.filter { $0.hasSuffix(".xml") || $0.hasSuffix(".cap") }.sorted()
    }

    /// The messages CAP allows, which a board must read.
    static func validNames() throws -> [String] { try names().filter { !$0.contains("invalid") } }

    /// A fixture's bytes.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = folder.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw Missing(description: "the CAP fixture \(url.path) is missing (see Tests/Fixtures/cap/SOURCES.md)")
        }
        return [UInt8](data)
    }

    /// A fixture's bytes, matched by a unique part of its name.
    static func bytes(containing part: String) throws -> [UInt8] {
        let matching = try names().filter { $0.contains(part) }
        guard matching.count == 1 else {
            throw Missing(description: "expected one CAP fixture named like \"\(part)\" in \(folder.path), found \(matching)")
        }
        return try bytes(matching[0])
    }
}
