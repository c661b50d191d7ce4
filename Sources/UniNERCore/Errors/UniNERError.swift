import Foundation

/// An error of the runtime that is neither a recipe nor a data-file problem: a missing resource, a failed
/// stage, a plugin that cannot do what was asked. Always says what to do.
public struct UniNERError: LocalizedError, Sendable, Equatable {
    public var message: String
    public var help: String?

    public init(_ message: String, help: String? = nil) {
        self.message = message
        self.help = help
    }

    public var errorDescription: String? {
        help.map { "error: \(message)\n  help: \($0)" } ?? "error: \(message)"
    }
}
