import Foundation

/// Why one HTTP attempt failed, in the classes the reports count.
public enum OpenAIFailureClass: String, Codable, Sendable, CaseIterable {
    /// HTTP 429 Too Many Requests.
    case rateLimited = "429"
    /// HTTP 500-599.
    case serverError = "5xx"
    /// The attempt ran past the per-request timeout.
    case timeout
    /// The connection failed (refused, reset, DNS, TLS).
    case connection
    /// HTTP 200 whose body is not the expected JSON.
    case malformedJSON = "malformed_json"
    /// Any other HTTP status (400, 401, 404...): not retried.
    case clientError = "4xx"

    /// Whether an attempt that failed this way is worth retrying.
    public var isRetryable: Bool { self != .clientError }

    /// The report counter for this class: `failures_429`, `failures_5xx`, `failures_timeout`...
    public var counterName: String { "failures_\(rawValue)" }
}

/// A request that failed for good: after its last retry, or at once for a non-retryable status.
public struct OpenAIError: LocalizedError, Sendable, Equatable {
    public var failure: OpenAIFailureClass
    /// The HTTP status, when the server answered.
    public var status: Int?
    /// The endpoint (URL without credentials; the API key is never part of it).
    public var endpoint: String
    /// A short description: the server's error message or the start of the body.
    public var detail: String
    /// Attempts made, retries included.
    public var attempts: Int

    public init(_ failure: OpenAIFailureClass, status: Int? = nil, endpoint: String, detail: String, attempts: Int = 1) {
        self.failure = failure
        self.status = status
        self.endpoint = endpoint
        self.detail = detail
        self.attempts = attempts
    }

    public var errorDescription: String? {
        let statusText = status.map { "HTTP \($0) " } ?? ""
        var text = "error: request to \(endpoint) failed (\(statusText)\(failure.rawValue)) after \(attempts) attempt(s): \(detail)"
        switch failure {
        case .clientError where status == 401 || status == 403:
            text += "\n  help: check the API key: the recipe's 'api_key_env' names the environment variable that holds it"
        case .clientError where status == 404:
            text += "\n  help: check 'base_url' (it should end with /v1 for most servers) and 'model'"
        case .connection:
            text += "\n  help: is the server running and reachable at 'base_url'?"
        case .timeout:
            text += "\n  help: raise 'timeout_s' or lower 'concurrency'"
        default:
            break
        }
        return text
    }
}
