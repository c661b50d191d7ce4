import Foundation
import OpenAICompatible
import UniNERCore
import UniNERPredictors
import XCTest

/// The `openai` predictor against the fault server: the official prompt, order, retries.
final class OpenAIPredictorTests: XCTestCase {
    private func predictor(_ server: FaultServer, mode: OpenAIPredictor.Mode, maxRetries: Int = 3) -> OpenAIPredictor {
        var predictor = OpenAIPredictor(options: .init(baseURL: server.baseURL, model: "uniner", mode: mode, concurrency: 4,
                                                       maxRetries: maxRetries, timeoutSeconds: 5))
        predictor.backoff = Backoff(base: 0.01, maximum: 0.05)
        return predictor
    }

    func testRenderedPromptIsTheOfficialOne() {
        XCTAssertEqual(UniNERInferencePrompt.render(text: "Paris is nice.", label: "location"),
                       "A virtual assistant answers questions from a user based on the provided text. USER: Text: Paris is nice. ASSISTANT: I've read this text.</s>USER: What describes location in the text? ASSISTANT:")
        XCTAssertEqual(UniNERInferencePrompt.firstTurn(text: "t", dataset: "conll2003"), "Dataset: conll2003 \n Text: t")
    }

    func testCompletionsModeSendsTheOfficialPromptAndKeepsOrder() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let queries = (0..<10).map {
            EvaluationQuery(id: "q\($0)", dataset: "demo", text: "Person\($0) met Mary in Rome." + ($0 == 3 ? " [[fault:500]]" : ""),
                            label: "person", answers: [])
        }
        let predictor = predictor(server, mode: .completions)
        let predictions = try await predictor.predict(queries, context: try temporaryRunContext())
        XCTAssertEqual(predictions.map(\.id), queries.map(\.id))
        XCTAssertEqual(predictions[0].prediction, #"["Person", "Mary", "Rome"]"#, "the answer, stripped of the leading space")
        XCTAssertEqual(predictions[3].prediction, #"["Person", "Mary", "Rome"]"#, "answered after a retry")

        let logged = try server.requests()
        XCTAssertEqual(logged.count, 11)
        for request in logged {
            XCTAssertTrue(request.path.hasSuffix("/v1/completions"))
            XCTAssertEqual(request.body.stop, ["</s>"])
            XCTAssertEqual(request.body.temperature, 0)
            XCTAssertEqual(request.body.max_tokens, 256)
        }
        let sent = Set(logged.compactMap(\.body.prompt))
        for query in queries {
            XCTAssertTrue(sent.contains(UniNERInferencePrompt.render(text: query.text, label: "person")))
        }
        let statistics = try XCTUnwrap(predictor.lastStatistics)
        XCTAssertEqual(statistics.statistics.requests, 11)
        XCTAssertEqual(statistics.statistics.retries, 1)
        XCTAssertEqual(statistics.statistics.failures(.serverError), 1)
    }

    func testChatModeSendsTheTurnsAsMessages() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let query = EvaluationQuery(id: "q", dataset: "demo", text: "Mary met John.", label: "person", answers: [])
        _ = try await predictor(server, mode: .chat).predict([query], context: try temporaryRunContext())
        let messages = try XCTUnwrap(server.requests().first?.body.messages)
        XCTAssertEqual(messages.map(\.role), ["system", "user", "assistant", "user"])
        XCTAssertEqual(messages.map(\.content), [UniNERInferencePrompt.system, "Text: Mary met John.", "I've read this text.",
                                                 "What describes person in the text?"])
    }

    func testPermanentFailuresAreReportedAfterTheOtherQueries() async throws {
        let server = try FaultServer()
        defer { server.stop() }
        let queries = [EvaluationQuery(id: "ok", dataset: "d", text: "Ann.", label: "person", answers: []),
                       EvaluationQuery(id: "down", dataset: "d", text: "Bob. [[fault:500x99]]", label: "person", answers: [])]
        do {
            _ = try await predictor(server, mode: .completions, maxRetries: 1).predict(queries, context: try temporaryRunContext())
            XCTFail("expected an error")
        } catch let error as UniNERError {
            XCTAssertTrue(error.message.contains("1 of 2 queries failed"), error.message)
            XCTAssertTrue(error.message.contains("'down'"), error.message)
        }
        XCTAssertEqual(try server.requests().count, 1 + 2)
    }
}
