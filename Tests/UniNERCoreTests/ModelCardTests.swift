import Foundation
import UniNERCore
import XCTest
import Yams

/// The model card a run writes beside its model: Hugging Face front matter, and the evaluation table of metrics.json.
final class ModelCardTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-card-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testTheRunWritesACardWhoseTableMatchesMetricsJSON() async throws {
        let recipe = try XCTUnwrap(RecipeLoader().load(yaml: """
            name: toy
            output: \(folder.path)
            annotator: gold
            queries: {negatives: {kind: frequency, per_passage: 1}}
            supervised: [{dataset: toy, count: 1}]
            student: gazetteer
            evaluate: {datasets: [toy], metric: exact, max_sentences: 5}
            """, file: "toy.yaml").first)
        let pipeline = Pipeline(registry: PipelineDoubles.registry(PipelineDoubles.Counter()), datasets: PipelineDoubles.Datasets(),
                                domains: ["toy": "general"], cacheRoot: folder.appendingPathComponent(".cache"))
        let result = try await pipeline.run(recipe)
        let run = URL(fileURLWithPath: result.folder)
        let card = try String(contentsOf: run.appendingPathComponent("model/README.md"), encoding: .utf8)

        // Front matter: valid YAML with the keys the Hub reads.
        let parts = card.components(separatedBy: "---\n")
        XCTAssertEqual(parts.first, "", "the card starts with front matter")
        let front = try XCTUnwrap(try Yams.load(yaml: parts[1]) as? [String: Any])
        XCTAssertEqual(front["library_name"] as? String, "uniner")
        XCTAssertEqual(front["pipeline_tag"] as? String, "token-classification")
        XCTAssertEqual(front["datasets"] as? [String], ["toy"])
        XCTAssertEqual(front["metrics"] as? [String], ["precision", "recall", "f1"])
        XCTAssertTrue((front["tags"] as? [String] ?? []).contains("gazetteer"))

        // The evaluation row holds the numbers of metrics.json, in percent.
        // Dataset keys as before; `per_label` beside them has a deeper shape.
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: run.appendingPathComponent("metrics.json")))
                                   as? [String: Any])
        XCTAssertNotNil(object.removeValue(forKey: "per_label"))
        let metrics = try JSONDecoder().decode([String: [String: MetricScore]].self,
                                               from: JSONSerialization.data(withJSONObject: object))
        let score = try XCTUnwrap(metrics["toy"]?["exact"])
        let row = try XCTUnwrap(card.split(separator: "\n").first { $0.hasPrefix("| toy |") })
        let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(cells[1], "in domain", "toy's training split is in the supervised mix")
        XCTAssertEqual(cells[2], "exact")
        XCTAssertEqual(Double(cells[3]) ?? -1, score.precision * 100, accuracy: 0.005)
        XCTAssertEqual(Double(cells[4]) ?? -1, score.recall * 100, accuracy: 0.005)
        XCTAssertEqual(Double(cells[5]) ?? -1, score.f1 * 100, accuracy: 0.005)
        XCTAssertEqual(cells[6...8].map { Int($0) }, [score.queries, score.predicted, score.gold])
        let index = try XCTUnwrap((front["model-index"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        let values = (index.first?["metrics"] as? [[String: Any]])?.compactMap { $0["value"] as? Double }
        XCTAssertEqual(values?.count, 3)
        XCTAssertEqual(values?[2] ?? -1, score.f1 * 100, accuracy: 0.005)

        XCTAssertTrue(card.contains("## Training budget"))
        XCTAssertTrue(card.contains("| wall time of the model stage (s) |"), card)
        XCTAssertTrue(card.contains("Evaluated on at most 5 sentences per dataset"))
        XCTAssertTrue(card.contains("```yaml\nname: toy\n"), "the recipe is quoted")
    }
}
