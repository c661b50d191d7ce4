import Foundation
import OpenAICompatible
import UniNERCore

/// The teacher behind any OpenAI-compatible chat endpoint (OpenAI, vLLM, llama.cpp server, Ollama):
/// asks for each passage with the prompt style's messages at temperature 0, parses the answer with
/// `TeacherOutputParser`, filters it with `MentionFilter`, and caches every raw answer on disk
/// (`AnnotationCache`, under `context.cacheDirectory/teacher/`), so a rerun asks only what is missing.
///
/// Passages with the same messages and text are asked once. A passage is left out (and counted) when its
/// request fails after all retries or its answer is unparseable; a passage whose answer is a valid list
/// is kept even when no mention survives the filters.
///
/// Report counters: `passages`, `passages_annotated`, `passages_failed`, `cache_hits`, `cache_misses`,
/// `requests`, `retries`, `prompt_tokens`, `completion_tokens`, `failures_429`, `failures_5xx`,
/// `failures_timeout`, `failures_connection`, `failures_malformed_json`, `failures_4xx`,
/// `failures_unparseable_output`, `unparseable_outputs`, `outputs_truncated` (answers cut off by `max_tokens`:
/// their complete pairs are still read), the `MentionFilter` counters (`mentions_kept`,
/// `mentions_filtered`, `mentions_filtered_type`, `mentions_filtered_non_english`, `mentions_filtered_empty`,
/// `mentions_not_in_passage`, `mentions_duplicate`, `mentions_case_repaired`), `mentions_raw`,
/// `seconds` (wall time), `passages_per_second` (passages with an answer, parseable or not, cached or not,
/// per wall second: the number to compare with `scripts/plain_client.py` on an empty cache) and
/// `requests_per_second` (HTTP attempts per wall second).
public struct OpenAIAnnotator: Annotator {
    /// The shared endpoint keys (`options.model`, `options.concurrency`... read through to them) and the
    /// annotator's own.
    public struct Options: PluginOptions, OpenAIEndpointKeys {
        static let endpointDefaults = OpenAIEndpointOptions.Defaults(concurrency: 4, maxTokens: 1024)
        public static let optionSpecs: [OptionSpec] = OpenAIEndpointOptions.optionSpecs(endpointDefaults) + [
            OptionSpec("demonstrations", "path", default: "null",
                       "JSON lines of worked examples {passage, output} asked before each passage (few-shot, for small local teachers); the paper asks zero-shot"),
        ]

        public var endpoint: OpenAIEndpointOptions
        public var demonstrations: String?

        enum CodingKeys: String, CodingKey { case demonstrations }

        public init(baseURL: URL, model: String, apiKeyEnv: String? = nil, concurrency: Int = 4, maxRetries: Int = 5,
                    timeoutSeconds: Double = 60, requestsPerMinute: Double = 0, maxTokens: Int = 1024,
                    demonstrations: String? = nil) {
            endpoint = OpenAIEndpointOptions(baseURL: baseURL, model: model, apiKeyEnv: apiKeyEnv, concurrency: concurrency,
                                             maxRetries: maxRetries, timeoutSeconds: timeoutSeconds,
                                             requestsPerMinute: requestsPerMinute, maxTokens: maxTokens)
            self.demonstrations = demonstrations
        }

        public init(from decoder: any Decoder) throws {
            endpoint = try OpenAIEndpointOptions(from: decoder, defaults: Self.endpointDefaults)
            demonstrations = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .demonstrations)
        }
    }

    public let options: Options
    /// The worked examples of `options.demonstrations`, read and checked once, when the annotator is made.
    public let demonstrations: TeacherDemonstrations?
    /// Backoff between retries (tests shorten it).
    public var backoff = Backoff()

    /// - Throws: `DataError` for an unreadable or malformed demonstrations file.
    public init(options: Options) throws {
        self.options = options
        demonstrations = try options.demonstrations.map { try TeacherDemonstrations.read(URL(fileURLWithPath: $0)) }
    }

    /// The cache file for this endpoint and model under `cacheDirectory`.
    public func cacheURL(in cacheDirectory: URL) -> URL {
        let endpoint = configuration.chatCompletionsURL.absoluteString
        let name = "openai-" + SHA256.hex(endpoint + "\u{0}" + options.model).prefix(16) + ".jsonl"
        return cacheDirectory.appendingPathComponent("teacher", isDirectory: true).appendingPathComponent(String(name))
    }

    /// The demonstrations file's digest, so that editing the file invalidates the cached annotations stage.
    public func cacheIdentity() -> String { demonstrations?.digest ?? "" }

    private var configuration: OpenAIClientConfiguration { options.endpoint.clientConfiguration(backoff: backoff) }

    /// Annotates `passages`, asking the endpoint only for passages not in the cache.
    /// - Throws: `UniNERError` when the API key variable is unset or every request failed; `OpenAIError`
    ///   when the endpoint rejects the credentials or the model (HTTP 401, 403, 404); `AnnotationCacheError`
    ///   on cache I/O failures; `CancellationError` when cancelled (answers received so far stay cached).
    public func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult {
        let started = Date()
        let apiKey = try options.endpoint.apiKey(environment: context.environment, user: "annotator")
        let configuration = configuration
        let endpoint = Redaction.urls(in: configuration.chatCompletionsURL.absoluteString)
        let cache = try AnnotationCache(url: cacheURL(in: context.cacheDirectory))
        let summary = await cache.loadSummary
        var report = StageReport()
        report.add("passages", Double(passages.count))
        if let demonstrations {
            report.add("demonstrations", Double(demonstrations.demonstrations.count))
            report.notes.append("few-shot: \(demonstrations.demonstrations.count) demonstrations from \(options.demonstrations ?? "") before each passage (the paper asks zero-shot)")
        }
        if summary.truncatedBytes > 0 {
            report.add("cache_torn_bytes_truncated", Double(summary.truncatedBytes))
            report.notes.append("cache: truncated a torn last record (\(summary.truncatedBytes) bytes) left by an interrupted run")
        }
        if summary.duplicatesIgnored > 0 { report.add("cache_duplicates_ignored", Double(summary.duplicatesIgnored)) }
        if summary.corruptLines > 0 { report.add("cache_corrupt_lines", Double(summary.corruptLines)) }

        // One request per distinct key; passages with the same key share the answer.
        struct Job: Sendable { var key: String; var passageID: String; var messages: [OpenAIMessage] }
        var keys: [String] = []
        var jobs: [Job] = []
        var outputs: [String: String] = [:]
        var truncated = Set<String>()
        var queued = Set<String>()
        for passage in passages {
            let messages = (demonstrations?.messages(for: passage, style: style) ?? style.teacherMessages(for: passage))
                .map { OpenAIMessage(role: $0.role, content: $0.content) }
            let key = AnnotationCache.key(endpoint: endpoint, model: options.model, messages: messages, passageText: passage.text)
            keys.append(key)
            if let record = await cache.record(for: key) {
                outputs[key] = record.output
                if record.finishReason == "length" { truncated.insert(key) }
                report.add("cache_hits")
            } else {
                report.add("cache_misses")
                if queued.insert(key).inserted { jobs.append(Job(key: key, passageID: passage.id, messages: messages)) }
            }
        }
        if !jobs.isEmpty {
            context.log("openai annotator: \(passages.count) passages, \(passages.count - Int(report["cache_misses"])) cached, \(jobs.count) to ask \(options.model) at \(endpoint)")
        }

        let client = OpenAIClient(configuration, apiKey: apiKey, log: context.log)
        var failures: [(passageID: String, error: OpenAIError)] = []
        let maxTokens = options.maxTokens
        let model = options.model
        let window = max(1, options.concurrency * 2)
        try await withThrowingTaskGroup(of: (Job, Result<OpenAICompletion, OpenAIError>).self) { group in
            var next = 0
            func submit(_ job: Job) {
                group.addTask {
                    do {
                        let completion = try await client.chat(job.messages, maxTokens: maxTokens)
                        try await cache.append(AnnotationCache.Record(
                            key: job.key, passageID: job.passageID, model: model, output: completion.text,
                            promptTokens: completion.promptTokens, completionTokens: completion.completionTokens,
                            finishReason: completion.finishReason))
                        return (job, .success(completion))
                    } catch let error as OpenAIError {
                        if error.failure == .clientError, [401, 403, 404].contains(error.status ?? 0) { throw error }
                        return (job, .failure(error))
                    }
                }
            }
            while next < min(window, jobs.count) { submit(jobs[next]); next += 1 }
            var done = 0
            while let (job, result) = try await group.next() {
                switch result {
                case .success(let completion):
                    outputs[job.key] = completion.text
                    if completion.finishReason == "length" { truncated.insert(job.key) }
                case .failure(let error): failures.append((job.passageID, error))
                }
                done += 1
                if done % 100 == 0 || done == jobs.count {
                    let elapsed = Date().timeIntervalSince(started)
                    let rate = Double(done) / max(elapsed, 1e-9)
                    let eta = Double(jobs.count - done) / max(rate, 1e-9)
                    context.log("openai annotator: \(done)/\(jobs.count) requests done, \(String(format: "%.2f", rate))/s, ETA \(Int(eta)) s")
                }
                if next < jobs.count { submit(jobs[next]); next += 1 }
            }
        }

        let statistics = client.statistics
        report.add("requests", Double(statistics.requests))
        report.add("retries", Double(statistics.retries))
        report.add("prompt_tokens", Double(statistics.promptTokens))
        report.add("completion_tokens", Double(statistics.completionTokens))
        for failure in OpenAIFailureClass.allCases where statistics.failures(failure) > 0 {
            report.add(failure.counterName, Double(statistics.failures(failure)))
        }
        for failure in failures.prefix(5) {
            report.notes.append("passage '\(failure.passageID)': \(failure.error.localizedDescription)")
        }
        if let first = failures.first, failures.count == jobs.count, outputs.isEmpty {
            throw UniNERError("the teacher failed on all \(jobs.count) passages it was asked about (first: passage '\(first.passageID)': \(first.error.localizedDescription))",
                              help: "check that the server at '\(Redaction.urls(in: options.baseURL.absoluteString))' is up and serves model '\(options.model)'")
        }

        var annotated: [AnnotatedPassage] = []
        var failed: [String] = []
        for (passage, key) in zip(passages, keys) {
            guard let output = outputs[key] else {
                report.add("passages_failed")
                failed.append(passage.id)
                continue
            }
            if truncated.contains(key) { report.add("outputs_truncated") }
            guard let raw = TeacherOutputParser.parse(output) else {
                report.add("unparseable_outputs")
                report.add("failures_unparseable_output")
                if report["unparseable_outputs"] <= 3 {
                    report.notes.append("unparseable answer for passage '\(passage.id)': \(TerminalText.escaped(output.prefix(200), keepNewlines: false))")
                }
                continue
            }
            report.add("mentions_raw", Double(raw.count))
            let mentions = MentionFilter.apply(raw, passage: passage.text, report: &report)
            annotated.append(AnnotatedPassage(passage: passage, mentions: mentions))
        }
        report.add("passages_annotated", Double(annotated.count))
        let seconds = Date().timeIntervalSince(started)
        let answered = passages.count - Int(report["passages_failed"])
        report.add("seconds", seconds)
        report.add("passages_per_second", Double(answered) / max(seconds, 1e-9))
        report.add("requests_per_second", Double(statistics.requests) / max(seconds, 1e-9))
        return AnnotationResult(passages: annotated, report: report, failedPassageIDs: failed)
    }
}
