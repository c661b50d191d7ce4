/// Reads an API key from the environment variable a recipe names; the key itself is never written anywhere.
public enum APIKey {
    /// The key held by `variable`, or `nil` when no variable is named (local servers need none).
    /// - Throws: `APIKeyError` when a variable is named but unset or empty.
    public static func resolve(variable: String?, environment: [String: String]) throws -> String? {
        guard let variable, !variable.isEmpty else { return nil }
        guard let key = environment[variable], !key.isEmpty else { throw APIKeyError(variable: variable) }
        return key
    }
}

/// A recipe names an environment variable for the API key that is not set.
public struct APIKeyError: Error, Sendable, Equatable, CustomStringConvertible {
    public var variable: String
    public var description: String {
        "environment variable '\(variable)' (named by 'api_key_env') is not set; export it before running, or remove 'api_key_env' for a server without authentication"
    }
}
