extension BundlePath {
    /// Two paths of one bundle where the first is a folder of the second: a file `x` and a
    /// file `x/y`.
    public struct FolderClash: Hashable, Sendable {
        /// The path that names a file and, in the other path, a folder (`x`).
        public var file: String
        /// The path that goes through it (`x/y`).
        public var inside: String

        /// A clash of `file` with `inside`, a path through it.
        public init(file: String, inside: String) {
            self.file = file
            self.inside = inside
        }

        /// Why a bundle cannot hold both, naming both paths.
        public var message: String {
            "\"\(PrintableText.escaped(file))\" is a file and also a folder of \"\(PrintableText.escaped(inside))\": "
                + "a bundle folder cannot hold both"
        }
    }

    /// Every path of `paths` that runs through another path of `paths` as if it were a folder,
    /// in the order given. Such a bundle can never be written out (a signed manifest naming `x`
    /// and `x/y` was accepted, raised the rollback floor, then failed activation at every poll).
    ///
    /// Linear in the total length: the paths go into a tree of their parts.
    public static func folderClashes(in paths: [String]) -> [FolderClash] {
        // Node 0 is the bundle folder; each node's children by part, and the path ending there.
        var children: [[Substring: Int]] = [[:]]
        var fileAt: [String?] = [nil]
        var clashes: [FolderClash] = []
        var pending: [(node: Int, path: String)] = []
        for path in paths {
            var node = 0
            var through: String?
            for part in path.split(separator: "/", omittingEmptySubsequences: false) {
                if through == nil, let file = fileAt[node] { through = file }
                if let next = children[node][part] {
                    node = next
                } else {
                    children.append([:])
                    fileAt.append(nil)
                    children[node][part] = children.count - 1
                    node = children.count - 1
                }
            }
            if let through {
                clashes.append(FolderClash(file: through, inside: path))
            } else if fileAt[node] == nil {
                fileAt[node] = path
                pending.append((node, path))
            }
        }
        // A file listed after a path that goes through it (`x/y` before `x`): the first file
        // found below it (in the order listed, so messages do not change between runs).
        for (node, file) in pending where !children[node].isEmpty {
            var stack = children[node].values.sorted(by: >)
            while let next = stack.popLast() {
                if let inside = fileAt[next] {
                    clashes.append(FolderClash(file: file, inside: inside))
                    break
                }
                stack.append(contentsOf: children[next].values.sorted(by: >))
            }
        }
        return clashes
    }
}
