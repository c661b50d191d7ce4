import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import UniNERCore

/// An HTTP client for OpenAI-compatible servers (OpenAI, vLLM, llama.cpp, Ollama): chat completions and
/// completions at temperature 0, with a concurrency limit, an optional requests-per-minute limit, a
/// per-attempt timeout, and retries with exponential backoff and jitter on 429 (honouring `Retry-After`),
/// 5xx, timeouts, connection errors and malformed JSON.
///
/// The API key is held in memory only: it is sent as `Authorization: Bearer ...` and appears in no log,
/// error, statistic or cache key.
///
/// ```swift
/// let client = OpenAIClient(OpenAIClientConfiguration(baseURL: url, model: "gpt-3.5-turbo-0301"),
///                           apiKey: ProcessInfo.processInfo.environment["OPENAI_API_KEY"])
/// let answer = try await client.chat([OpenAIMessage(role: "user", content: "Hi")])
/// ```
public final class OpenAIClient: Sendable {
    public let configuration: OpenAIClientConfiguration
    private let apiKey: String?
    private let session: URLSession
    private let semaphore: AsyncSemaphore
    private let rateLimiter: RateLimiter?
    private let recorder = StatisticsRecorder()
    private let log: @Sendable (String) -> Void

    /// - Parameters:
    ///   - configuration: endpoint, model and limits.
    ///   - apiKey: the bearer token, or `nil` for servers that need none.
    ///   - log: receives one line per retry (never the key or a request body).
    public init(_ configuration: OpenAIClientConfiguration, apiKey: String? = nil,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.apiKey = apiKey.flatMap { $0.isEmpty ? nil : $0 }
        self.log = log
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        sessionConfiguration.httpMaximumConnectionsPerHost = configuration.concurrency
        sessionConfiguration.timeoutIntervalForRequest = configuration.timeout
        sessionConfiguration.timeoutIntervalForResource = configuration.timeout + 5
        sessionConfiguration.requestCachePolicy = .reloadIgnoringLocalCacheData
        session = URLSession(configuration: sessionConfiguration)
        semaphore = AsyncSemaphore(limit: configuration.concurrency)
        rateLimiter = configuration.requestsPerMinute.flatMap { $0 > 0 ? RateLimiter(requestsPerMinute: $0) : nil }
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// What this client has done so far.
    public var statistics: OpenAIStatistics { recorder.snapshot }

    /// Sends a chat-completions request and returns the first choice's message.
    /// - Throws: `OpenAIError` when the request fails for good; `CancellationError` when cancelled.
    public func chat(_ messages: [OpenAIMessage], maxTokens: Int? = nil, stop: [String]? = nil) async throws -> OpenAICompletion {
        let body = ChatCompletionBody(model: configuration.model, messages: messages,
                                      temperature: configuration.temperature, max_tokens: maxTokens, stop: stop)
        return try await send(to: configuration.chatCompletionsURL, body: try JSONEncoder().encode(body))
    }

    /// Sends a completions request (a raw prompt) and returns the first choice's text.
    /// - Throws: `OpenAIError` when the request fails for good; `CancellationError` when cancelled.
    public func complete(prompt: String, maxTokens: Int? = nil, stop: [String]? = nil) async throws -> OpenAICompletion {
        let body = CompletionBody(model: configuration.model, prompt: prompt,
                                  temperature: configuration.temperature, max_tokens: maxTokens, stop: stop)
        return try await send(to: configuration.completionsURL, body: try JSONEncoder().encode(body))
    }

    // MARK: - Attempts and retries

    private func send(to url: URL, body: Data) async throws -> OpenAICompletion {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.timeoutInterval = configuration.timeout
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        // What is printed of the request: no URL credentials, and no echo of the key in a server's answer.
        let endpoint = Redaction.urls(in: url.absoluteString)
        let secrets = [apiKey, url.password, url.user]

        var retry = 0
        while true {
            try Task.checkCancellation()
            let isRetry = retry > 0
            let outcome = try await semaphore.withPermit { [self, request] in
                try await rateLimiter?.acquire()
                recorder.update {
                    $0.requests += 1
                    if isRetry { $0.retries += 1 }
                }
                let started = Date()
                let outcome = try await attempt(request)
                let elapsed = Date().timeIntervalSince(started)
                recorder.update { $0.attemptSeconds += elapsed }
                return outcome
            }
            switch outcome {
            case .success(var completion):
                completion.attempts = retry + 1
                recorder.update {
                    $0.succeeded += 1
                    $0.promptTokens += completion.promptTokens
                    $0.completionTokens += completion.completionTokens
                }
                return completion
            case .failure(let failure, let status, let detail, let retryAfter):
                recorder.update { $0.failures[failure.rawValue, default: 0] += 1 }
                guard failure.isRetryable, retry < configuration.maxRetries else {
                    recorder.update { $0.failed += 1 }
                    throw OpenAIError(failure, status: status, endpoint: endpoint,
                                      detail: TerminalText.escaped(Redaction.secrets(secrets, in: detail), keepNewlines: false),
                                      attempts: retry + 1)
                }
                let delay = configuration.backoff.delay(retry: retry, retryAfter: retryAfter)
                log("\(endpoint): \(failure.rawValue)\(status.map { " (HTTP \($0))" } ?? ""), retry \(retry + 1)/\(configuration.maxRetries) in \(String(format: "%.2f", delay)) s")
                retry += 1
                try await Task.sleep(nanoseconds: UInt64(delay * 1e9))
            }
        }
    }

    /// The result of one HTTP attempt.
    enum Outcome: Sendable {
        case success(OpenAICompletion)
        case failure(OpenAIFailureClass, status: Int?, detail: String, retryAfter: Double?)
    }

    /// One attempt, bounded by the configured timeout.
    private func attempt(_ request: URLRequest) async throws -> Outcome {
        let timeout = configuration.timeout
        let raced: (Data, HTTPURLResponse)?
        do {
            raced = try await withThrowingTaskGroup(of: (Data, HTTPURLResponse)?.self) { group in
                group.addTask { try await self.transfer(request) }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(timeout * 1e9))
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { return nil }
                return first
            }
        } catch let error as URLError {
            if Task.isCancelled { throw CancellationError() }
            switch error.code {
            case .timedOut:
                return .failure(.timeout, status: nil, detail: "no answer within \(timeout) s", retryAfter: nil)
            case .cancelled:
                return .failure(.timeout, status: nil, detail: "no answer within \(timeout) s", retryAfter: nil)
            default:
                return .failure(.connection, status: nil, detail: error.localizedDescription, retryAfter: nil)
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            return .failure(.connection, status: nil, detail: "\(error)", retryAfter: nil)
        }
        guard let (data, response) = raced else {
            if Task.isCancelled { throw CancellationError() }
            return .failure(.timeout, status: nil, detail: "no answer within \(timeout) s", retryAfter: nil)
        }
        return Self.interpret(data: data, response: response)
    }

    /// Classifies an HTTP answer.
    static func interpret(data: Data, response: HTTPURLResponse) -> Outcome {
        let status = response.statusCode
        switch status {
        case 200..<300:
            guard let body = try? JSONDecoder().decode(CompletionResponseBody.self, from: data),
                  let choice = body.choices.first,
                  let text = choice.message?.content ?? choice.text else {
                return .failure(.malformedJSON, status: status, detail: "unexpected body: \(snippet(data))", retryAfter: nil)
            }
            return .success(OpenAICompletion(text: text, finishReason: choice.finish_reason,
                                             promptTokens: body.usage?.prompt_tokens ?? 0,
                                             completionTokens: body.usage?.completion_tokens ?? 0))
        case 429:
            let retryAfter = Backoff.parseRetryAfter(response.value(forHTTPHeaderField: "Retry-After"))
            return .failure(.rateLimited, status: status, detail: errorMessage(data), retryAfter: retryAfter)
        case 408:
            return .failure(.timeout, status: status, detail: errorMessage(data), retryAfter: nil)
        case 500..<600:
            return .failure(.serverError, status: status, detail: errorMessage(data), retryAfter: nil)
        default:
            return .failure(.clientError, status: status, detail: errorMessage(data), retryAfter: nil)
        }
    }

    private static func errorMessage(_ data: Data) -> String {
        if let body = try? JSONDecoder().decode(ErrorResponseBody.self, from: data), let message = body.error?.message {
            return message
        }
        return snippet(data)
    }

    private static func snippet(_ data: Data) -> String {
        let text = String(decoding: data.prefix(300), as: UTF8.self)
        return text.isEmpty ? "(empty body)" : text
    }

    /// One URLSession data task, cancelled when the calling task is.
    private func transfer(_ request: URLRequest) async throws -> (Data, HTTPURLResponse) {
        let box = DataTaskBox()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response = response as? HTTPURLResponse {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                box.start(task)
            }
        } onCancel: {
            box.cancel()
        }
    }
}

/// Holds a data task so that a cancellation arriving before or after it starts cancels it.
private final class DataTaskBox: @unchecked Sendable {
    // @unchecked: `task` and `cancelled` are only touched while holding `lock`.
    private let lock = NSLock()
    private var task: URLSessionDataTask?
    private var cancelled = false

    func start(_ task: URLSessionDataTask) {
        lock.lock()
        self.task = task
        let cancelNow = cancelled
        lock.unlock()
        task.resume()
        if cancelNow { task.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let task = self.task
        lock.unlock()
        task?.cancel()
    }
}
