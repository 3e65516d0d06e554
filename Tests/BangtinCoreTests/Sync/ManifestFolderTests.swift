import BangtinCore
import Testing

/// A manifest naming `x` and `x/y` can never be written out: refused when decoded, naming both.
@Suite struct ManifestFolderTests {
    static let hash = String(repeating: "ab", count: 32)

    static func manifest(_ paths: [String]) -> Manifest {
        ManifestTests.sample(
            files: (["schedule.json"] + paths).map { ManifestFile(path: $0, size: 1, sha256: hash) })
    }

    @Test func aFileThatIsAlsoAFolderIsRefusedNamingBoth() {
        let (decoded, problems) = Manifest.decode(Self.manifest(["sang/anh", "sang/anh/bao.png"]).encoded())
        #expect(decoded == nil)
        #expect(
            problems.map(\.description) == [
                #"files[1].path: "sang/anh" is a file and also a folder of "sang/anh/bao.png": a bundle folder cannot hold both"#
            ], "\(problems)")
    }

    /// Listed in either order, several levels down, and among paths that only look alike.
    @Test func clashesAreFoundInAnyOrder() {
        #expect(BundlePath.folderClashes(in: ["x/y/z", "x"]) == [.init(file: "x", inside: "x/y/z")])
        #expect(BundlePath.folderClashes(in: ["x", "x/y/z"]) == [.init(file: "x", inside: "x/y/z")])
        #expect(BundlePath.folderClashes(in: ["x/y", "x/y/z", "x"]).count == 2)
        #expect(BundlePath.folderClashes(in: ["x", "x-y", "x.y/z", "xy/z", "y/x", "a/x/b"]).isEmpty)
        #expect(BundlePath.folderClashes(in: []).isEmpty)
    }
}
