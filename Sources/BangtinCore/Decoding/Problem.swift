/// One thing wrong with a piece of content, located by its JSON path.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
    /// Where: `regions[2].items[0].duration`; empty for the document as a whole.
    public var path: String
    /// What is wrong, in words a person fixing the file understands.
    public var message: String

    /// Creates a problem; control characters in the path or the message (a key or a name
    /// quoted from the file) are written out, and overlong ones cut.
    public init(path: String, message: String) {
        self.path = TextRules.printable(path)
        self.message = TextRules.printable(message, limit: 2_000)
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Content that was refused, with every problem found in it.
public struct ContentError: Error, Sendable, CustomStringConvertible {
    /// The file the problems are in, as the user named it.
    public var file: String
    /// Every problem, in document order.
    public var problems: [Problem]
    /// Whether the problems' messages already name their files (errors gathered from several).
    public var preformatted: Bool

    /// Creates the error.
    public init(file: String, problems: [Problem], preformatted: Bool = false) {
        self.file = file
        self.problems = problems
        self.preformatted = preformatted
    }

    /// Every problem on its own line, at most `Limits.problemsPerFile` of them.
    public var description: String {
        var lines = problems.prefix(Limits.problemsPerFile).map { preformatted ? $0.message : "\(file): \($0)" }
        if problems.count > Limits.problemsPerFile {
            lines.append("\(file): … and \(problems.count - Limits.problemsPerFile) more problems")
        }
        return lines.joined(separator: "\n")
    }
}

/// JSON path building: `regions[2].items[0].duration`.
enum JSONPath {
    static func member(_ parent: String, _ key: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    static func element(_ parent: String, _ index: Int) -> String {
        "\(parent)[\(index)]"
    }
}
