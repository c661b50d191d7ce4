import Foundation

/// A problem reading a data file (benchmark dataset, corpus, predictions), located to file and line.
public struct DataError: LocalizedError, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var message: String
    public var help: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, _ message: String, help: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.help = help
    }

    public var errorDescription: String? {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        var text = "\(place): error: \(message)"
        if let help { text += "\n  help: \(help)" }
        return text
    }
}
