import Foundation
import OpenAICompatible
import UniNERAnnotators
import UniNERCore
import UniNERPredictors
import XCTest

/// The `openai` annotator and predictor against a real llama.cpp server (llama-cpp-python with
/// SmolLM2-135M-Instruct), through the logging proxy of `Fixtures/fault_server.py`, which records exactly
/// what the client sent. Enabled by `UNINER_LLAMA_URL` (e.g. `http://127.0.0.1:PORT/v1`), which
/// `scripts/llama-server.sh` prints; `UNINER_LLAMA_MODEL` names the model (default `smollm2`).
final class OpenAILlamaIntegrationTests: XCTestCase {
    private var llamaURL: URL!
    private var model = "smollm2"
    private var proxy: FaultServer!

    override func setUp() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let value = environment["UNINER_LLAMA_URL"], let url = URL(string: value), let host = url.host, let port = url.port else {
            throw XCTSkip("set UNINER_LLAMA_URL to a llama.cpp server: run scripts/llama-server.sh and export the url it prints")
        }
        llamaURL = url
        model = environment["UNINER_LLAMA_MODEL"] ?? "smollm2"
        proxy = try FaultServer(upstream: "\(url.scheme ?? "http")://\(host):\(port)")
    }

    override func tearDown() async throws {
        proxy?.stop()
    }

    /// The proxy's address with the llama URL's path (`/v1`).
    private var proxiedURL: URL { URL(string: "http://127.0.0.1:\(proxy.port)\(llamaURL.path)")! }

    private let passages = [
        Passage(id: "obama", text: "Barack Obama was born in Hawaii and served as president of the United States."),
        Passage(id: "curie", text: "Marie Curie won the Nobel Prize in Physics in 1903 together with Pierre Curie."),
        Passage(id: "apple", text: "Apple opened a new office in London in March."),
        Passage(id: "amazon", text: "The Amazon river flows through Brazil and Peru."),
    ]

    private func teacher(_ url: URL) throws -> OpenAIAnnotator {
        var annotator = try OpenAIAnnotator(options: .init(baseURL: url, model: model, concurrency: 2, maxRetries: 2,
                                                       timeoutSeconds: 300, maxTokens: 96))
        annotator.backoff = Backoff(base: 0.2, maximum: 2)
        return annotator
    }

    func testAnnotatorSendsThePaperPromptAndCachesEveryAnswer() async throws {
        let context = try temporaryRunContext()
        let annotator = try teacher(proxiedURL)
        let started = Date()
        let first = try await annotator.annotate(passages, style: PaperTypePromptStyle(), context: context)
        let seconds = Date().timeIntervalSince(started)
        print("llama integration, first run: \(Int(first.report["requests"])) requests, \(String(format: "%.2f", seconds)) s, "
              + "\(Int(first.report["passages_annotated"])) annotated, \(Int(first.report["unparseable_outputs"])) unparseable, "
              + "\(Int(first.report["prompt_tokens"])) prompt + \(Int(first.report["completion_tokens"])) completion tokens")
        XCTAssertEqual(first.report["requests"], Double(passages.count))
        XCTAssertEqual(first.report["passages_annotated"] + first.report["unparseable_outputs"], Double(passages.count))
        XCTAssertGreaterThan(first.report["prompt_tokens"], 0, "the server's usage is recorded")

        // What went over the wire is the paper's prompt, verbatim, at temperature 0.
        let sent = try proxy.requests()
        XCTAssertEqual(sent.count, passages.count)
        for request in sent {
            XCTAssertTrue(request.path.hasSuffix("/chat/completions"))
            XCTAssertEqual(request.body.temperature, 0)
            XCTAssertEqual(request.body.model, model)
        }
        XCTAssertEqual(Set(sent.compactMap { $0.body.messages?.map(\.content) }),
                       Set(passages.map { PaperTypePromptStyle().teacherMessages(for: $0).map(\.content) }))

        // A rerun asks nothing.
        let second = try await annotator.annotate(passages, style: PaperTypePromptStyle(), context: context)
        XCTAssertEqual(second.report["requests"], 0)
        XCTAssertEqual(second.report["cache_hits"], Double(passages.count))
        XCTAssertEqual(try proxy.requests().count, passages.count)
        XCTAssertEqual(second.passages, first.passages)
    }

    #if os(Linux)
    func testKilledRunAgainstTheServerResumesWithEveryPassageOnce() async throws {
        let context = try temporaryRunContext()
        let annotator = try CacheTests.annotator(proxiedURL, model: model, timeout: 300)
        let url = annotator.cacheURL(in: context.cacheDirectory)
        let child = Process()
        child.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.arguments[0])
        child.arguments = ["UniNERTeacherTests.CacheCrashChild/testChildAnnotatesUntilKilled"]
        child.environment = ProcessInfo.processInfo.environment.merging(
            [CacheCrashChild.urlVariable: proxiedURL.absoluteString, CacheCrashChild.cacheVariable: context.cacheDirectory.path,
             CacheCrashChild.modelVariable: model]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        let deadline = Date().addingTimeInterval(240)
        while Date() < deadline, ((try? Data(contentsOf: url))?.filter { $0 == 0x0A }.count ?? 0) < 3 {
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        XCTAssertTrue(child.isRunning, "the child must still be annotating when it is killed")
        kill(child.processIdentifier, SIGKILL)
        for _ in 0..<300 where child.isRunning { try await Task.sleep(nanoseconds: 10_000_000) }
        let saved = try cacheRecords(url).count
        XCTAssertGreaterThanOrEqual(saved, 3)

        let passages = CacheTests.slowPassages(CacheCrashChild.passageCount)
        let started = Date()
        let rerun = try await annotator.annotate(passages, style: PaperTypePromptStyle(), context: context)
        print("llama integration, after SIGKILL: \(saved) cached, rerun \(Int(rerun.report["requests"])) requests in "
              + String(format: "%.2f s", Date().timeIntervalSince(started)))
        XCTAssertEqual(rerun.report["cache_hits"], Double(saved))
        XCTAssertEqual(rerun.report["requests"], Double(passages.count - saved))
        let records = try cacheRecords(url)
        XCTAssertEqual(records.count, passages.count)
        XCTAssertEqual(Set(records.compactMap { $0["key"] as? String }).count, passages.count)
        XCTAssertEqual(records.compactMap { $0["passage_id"] as? String }.sorted(), passages.map(\.id).sorted())
    }
    #endif

    func testPredictorInBothModes() async throws {
        let queries = [
            EvaluationQuery(id: "q1", dataset: "demo", text: "Barack Obama visited Paris.", label: "person", answers: ["Barack Obama"]),
            EvaluationQuery(id: "q2", dataset: "demo", text: "Barack Obama visited Paris.", label: "location", answers: ["Paris"]),
            EvaluationQuery(id: "q3", dataset: "demo", text: "Apple makes phones.", label: "organization", answers: ["Apple"]),
        ]
        for mode in OpenAIPredictor.Mode.allCases {
            let predictor = OpenAIPredictor(options: .init(baseURL: proxiedURL, model: model, mode: mode, concurrency: 2,
                                                           timeoutSeconds: 300, maxTokens: 48))
            let before = try proxy.requests().count
            let started = Date()
            let predictions = try await predictor.predict(queries, context: try temporaryRunContext())
            print("llama integration, predictor \(mode.rawValue): \(queries.count) queries in "
                  + String(format: "%.2f s: ", Date().timeIntervalSince(started)) + predictions.map(\.prediction).description)
            XCTAssertEqual(predictions.map(\.id), queries.map(\.id))
            XCTAssertEqual(predictor.lastStatistics?.statistics.requests, queries.count)
            let sent = try proxy.requests().dropFirst(before)
            XCTAssertEqual(sent.count, queries.count)
            switch mode {
            case .completions:
                XCTAssertEqual(Set(sent.compactMap(\.body.prompt)),
                               Set(queries.map { UniNERInferencePrompt.render(text: $0.text, label: $0.label) }))
                XCTAssertTrue(sent.allSatisfy { $0.body.stop == ["</s>"] })
            case .chat:
                XCTAssertTrue(sent.allSatisfy { $0.body.messages?.count == 4 })
            }
        }
    }
}
