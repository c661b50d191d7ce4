/// A place in a user's file: recipe or data. Lines and columns count from 1.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// A place that is no line of a file: a `--set` argument, printed as it was written.
    public init(argument: String) {
        self.init(file: "--set '\(argument)'", line: 0, column: 0)
    }

    public var description: String { line == 0 ? file : "\(file):\(line):\(column)" }
}
