import Foundation
import OpenAICompatible
import UniNERCore

/// Asks a generative UniNER-style model behind an OpenAI-compatible endpoint (UniNER-7B on vLLM, a
/// llama.cpp server...) one query at a time, with the official inference prompt (`UniNERInferencePrompt`).
///
/// `completions` mode sends the rendered prompt to `/completions` with stop `</s>`, as the official vLLM
/// inference does; `chat` mode sends the same turns as messages to `/chat/completions` for servers that
/// only offer chat. The raw answer, stripped of surrounding whitespace (as the official `get_response`
/// does), is the prediction; the metric parses it.
public struct OpenAIPredictor: Predictor {
    public enum Mode: String, Codable, Sendable, CaseIterable {
        case completions
        case chat
    }

    public struct Options: PluginOptions {
        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("base_url", "URL", "API root, e.g. http://127.0.0.1:8000/v1"),
            OptionSpec("model", "string", "model name the server knows"),
            OptionSpec("api_key_env", "string", default: "null", "environment variable holding the API key (none for local servers)"),
            OptionSpec("mode", "completions|chat", default: "completions", "official rendered prompt on /completions, or the same turns on /chat/completions"),
            OptionSpec("concurrency", "integer", default: "8", "requests in flight"),
            OptionSpec("max_retries", "integer", default: "5", "retries on 429, 5xx, timeouts, connection errors, malformed JSON"),
            OptionSpec("timeout_s", "number", default: "60", "seconds per request attempt"),
            OptionSpec("requests_per_minute", "number", default: "0", "request rate limit; 0 for none"),
            OptionSpec("max_tokens", "integer", default: "256", "tokens per answer (official inference: 256)"),
            OptionSpec("dataset_field", "bool", default: "false", "prefix 'Dataset: D' to the text (supervised setting, Fig. 3)"),
        ]

        public var baseURL: URL
        public var model: String
        public var apiKeyEnv: String?
        public var mode: Mode
        public var concurrency: Int
        public var maxRetries: Int
        public var timeoutSeconds: Double
        public var requestsPerMinute: Double
        public var maxTokens: Int
        public var datasetField: Bool

        enum CodingKeys: String, CodingKey {
            case baseURL = "base_url", model, apiKeyEnv = "api_key_env", mode, concurrency, maxRetries = "max_retries"
            case timeoutSeconds = "timeout_s", requestsPerMinute = "requests_per_minute", maxTokens = "max_tokens"
            case datasetField = "dataset_field"
        }

        public init(baseURL: URL, model: String, apiKeyEnv: String? = nil, mode: Mode = .completions, concurrency: Int = 8,
                    maxRetries: Int = 5, timeoutSeconds: Double = 60, requestsPerMinute: Double = 0, maxTokens: Int = 256,
                    datasetField: Bool = false) {
            self.baseURL = baseURL
            self.model = model
            self.apiKeyEnv = apiKeyEnv
            self.mode = mode
            self.concurrency = concurrency
            self.maxRetries = maxRetries
            self.timeoutSeconds = timeoutSeconds
            self.requestsPerMinute = requestsPerMinute
            self.maxTokens = maxTokens
            self.datasetField = datasetField
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let url = try container.decode(String.self, forKey: .baseURL)
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? "") else {
                throw InvalidOption("base_url", "'\(url)' is not an http(s) URL", help: "write e.g. http://127.0.0.1:8000/v1")
            }
            self.init(baseURL: parsed,
                      model: try container.decode(String.self, forKey: .model),
                      apiKeyEnv: try container.decodeIfPresent(String.self, forKey: .apiKeyEnv),
                      mode: try container.decode(.mode, default: .completions),
                      concurrency: try container.decode(.concurrency, default: 8),
                      maxRetries: try container.decode(.maxRetries, default: 5),
                      timeoutSeconds: try container.decode(.timeoutSeconds, default: 60),
                      requestsPerMinute: try container.decode(.requestsPerMinute, default: 0),
                      maxTokens: try container.decode(.maxTokens, default: 256),
                      datasetField: try container.decode(.datasetField, default: false))
            guard concurrency >= 1 else { throw InvalidOption("concurrency", "must be at least 1") }
            guard maxRetries >= 0 else { throw InvalidOption("max_retries", "must be 0 or more") }
            guard timeoutSeconds > 0 else { throw InvalidOption("timeout_s", "must be positive") }
            guard requestsPerMinute >= 0 else { throw InvalidOption("requests_per_minute", "must be 0 (no limit) or positive") }
            guard maxTokens >= 1 else { throw InvalidOption("max_tokens", "must be at least 1") }
        }
    }

    public let options: Options
    /// Backoff between retries (tests shorten it).
    public var backoff = Backoff()
    private let lastRun = LastRunBox()

    public init(options: Options) {
        self.options = options
    }

    /// The client's statistics for the most recent `predict` call (requests, retries, tokens, wall seconds).
    public var lastStatistics: (statistics: OpenAIStatistics, seconds: Double)? { lastRun.value }

    /// One prediction per query, in order.
    /// - Throws: `UniNERError` when the API key variable is unset, or when some queries failed for good
    ///   after their retries (after all the others are done; the message gives the count and first error).
    public func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
        let apiKey: String?
        do {
            apiKey = try APIKey.resolve(variable: options.apiKeyEnv, environment: context.environment)
        } catch let error as APIKeyError {
            throw UniNERError(error.description, help: "the predictor reads secrets only from the environment")
        }
        let client = OpenAIClient(
            OpenAIClientConfiguration(baseURL: options.baseURL, model: options.model, concurrency: options.concurrency,
                                      maxRetries: options.maxRetries, timeout: options.timeoutSeconds,
                                      requestsPerMinute: options.requestsPerMinute > 0 ? options.requestsPerMinute : nil,
                                      backoff: backoff),
            apiKey: apiKey, log: context.log)
        let started = Date()
        var answers = [String?](repeating: nil, count: queries.count)
        var failures: [(id: String, error: any Error)] = []
        let window = max(1, options.concurrency * 2)
        try await withThrowingTaskGroup(of: (Int, Result<String, any Error>).self) { group in
            var next = 0
            func submit(_ index: Int) {
                let query = queries[index]
                let dataset = options.datasetField ? query.dataset : nil
                group.addTask { [options] in
                    do {
                        let completion: OpenAICompletion
                        switch options.mode {
                        case .completions:
                            completion = try await client.complete(
                                prompt: UniNERInferencePrompt.render(text: query.text, label: query.label, dataset: dataset),
                                maxTokens: options.maxTokens, stop: [UniNERInferencePrompt.stop])
                        case .chat:
                            completion = try await client.chat(
                                UniNERInferencePrompt.messages(text: query.text, label: query.label, dataset: dataset),
                                maxTokens: options.maxTokens, stop: [UniNERInferencePrompt.stop])
                        }
                        return (index, .success(completion.text.trimmingCharacters(in: .whitespacesAndNewlines)))
                    } catch let error as OpenAIError {
                        if error.failure == .clientError { throw error }
                        return (index, .failure(error))
                    }
                }
            }
            while next < min(window, queries.count) { submit(next); next += 1 }
            var done = 0
            while let (index, result) = try await group.next() {
                switch result {
                case .success(let text): answers[index] = text
                case .failure(let error): failures.append((queries[index].id, error))
                }
                done += 1
                if done % 500 == 0 {
                    let rate = Double(done) / max(Date().timeIntervalSince(started), 1e-9)
                    context.log("openai predictor: \(done)/\(queries.count) queries, \(String(format: "%.1f", rate))/s")
                }
                if next < queries.count { submit(next); next += 1 }
            }
        }
        lastRun.set((client.statistics, Date().timeIntervalSince(started)))
        if let first = failures.first {
            throw UniNERError("\(failures.count) of \(queries.count) queries failed after retries (first: query '\(first.id)': \(first.error.localizedDescription))",
                              help: "check the server; raise 'max_retries' or 'timeout_s', or lower 'concurrency'")
        }
        return zip(queries, answers).map { Prediction(id: $0.id, prediction: $1 ?? "[]") }
    }
}

/// The statistics of the latest run, shared by copies of the predictor.
final class LastRunBox: @unchecked Sendable {
    // @unchecked: `stored` is only touched while holding `lock`.
    private let lock = NSLock()
    private var stored: (statistics: OpenAIStatistics, seconds: Double)?

    var value: (statistics: OpenAIStatistics, seconds: Double)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }

    func set(_ value: (statistics: OpenAIStatistics, seconds: Double)) {
        lock.lock()
        stored = value
        lock.unlock()
    }
}
