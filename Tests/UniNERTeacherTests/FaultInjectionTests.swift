import Foundation
import OpenAICompatible
import UniNERAnnotators
import UniNERCore
import XCTest

/// The `openai` annotator against a server that fails in every way a real endpoint does: the run finishes,
/// every fault is counted, and no passage is lost or duplicated.
final class FaultInjectionTests: XCTestCase {
    private func annotator(_ server: FaultServer, maxRetries: Int = 3, timeout: Double = 1) throws -> OpenAIAnnotator {
        var annotator = try OpenAIAnnotator(options: .init(baseURL: server.baseURL, model: "fault-model", concurrency: 3,
                                                       maxRetries: maxRetries, timeoutSeconds: timeout, maxTokens: 64))
        annotator.backoff = Backoff(base: 0.01, maximum: 0.05)
        return annotator
    }

    func testEveryFaultIsCountedAndNothingIsLostOrDuplicated() async throws {
        let server = try FaultServer(stallSeconds: 3)
        defer { server.stop() }
        let passages = [
            Passage(id: "ok1", text: "Marie Curie worked in Paris."),
            Passage(id: "rate", text: "Alan Turing studied at Cambridge. [[fault:429]]"),
            Passage(id: "server", text: "Ada Lovelace met Charles Babbage. [[fault:500x2]]"),
            Passage(id: "stall", text: "Grace Hopper served in the Navy. [[fault:stall]]"),
            Passage(id: "broken", text: "Linus Torvalds wrote Linux. [[fault:malformed]]"),
            Passage(id: "prose", text: "Nothing to see here, Bob. [[fault:prose]]"),
            Passage(id: "extras", text: "Tim Berners-Lee invented the Web. [[fault:extras]]"),
            Passage(id: "ok2", text: "Katherine Johnson worked at Langley."),
            Passage(id: "down", text: "Dennis Ritchie wrote Unix. [[fault:500x99]]"),
            Passage(id: "cut", text: "Edsger Dijkstra lived in Austin. [[fault:length]]"),
        ]
        let context = try temporaryRunContext()
        let teacher = try annotator(server, maxRetries: 3)
        let result = try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context)
        let report = result.report

        // Faults, each counted once per failed attempt.
        XCTAssertEqual(report["failures_429"], 1)
        XCTAssertEqual(report["failures_5xx"], 2 + 4, "two for 'server', four (1 + 3 retries) for 'down'")
        XCTAssertEqual(report["failures_timeout"], 1)
        XCTAssertEqual(report["failures_malformed_json"], 1)
        XCTAssertEqual(report["unparseable_outputs"], 1)
        XCTAssertEqual(report["failures_unparseable_output"], 1)
        XCTAssertEqual(report["passages_failed"], 1)
        XCTAssertEqual(report["retries"], 1 + 2 + 1 + 1 + 3)
        XCTAssertEqual(report["requests"], 10 + report["retries"])
        XCTAssertEqual(report["outputs_truncated"], 1)
        XCTAssertEqual(report["mentions_not_in_passage"], 1)
        XCTAssertEqual(report["mentions_filtered_type"], 1)
        XCTAssertEqual(report["mentions_filtered_non_english"], 1)
        XCTAssertEqual(report["cache_misses"], 10)
        XCTAssertGreaterThan(report["prompt_tokens"], 0)
        XCTAssertGreaterThan(report["completion_tokens"], 0)
        XCTAssertEqual(report["passages_per_second"], 9 / report["seconds"], accuracy: 1e-9, "answered passages per second")
        XCTAssertEqual(report["requests_per_second"], report["requests"] / report["seconds"], accuracy: 1e-9)

        // Nothing lost, nothing duplicated: every passage but the unparseable and the dead one, once, in order.
        XCTAssertEqual(result.passages.map(\.passage.id), ["ok1", "rate", "server", "stall", "broken", "extras", "ok2", "cut"])
        let byID = Dictionary(uniqueKeysWithValues: result.passages.map { ($0.passage.id, $0.mentions) })
        XCTAssertEqual(byID["ok1"], [Mention(text: "Marie Curie", type: "thing"), Mention(text: "Paris", type: "thing")])
        XCTAssertEqual(byID["stall"]?.map(\.text), ["Grace Hopper", "Navy"])
        XCTAssertEqual(byID["extras"]?.map(\.text), ["Tim Berners", "Lee", "Web"])
        XCTAssertEqual(byID["cut"], [Mention(text: "Edsger Dijkstra", type: "thing")], "the complete pair of a cut-off list")

        // Retry-After: 1 was honoured although the backoff alone would wait at most 0.05 s.
        let logged = try server.requests()
        let rateAttempts = logged.filter { $0.passage.hasPrefix("Alan Turing") }
        XCTAssertEqual(rateAttempts.map(\.attempt), [1, 2])
        XCTAssertGreaterThanOrEqual(rateAttempts[1].t - rateAttempts[0].t, 0.9)
        // Every request carried the paper's prompt at temperature 0 and no Authorization header.
        for request in logged {
            XCTAssertEqual(request.body.temperature, 0)
            XCTAssertEqual(request.body.messages?.first, .init(role: "system", content: PaperTypePromptStyle.system))
            XCTAssertTrue(request.body.messages?.last?.content.hasPrefix(PaperTypePromptStyle.instruction + "\n\nPassage: ") ?? false)
            XCTAssertFalse(request.authorization)
        }

        // The cache holds one record per answered passage (the prose answer included), none for 'down'.
        let records = try cacheRecords(teacher.cacheURL(in: context.cacheDirectory))
        XCTAssertEqual(records.count, 9)
        XCTAssertEqual(Set(records.compactMap { $0["key"] as? String }).count, 9)
        XCTAssertEqual(Set(records.compactMap { $0["passage_id"] as? String }),
                       ["ok1", "rate", "server", "stall", "broken", "prose", "extras", "ok2", "cut"])

        // A rerun asks only for the passage that failed; the unparseable answer comes from the cache.
        let before = try server.requests().count
        let rerun = try await teacher.annotate(passages, style: PaperTypePromptStyle(), context: context)
        XCTAssertEqual(rerun.report["cache_hits"], 9)
        XCTAssertEqual(rerun.report["outputs_truncated"], 1, "known from the cached finish_reason")
        XCTAssertEqual(rerun.report["requests"], 4)
        XCTAssertEqual(try server.requests().count - before, 4)
        XCTAssertEqual(try server.requests().suffix(4).map(\.passage), Array(repeating: passages[8].text, count: 4))
        XCTAssertEqual(rerun.report["unparseable_outputs"], 1)
        XCTAssertEqual(rerun.passages, result.passages)
    }

    func testRejectedCredentialsStopTheRunWithoutRetrying() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let context = try temporaryRunContext(environment: ["TEACHER_KEY": "sk-secret-value"])
        var options = OpenAIAnnotator.Options(baseURL: server.baseURL, model: "fault-model", apiKeyEnv: "TEACHER_KEY",
                                              maxRetries: 3, timeoutSeconds: 2)
        options.concurrency = 1
        let teacher = try OpenAIAnnotator(options: options)
        do {
            _ = try await teacher.annotate([Passage(id: "p", text: "Ann Lee [[fault:401]]")], style: PaperTypePromptStyle(),
                                           context: context)
            XCTFail("a 401 must stop the run")
        } catch let error as OpenAIError {
            XCTAssertEqual(error.status, 401)
            XCTAssertEqual(error.attempts, 1)
            XCTAssertTrue(error.localizedDescription.contains("api_key_env"))
            XCTAssertFalse(error.localizedDescription.contains("sk-secret-value"))
        }
        let logged = try server.requests()
        XCTAssertEqual(logged.count, 1)
        XCTAssertTrue(logged[0].authorization, "the key is sent as a bearer token")
    }

    func testUnsetKeyVariableIsAnErrorNamingTheVariable() async throws {
        let context = try temporaryRunContext(environment: [:])
        let teacher = try OpenAIAnnotator(options: .init(baseURL: URL(string: "http://127.0.0.1:9/v1")!, model: "m",
                                                     apiKeyEnv: "MISSING_TEACHER_KEY"))
        do {
            _ = try await teacher.annotate([Passage(id: "p", text: "x")], style: PaperTypePromptStyle(), context: context)
            XCTFail("expected an error")
        } catch let error as UniNERError {
            XCTAssertTrue(error.message.contains("MISSING_TEACHER_KEY"))
        }
    }

    func testUnreachableServerFailsWithConnectionErrorsCounted() async throws {
        let context = try temporaryRunContext()
        // Port 9 (discard) on loopback: nothing listens there.
        var teacher = try OpenAIAnnotator(options: .init(baseURL: URL(string: "http://127.0.0.1:9/v1")!, model: "m",
                                                     maxRetries: 2, timeoutSeconds: 2))
        teacher.backoff = Backoff(base: 0.01, maximum: 0.02)
        do {
            _ = try await teacher.annotate([Passage(id: "p", text: "Ann")], style: PaperTypePromptStyle(), context: context)
            XCTFail("expected an error")
        } catch let error as UniNERError {
            XCTAssertTrue(error.message.contains("failed on all 1 passages"), error.message)
            XCTAssertTrue(error.message.contains("connection"), error.message)
        }
    }
}
