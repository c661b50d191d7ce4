import Foundation

/// A problem with a recipe: where it is, what is wrong, and what to do about it.
public struct RecipeError: LocalizedError, Sendable, Equatable {
    public enum Kind: String, Sendable {
        case malformedYAML = "malformed YAML"
        case unknownKind = "unknown kind"
        case unknownKey = "unknown key"
        case missingKey = "missing key"
        case wrongType = "wrong type"
        case invalidValue = "invalid value"
        case undefinedVariable = "undefined variable"
        case badOverride = "bad override"
        case limitExceeded = "limit exceeded"
    }

    public var kind: Kind
    public var location: SourceLocation?
    /// The dotted path of the offending key, when known (`queries.negatives.kind`).
    public var keyPath: String?
    public var message: String
    /// What to do: valid choices, an example, the expected type.
    public var help: String?

    public init(_ kind: Kind, at location: SourceLocation?, keyPath: String? = nil, _ message: String, help: String? = nil) {
        self.kind = kind
        self.location = location
        self.keyPath = keyPath
        self.message = message
        self.help = help
    }

    public var errorDescription: String? {
        var text = location.map { "\($0): " } ?? ""
        text += "error: \(message)"
        if let keyPath, !message.contains("'\(keyPath)'") { text += " (at '\(keyPath)')" }
        if let help { text += "\n  help: \(help)" }
        return text
    }
}
