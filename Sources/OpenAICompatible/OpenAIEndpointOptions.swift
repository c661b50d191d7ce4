import Foundation
import UniNERCore

/// The recipe options every plugin that talks to an OpenAI-compatible endpoint shares (the `openai` annotator
/// and predictor): where, which model, the key's variable, and how hard to push. One definition, so the two
/// plugins name, document, default and check these keys alike; each plugin adds its own keys beside them.
public struct OpenAIEndpointOptions: Sendable, Equatable {
    public var baseURL: URL
    public var model: String
    public var apiKeyEnv: String?
    public var concurrency: Int
    public var maxRetries: Int
    public var timeoutSeconds: Double
    public var requestsPerMinute: Double
    public var maxTokens: Int

    /// The defaults that differ between plugins.
    public struct Defaults: Sendable {
        public var concurrency: Int
        public var maxTokens: Int
        /// What the `max_tokens` spec says beyond "tokens per answer".
        public var maxTokensNote: String?

        public init(concurrency: Int, maxTokens: Int, maxTokensNote: String? = nil) {
            self.concurrency = concurrency
            self.maxTokens = maxTokens
            self.maxTokensNote = maxTokensNote
        }
    }

    public init(baseURL: URL, model: String, apiKeyEnv: String? = nil, concurrency: Int, maxRetries: Int = 5,
                timeoutSeconds: Double = 60, requestsPerMinute: Double = 0, maxTokens: Int) {
        self.baseURL = baseURL
        self.model = model
        self.apiKeyEnv = apiKeyEnv
        self.concurrency = concurrency
        self.maxRetries = maxRetries
        self.timeoutSeconds = timeoutSeconds
        self.requestsPerMinute = requestsPerMinute
        self.maxTokens = maxTokens
    }

    /// The specs of the shared keys, in recipe order.
    public static func optionSpecs(_ defaults: Defaults) -> [OptionSpec] {
        [
            OptionSpec("base_url", "URL", "API root, e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1"),
            OptionSpec("model", "string", "model name the server knows"),
            OptionSpec("api_key_env", "string", default: "null", "environment variable holding the API key (none for local servers)"),
            OptionSpec("concurrency", "integer", default: String(defaults.concurrency), "requests in flight", range: .atLeastOne),
            OptionSpec("max_retries", "integer", default: "5", "retries on 429, 5xx, timeouts, connection errors, malformed JSON", range: .nonNegative),
            OptionSpec("timeout_s", "number", default: "60", "seconds per request attempt", range: .positive),
            OptionSpec("requests_per_minute", "number", default: "0", "request rate limit; 0 for none", range: .nonNegative),
            OptionSpec("max_tokens", "integer", default: String(defaults.maxTokens),
                       "tokens per answer" + (defaults.maxTokensNote.map { " (\($0))" } ?? ""), range: .atLeastOne),
        ]
    }

    private enum CodingKeys: String, CodingKey {
        case baseURL = "base_url", model, apiKeyEnv = "api_key_env", concurrency, maxRetries = "max_retries"
        case timeoutSeconds = "timeout_s", requestsPerMinute = "requests_per_minute", maxTokens = "max_tokens"
    }

    /// Decodes the shared keys from a plugin's options (other keys are the plugin's to read).
    /// - Throws: `InvalidOption` for a URL that is not http(s) or an out-of-range number.
    public init(from decoder: any Decoder, defaults: Defaults) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let url = try container.decode(String.self, forKey: .baseURL)
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? "") else {
            throw InvalidOption("base_url", "'\(url)' is not an http(s) URL", help: "write e.g. http://127.0.0.1:8000/v1")
        }
        self.init(baseURL: parsed,
                  model: try container.decode(String.self, forKey: .model),
                  apiKeyEnv: try container.decodeIfPresent(String.self, forKey: .apiKeyEnv),
                  concurrency: try container.decode(.concurrency, default: defaults.concurrency),
                  maxRetries: try container.decode(.maxRetries, default: 5),
                  timeoutSeconds: try container.decode(.timeoutSeconds, default: 60),
                  requestsPerMinute: try container.decode(.requestsPerMinute, default: 0),
                  maxTokens: try container.decode(.maxTokens, default: defaults.maxTokens))
        guard concurrency >= 1 else { throw InvalidOption("concurrency", "must be at least 1") }
        guard maxRetries >= 0 else { throw InvalidOption("max_retries", "must be 0 or more") }
        guard timeoutSeconds > 0 else { throw InvalidOption("timeout_s", "must be positive") }
        guard requestsPerMinute >= 0 else { throw InvalidOption("requests_per_minute", "must be 0 (no limit) or positive") }
        guard maxTokens >= 1 else { throw InvalidOption("max_tokens", "must be at least 1") }
    }

    /// The client configuration these options describe.
    public func clientConfiguration(backoff: Backoff) -> OpenAIClientConfiguration {
        OpenAIClientConfiguration(baseURL: baseURL, model: model, concurrency: concurrency, maxRetries: maxRetries,
                                  timeout: timeoutSeconds, requestsPerMinute: requestsPerMinute > 0 ? requestsPerMinute : nil,
                                  backoff: backoff)
    }

    /// The API key from the variable the recipe names (none when it names none).
    /// - Throws: `UniNERError` when the variable is named but unset.
    public func apiKey(environment: [String: String], user: String) throws -> String? {
        do {
            return try APIKey.resolve(variable: apiKeyEnv, environment: environment)
        } catch let error as APIKeyError {
            throw UniNERError(error.description, help: "the \(user) reads secrets only from the environment")
        }
    }
}

/// Plugin options that hold the shared endpoint keys in `endpoint` and read them through by key path, as if
/// they were their own (`options.model`, `options.concurrency = 1`).
@dynamicMemberLookup
public protocol OpenAIEndpointKeys {
    var endpoint: OpenAIEndpointOptions { get set }
}

extension OpenAIEndpointKeys {
    public subscript<T>(dynamicMember keyPath: WritableKeyPath<OpenAIEndpointOptions, T>) -> T {
        get { endpoint[keyPath: keyPath] }
        set { endpoint[keyPath: keyPath] = newValue }
    }
}
