import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `uniner serve` as a real process: answers equal to `uniner predict`'s, every bad request's status and
/// field, the full queue's 503, and SIGTERM letting the request in flight finish.
final class ServeCommandTests: XCTestCase {
    struct Entity: Decodable, Equatable { var text: String; var label: String; var start: Int; var end: Int; var score: Double }
    struct PredictLine: Decodable { var entities: [Entity] }

    let texts = [
        "Alan Turing was born in London and worked for the University of Manchester .",
        "Café Müller in Köln was reviewed by Angela Merkel .",
        // past the model's 64 tokens: the same sliding windows as `predict`
        Array(repeating: "Barack Obama visited Paris with officials of the United Nations and Google .", count: 6).joined(separator: " "),
    ]
    let labels = ["person", "location", "organization"]

    func testExtractEqualsPredictForTheSameTextsAndLabels() async throws {
        let model = try ServeFixtures.model()
        let server = try ServerProcess(model: model)
        for (flat, decoding) in [(true, "flat"), (false, "nested")] {
            let predict = try CLIRunner.run(["predict", "--model", model.path, "--types", labels.joined(separator: ","),
                                                 "--threshold", "0.3", "--decoding", decoding, "--threads", "1"],
                                                stdin: texts.joined(separator: "\n") + "\n")
            XCTAssertEqual(predict.status, 0, predict.stderr)
            let expected = try predict.stdout.split(separator: "\n").map {
                try JSONDecoder().decode(PredictLine.self, from: Data($0.utf8)).entities
            }
            let reply = try await server.extract(["texts": texts, "labels": labels, "threshold": 0.3, "flat": flat])
            XCTAssertEqual(reply.status, 200, String(decoding: reply.body, as: UTF8.self))
            let results = try JSONDecoder().decode([String: [[Entity]]].self, from: reply.body)["results"]
            XCTAssertEqual(results, expected, decoding)
            XCTAssertFalse(expected.joined().isEmpty, "at 0.3 the untrained model finds some spans: the comparison is not vacuous")
        }
        XCTAssertEqual(server.stop(), 0)
    }

    func testBadRequestsGetTheirStatusAndTheFieldAtFault() async throws {
        let server = try ServerProcess(model: try ServeFixtures.model(), ["--max-texts", "3", "--max-labels", "2",
                                                                         "--max-body-bytes", "2000", "--max-text-length", "500"])
        let cases: [(body: String, status: Int, field: String, says: String)] = [
            ("{\"texts\": [\"a\"", 400, "body", "not valid JSON"),
            ("[\"Paris\"]", 400, "body", "JSON object"),
            ("{\"labels\": [\"person\"]}", 400, "texts", "missing"),
            ("{\"texts\": [\"Paris\"]}", 400, "labels", "missing"),
            ("{\"texts\": [\"Paris\"], \"labels\": []}", 400, "labels", "empty"),
            ("{\"texts\": [\"Paris\"], \"labels\": [\" \"]}", 400, "labels[0]", "blank"),
            ("{\"texts\": [\"Paris\", 7], \"labels\": [\"city\"]}", 400, "texts[1]", "must be a string, not a number"),
            ("{\"texts\": \"Paris\", \"labels\": [\"city\"]}", 400, "texts", "list of strings"),
            ("{\"texts\": [\"Paris\"], \"labels\": [\"city\"], \"threshold\": \"high\"}", 400, "threshold", "number"),
            ("{\"texts\": [\"Paris\"], \"labels\": [\"city\"], \"threshold\": 2}", 400, "threshold", "[0.01, 1]"),
            ("{\"texts\": [\"Paris\"], \"labels\": [\"city\"], \"flat\": 1}", 400, "flat", "true or false"),
            ("{\"texts\": [\"a\", \"b\", \"c\", \"d\"], \"labels\": [\"city\"]}", 413, "texts", "limit is 3 (--max-texts)"),
            ("{\"texts\": [\"a\"], \"labels\": [\"x\", \"y\", \"z\"]}", 413, "labels", "limit is 2 (--max-labels)"),
            ("{\"texts\": [\"\(String(repeating: "a", count: 501))\"], \"labels\": [\"x\"]}", 413, "texts[0]", "(--max-text-length)"),
            ("{\"texts\": [\"\(String(repeating: "a ", count: 1500))\"], \"labels\": [\"x\"]}", 413, "body", "over 2000 bytes (--max-body-bytes)"),
        ]
        for item in cases {
            let reply = try await server.post("v1/extract", body: Data(item.body.utf8))
            XCTAssertEqual(reply.status, item.status, item.body)
            XCTAssertEqual(reply.errorField, item.field, item.body)
            XCTAssertTrue(reply.errorMessage?.contains(item.says) == true, "\(item.body): \(reply.errorMessage ?? "no message")")
        }
        let good = try await server.extract(["texts": ["Paris is in France ."], "labels": ["city"]])
        XCTAssertEqual(good.status, 200, "the server goes on answering after the bad requests")

        var wrongMethod = URLRequest(url: server.base.appendingPathComponent("health"))
        wrongMethod.httpMethod = "DELETE"
        let notAllowed = try await server.send(wrongMethod)
        XCTAssertEqual(notAllowed.status, 405)
        XCTAssertEqual(notAllowed.headers["allow"], "GET")

        let health = try await server.get("health").json
        XCTAssertEqual(health?["status"] as? String, "ok")
        XCTAssertEqual(health?["layout"] as? String, "all-in-one")
        XCTAssertEqual(health?["model"] as? String, "serve-student/default")
        let metrics = String(decoding: try await server.get("metrics").body, as: UTF8.self)
        XCTAssertTrue(metrics.contains("uniner_serve_requests_total{path=\"/v1/extract\",status=\"400\"} 11"), metrics)
        XCTAssertTrue(metrics.contains("uniner_serve_requests_total{path=\"/v1/extract\",status=\"413\"} 4"), metrics)
        XCTAssertTrue(metrics.contains("uniner_serve_batch_texts_count 1"), metrics)
        XCTAssertTrue(metrics.contains("uniner_serve_queue_depth 0.0"), metrics)
        XCTAssertTrue(metrics.contains("uniner_serve_request_duration_seconds_count 16"), metrics)
        let served = try await server.get("openapi.yaml")
        let file = try String(contentsOf: CLIRunner.repositoryRoot.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)
        XCTAssertEqual(String(decoding: served.body, as: UTF8.self), file, "rerun scripts/embed-openapi.sh after editing docs/openapi.yaml")
        XCTAssertEqual(server.stop(), 0)
    }

    func testConcurrentRequestsAreMergedAndABadOneFailsAlone() async throws {
        let server = try ServerProcess(model: try ServeFixtures.model(), ["--max-wait-ms", "2000", "--max-batch", "8"])
        // One of them asks a label whose query cannot fit in the model's 64 tokens: it alone fails.
        let unfit = String(repeating: ",.", count: 50)
        let bodies = try (0..<8).map {
            try JSONSerialization.data(withJSONObject: ["texts": ["Text \($0) about Paris ."], "labels": [$0 == 3 ? unfit : "city"]])
        }
        let replies = try await withThrowingTaskGroup(of: ServerProcess.Reply.self) { group in
            for body in bodies { group.addTask { try await server.post("v1/extract", body: body) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        XCTAssertEqual(replies.map(\.status).sorted(), Array(repeating: 200, count: 7) + [400])
        let failed = try XCTUnwrap(replies.first { $0.status == 400 })
        XCTAssertEqual(failed.errorField, "labels")
        XCTAssertTrue(failed.errorMessage?.contains("does not fit in 64 tokens") == true, failed.errorMessage ?? "")
        let metrics = String(decoding: try await server.get("metrics").body, as: UTF8.self)
        // eight texts reached the batch cap before the 2 s wait ran out: one call of 8
        XCTAssertTrue(metrics.contains("uniner_serve_batch_texts_count 1\n"), metrics)
        XCTAssertTrue(metrics.contains("uniner_serve_batch_texts_sum 8.0"), metrics)
        XCTAssertEqual(server.stop(), 0)
    }

    func testAFullQueueAnswers503WithRetryAfter() async throws {
        // The first request waits 1.5 s in the queue for company; with room for one, the second is turned away.
        let server = try ServerProcess(model: try ServeFixtures.model(), ["--max-queue", "1", "--max-wait-ms", "1500"])
        let first = Task { try await server.extract(["texts": ["Paris is in France ."], "labels": ["city"]]) }
        try await Task.sleep(for: .milliseconds(400))
        let second = try await server.extract(["texts": ["Rome is in Italy ."], "labels": ["city"]])
        XCTAssertEqual(second.status, 503)
        XCTAssertEqual(second.headers["retry-after"], "1")
        XCTAssertTrue(second.errorMessage?.contains("--max-queue") == true, second.errorMessage ?? "")
        let firstStatus = try await first.value.status
        XCTAssertEqual(firstStatus, 200)
        XCTAssertEqual(server.stop(), 0)
    }

    func testSIGTERMDuringARequestLetsItFinishAndExitsZero() async throws {
        let server = try ServerProcess(model: try ServeFixtures.model(), ["--max-wait-ms", "1500"])
        let body = try JSONSerialization.data(withJSONObject: ["texts": texts, "labels": labels])
        let inFlight = Task { try await server.post("v1/extract", body: body) }
        try await Task.sleep(for: .milliseconds(400))
        server.process.terminate()
        let reply = try await inFlight.value
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual((reply.json?["results"] as? [Any])?.count, 3)
        server.process.waitUntilExit()
        XCTAssertEqual(server.process.terminationStatus, 0)
        XCTAssertEqual(server.process.terminationReason, .exit)
    }
}
