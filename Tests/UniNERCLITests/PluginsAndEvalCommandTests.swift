import Foundation
import UniNERCore
import XCTest

final class PluginsAndEvalCommandTests: XCTestCase {
    func testPluginsJSONListsEveryFamilyWithOptions() throws {
        let output = try CLIRunner.run(["plugins", "--json"])
        XCTAssertEqual(output.status, 0, output.stderr)
        struct Listing: Decodable {
            struct Option: Decodable { var name: String; var type: String; var defaultValue: String? }
            var family: String
            var kind: String
            var options: [Option]
        }
        let listings = try JSONDecoder().decode([Listing].self, from: Data(output.stdout.utf8))
        let kinds = Set(listings.map { "\($0.family)/\($0.kind)" })
        for expected in ["negatives/none", "negatives/uniform", "negatives/frequency", "template/per-type",
                         "template/all-in-one", "prompt/type", "prompt/definition", "metric/strict", "metric/partial",
                         "metric/span", "annotator/gold", "annotator/replay", "corpus/jsonl", "student/external"] {
            XCTAssertTrue(kinds.contains(expected), "missing \(expected) in \(kinds.sorted())")
        }
        let frequency = try XCTUnwrap(listings.first { $0.kind == "frequency" })
        XCTAssertEqual(frequency.options.first?.name, "per_passage")
        XCTAssertEqual(frequency.options.first?.defaultValue, "4")
    }

    /// Gold answers as predictions score F1 = 1 (up to the official 1e-10 terms); empty ones score 0.
    func testEvalOfficialFileGoldAndEmpty() throws {
        let benchmark = try XCTUnwrap(CLIRunner.benchmark, "benchmark data not found: set UNINER_DATA")
        let official = benchmark.appendingPathComponent("CrossNER_AI/CrossNER_AI.json")
        let records = try JSONSerialization.jsonObject(with: Data(contentsOf: official)) as? [[String: Any]] ?? []
        var gold = "", empty = ""
        for record in records {
            let id = record["id"] as? String ?? ""
            let turns = record["conversations"] as? [[String: String]] ?? []
            let answer = turns.last?["value"] ?? "[]"
            gold += String(decoding: try JSONSerialization.data(withJSONObject: ["id": id, "prediction": answer]), as: UTF8.self) + "\n"
            empty += "{\"id\": \"\(id)\", \"prediction\": \"[]\"}\n"
        }
        let goldFile = try CLIRunner.file(gold, name: "gold.jsonl", test: self)
        let emptyFile = try CLIRunner.file(empty, name: "empty.jsonl", test: self)
        let scored = try CLIRunner.run(["eval", "--data", official.path, "--predictions", goldFile.path, "--json"])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        let result = try JSONDecoder().decode([String: Double].self, from: Data(scored.stdout.utf8))
        XCTAssertEqual(result["f1"] ?? 0, 0.9999999999499376, accuracy: 1e-12)
        XCTAssertEqual(result["queries"], 5603)
        let none = try CLIRunner.run(["eval", "--data", official.path, "--predictions", emptyFile.path, "--json"])
        let zero = try JSONDecoder().decode([String: Double].self, from: Data(none.stdout.utf8))
        XCTAssertEqual(zero["f1"], 0)
        XCTAssertEqual(zero["recall"], 0)

        // --per-label: the same gold predictions score every label with gold mentions 1, and the tables are printed.
        let labelled = try CLIRunner.run(["eval", "--data", official.path, "--predictions", goldFile.path, "--json",
                                          "--per-label", "--metric", "strict", "--metric", "partial"])
        XCTAssertEqual(labelled.status, 0, labelled.stderr)
        struct Full: Decodable {
            var scores: [String: [String: [String: Double]]]
            var per_label: [String: [String: [String: MetricScore]]]
        }
        let full = try JSONDecoder().decode(Full.self, from: Data(labelled.stdout.utf8))
        let dataset = try XCTUnwrap(full.per_label.keys.first)
        let strict = try XCTUnwrap(full.per_label[dataset]?["strict"])
        XCTAssertGreaterThan(strict.count, 5, "CrossNER_AI asks more than five labels")
        XCTAssertEqual(strict.values.map(\.queries).reduce(0, +), 5603, "every query belongs to one label")
        for (label, score) in strict where score.gold > 0 { XCTAssertEqual(score.f1, 1, accuracy: 1e-9, label) }
        XCTAssertEqual(full.scores[dataset]?["strict"]?["f1"] ?? 0, 0.9999999999499376, accuracy: 1e-12)
        let table = try CLIRunner.run(["eval", "--data", official.path, "--predictions", emptyFile.path, "--per-label"])
        XCTAssertEqual(table.status, 0, table.stderr)
        XCTAssertTrue(table.stdout.contains("## Per label: \(dataset)"), table.stdout)
        XCTAssertTrue(table.stdout.contains("| label | metric | P | R | F1 | support |"), table.stdout)
    }
}
