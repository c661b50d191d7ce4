import Foundation

/// Where and how an `OpenAIClient` sends its requests.
public struct OpenAIClientConfiguration: Sendable, Hashable {
    /// The API root, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:8000/v1`; requests go to
    /// `{baseURL}/chat/completions` and `{baseURL}/completions`.
    public var baseURL: URL
    public var model: String
    /// Requests in flight at once.
    public var concurrency: Int
    /// Retries after the first attempt (429, 5xx, timeouts, connection errors, malformed JSON).
    public var maxRetries: Int
    /// Seconds one attempt may take, from sending to the last byte of the answer.
    public var timeout: Double
    /// Starts at most this many requests per minute; `nil` for no limit.
    public var requestsPerMinute: Double?
    public var temperature: Double
    public var backoff: Backoff

    public init(baseURL: URL, model: String, concurrency: Int = 4, maxRetries: Int = 5, timeout: Double = 60,
                requestsPerMinute: Double? = nil, temperature: Double = 0, backoff: Backoff = Backoff()) {
        self.baseURL = baseURL
        self.model = model
        self.concurrency = max(1, concurrency)
        self.maxRetries = max(0, maxRetries)
        self.timeout = timeout
        self.requestsPerMinute = requestsPerMinute
        self.temperature = temperature
        self.backoff = backoff
    }

    /// `{baseURL}/chat/completions`.
    public var chatCompletionsURL: URL { endpoint("chat/completions") }
    /// `{baseURL}/completions`.
    public var completionsURL: URL { endpoint("completions") }

    private func endpoint(_ path: String) -> URL {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + "/" + path) ?? baseURL.appendingPathComponent(path)
    }
}
