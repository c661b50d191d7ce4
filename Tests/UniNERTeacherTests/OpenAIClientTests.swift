import Foundation
import OpenAICompatible
import UniNERAnnotators
import UniNERCore
import UniNERPredictors
import XCTest

/// The pieces of `OpenAICompatible` and the plugins' options, without a server.
final class OpenAIClientTests: XCTestCase {
    func testRetryAfterParsing() {
        XCTAssertEqual(Backoff.parseRetryAfter("2"), 2)
        XCTAssertEqual(Backoff.parseRetryAfter(" 1.5 "), 1.5)
        XCTAssertNil(Backoff.parseRetryAfter(nil))
        XCTAssertNil(Backoff.parseRetryAfter("soon"))
        let now = Date(timeIntervalSince1970: 1_445_412_480)   // Wed, 21 Oct 2015 07:28:00 GMT
        XCTAssertEqual(Backoff.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) ?? -1, 30, accuracy: 0.001)
    }

    func testBackoffGrowsWithJitterAndHonoursRetryAfter() {
        let backoff = Backoff(base: 1, maximum: 8, maximumRetryAfter: 60)
        for retry in 0..<6 {
            let ceiling = min(8, pow(2, Double(retry)))
            let delays = (0..<50).map { _ in backoff.delay(retry: retry) }
            XCTAssertTrue(delays.allSatisfy { $0 >= ceiling / 2 && $0 <= ceiling }, "retry \(retry): \(delays)")
            XCTAssertGreaterThan(Set(delays).count, 1, "jitter")
        }
        XCTAssertEqual(backoff.delay(retry: 0, retryAfter: 20), 20)
        XCTAssertEqual(backoff.delay(retry: 0, retryAfter: 600), 60)
    }

    func testSemaphoreBoundsConcurrency() async throws {
        let semaphore = AsyncSemaphore(limit: 3)
        let gauge = Gauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<12 {
                group.addTask {
                    try await semaphore.withPermit {
                        await gauge.enter()
                        try await Task.sleep(nanoseconds: 20_000_000)
                        await gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        let peak = await gauge.peak
        XCTAssertEqual(peak, 3)
    }

    func testRateLimiterSpacesRequests() async throws {
        let limiter = RateLimiter(requestsPerMinute: 600)   // one every 0.1 s
        let started = Date()
        for _ in 0..<5 { try await limiter.acquire() }
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), 0.39)
    }

    func testAPIKeyComesOnlyFromTheNamedVariable() throws {
        XCTAssertNil(try APIKey.resolve(variable: nil, environment: ["OPENAI_API_KEY": "x"]))
        XCTAssertEqual(try APIKey.resolve(variable: "MY_KEY", environment: ["MY_KEY": "sk-1"]), "sk-1")
        XCTAssertThrowsError(try APIKey.resolve(variable: "MY_KEY", environment: [:])) { error in
            XCTAssertTrue("\(error)".contains("MY_KEY"))
        }
    }

    func testCacheKeyDependsOnEndpointModelAndMessagesOnly() {
        let messages = [OpenAIMessage(role: "user", content: "Passage: x")]
        let key = AnnotationCache.key(endpoint: "http://a/v1/chat/completions", model: "m", messages: messages, passageText: "x")
        XCTAssertEqual(key.count, 64)
        XCTAssertEqual(key, AnnotationCache.key(endpoint: "http://a/v1/chat/completions", model: "m", messages: messages, passageText: "x"))
        XCTAssertNotEqual(key, AnnotationCache.key(endpoint: "http://b/v1/chat/completions", model: "m", messages: messages, passageText: "x"))
        XCTAssertNotEqual(key, AnnotationCache.key(endpoint: "http://a/v1/chat/completions", model: "n", messages: messages, passageText: "x"))
        XCTAssertNotEqual(key, AnnotationCache.key(endpoint: "http://a/v1/chat/completions", model: "m",
                                                   messages: [OpenAIMessage(role: "user", content: "Passage: y")], passageText: "x"))
    }

    func testOptionsDecodeWithDefaultsAndRejectBadValues() throws {
        let decoder = JSONDecoder()
        let annotator = try decoder.decode(OpenAIAnnotator.Options.self,
                                           from: Data(#"{"base_url": "http://127.0.0.1:8000/v1", "model": "gpt-3.5-turbo-0301"}"#.utf8))
        XCTAssertEqual(annotator.concurrency, 4)
        XCTAssertEqual(annotator.maxRetries, 5)
        XCTAssertEqual(annotator.timeoutSeconds, 60)
        XCTAssertEqual(annotator.requestsPerMinute, 0)
        XCTAssertEqual(annotator.maxTokens, 1024)
        XCTAssertNil(annotator.apiKeyEnv)
        XCTAssertThrowsError(try decoder.decode(OpenAIAnnotator.Options.self,
                                                from: Data(#"{"base_url": "localhost:8000", "model": "m"}"#.utf8))) { error in
            XCTAssertEqual((error as? InvalidOption)?.key, "base_url")
        }
        XCTAssertThrowsError(try decoder.decode(OpenAIAnnotator.Options.self,
                                                from: Data(#"{"base_url": "http://h/v1", "model": "m", "concurrency": 0}"#.utf8))) { error in
            XCTAssertEqual((error as? InvalidOption)?.key, "concurrency")
        }
        let predictor = try decoder.decode(OpenAIPredictor.Options.self,
                                           from: Data(#"{"base_url": "http://h/v1", "model": "uniner", "mode": "chat"}"#.utf8))
        XCTAssertEqual(predictor.mode, .chat)
        XCTAssertEqual(predictor.maxTokens, 256)
        let command = try decoder.decode(CommandAnnotator.Options.self, from: Data(#"{"command": ["python3", "t.py"]}"#.utf8))
        XCTAssertEqual(command.timeoutSeconds, 60)
        XCTAssertThrowsError(try decoder.decode(CommandAnnotator.Options.self, from: Data(#"{"command": []}"#.utf8)))
    }

    func testDescriptorsRegisterTheKindsAndTheirOptions() throws {
        let registry = try PluginRegistry(AnnotatorPlugins.all + PredictorPlugins.all)
        XCTAssertEqual(registry.kinds(of: .annotator), ["command", "gold", "openai", "replay", "reviewed"])
        XCTAssertEqual(registry.kinds(of: .predictor), ["openai", "span-encoder"])
        XCTAssertEqual(registry.descriptor(.annotator, kind: "openai")?.options.map(\.name),
                       ["base_url", "model", "api_key_env", "concurrency", "max_retries", "timeout_s", "requests_per_minute", "max_tokens",
                        "demonstrations"])
        // Built with default options, the required keys are reported by name.
        XCTAssertThrowsError(try registry.make(.annotator, kind: "openai", as: (any Annotator).self)) { error in
            XCTAssertTrue("\(error.localizedDescription)".contains("base_url"), error.localizedDescription)
        }
    }
}

/// Counts holders to find the peak concurrency.
private actor Gauge {
    private var current = 0
    private(set) var peak = 0
    func enter() { current += 1; peak = max(peak, current) }
    func leave() { current -= 1 }
}
