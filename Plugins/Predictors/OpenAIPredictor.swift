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

    /// The shared endpoint keys (`options.model`, `options.maxTokens`... read through to them) and the
    /// predictor's own.
    public struct Options: PluginOptions, OpenAIEndpointKeys {
        static let endpointDefaults = OpenAIEndpointOptions.Defaults(concurrency: 8, maxTokens: 256, maxTokensNote: "official inference: 256")
        public static let optionSpecs: [OptionSpec] = OpenAIEndpointOptions.optionSpecs(endpointDefaults) + [
            OptionSpec("mode", "completions|chat", default: "completions", "official rendered prompt on /completions, or the same turns on /chat/completions"),
            OptionSpec("dataset_field", "bool", default: "false", "prefix 'Dataset: D' to the text (supervised setting, Fig. 3)"),
        ]

        public var endpoint: OpenAIEndpointOptions
        public var mode: Mode
        public var datasetField: Bool

        enum CodingKeys: String, CodingKey {
            case mode, datasetField = "dataset_field"
        }

        public init(baseURL: URL, model: String, apiKeyEnv: String? = nil, mode: Mode = .completions, concurrency: Int = 8,
                    maxRetries: Int = 5, timeoutSeconds: Double = 60, requestsPerMinute: Double = 0, maxTokens: Int = 256,
                    datasetField: Bool = false) {
            endpoint = OpenAIEndpointOptions(baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv, concurrency: concurrency,
                                             maxRetries: maxRetries, timeoutSeconds: timeoutSeconds,
                                             requestsPerMinute: requestsPerMinute, maxTokens: maxTokens)
            self.mode = mode
            self.datasetField = datasetField
        }

        public init(from decoder: any Decoder) throws {
            endpoint = try OpenAIEndpointOptions(from: decoder, defaults: Self.endpointDefaults)
            let container = try decoder.container(keyedBy: CodingKeys.self)
            mode = try container.decode(.mode, default: .completions)
            datasetField = try container.decode(.datasetField, default: false)
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
        let apiKey = try options.endpoint.apiKey(environment: context.environment, user: "predictor")
        let client = OpenAIClient(options.endpoint.clientConfiguration(backoff: backoff), apiKey: apiKey, log: context.log)
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
