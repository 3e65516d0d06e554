/// One thing wrong with a piece of content, located by its JSON path.
public struct Problem: Hashable, Sendable, CustomStringConvertible {
    /// Where: `regions[2].items[0].duration`; empty for the document as a whole.
    public var path: String
    /// What is wrong, in words a person fixing the file understands.
    public var message: String

    /// Creates a problem.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
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

    public var description: String {
        problems.map { preformatted ? $0.message : "\(file): \($0)" }.joined(separator: "\n")
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
