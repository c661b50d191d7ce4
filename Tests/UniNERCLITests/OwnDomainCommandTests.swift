import Foundation
import XCTest

/// The practitioner's path on the command line: own datasets by name, export for review, reviewed labels back.
final class OwnDomainCommandTests: XCTestCase {
    let recipe = CLIRunner.repositoryRoot.appendingPathComponent("Recipes/own-domain.yaml").path

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-own-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        return folder
    }

    /// `uniner queries` and `uniner eval` take the recipe's own test set by name.
    func testEvalScoresPredictionsOnAnOwnDatasetByName() throws {
        let folder = try temporaryFolder()
        let queries = folder.appendingPathComponent("queries.json").path
        let written = try CLIRunner.run(["queries", "--dataset", "kitchen-test", "--recipe", recipe, "--out", queries])
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertTrue(written.stderr.contains("30 sentences × 3 labels = 90 queries"), written.stderr)
        // Gold answers except for dishes: recall is the 64 of 81 mentions that are not dishes, precision 1.
        let records = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: queries))) as? [[String: Any]])
        var lines = ""
        for record in records {
            let turns = record["conversations"] as? [[String: String]] ?? []
            let asksDish = turns.dropLast().last?["value"] == "What describes dish in the text?"
            let line = ["id": record["id"] as? String ?? "", "prediction": asksDish ? "[]" : turns.last?["value"] ?? "[]"]
            lines += String(decoding: try JSONSerialization.data(withJSONObject: line), as: UTF8.self) + "\n"
        }
        let predictions = try CLIRunner.file(lines, name: "predictions.jsonl", test: self)
        let scored = try CLIRunner.run(["eval", "--data", "kitchen-test", "--recipe", recipe, "--predictions", predictions.path, "--json"])
        XCTAssertEqual(scored.status, 0, scored.stderr)
        let result = try JSONDecoder().decode([String: Double].self, from: Data(scored.stdout.utf8))
        XCTAssertEqual(result["queries"], 90)
        XCTAssertEqual(result["recall"] ?? 0, 64.0 / 81.0, accuracy: 1e-6)
        XCTAssertEqual(result["precision"] ?? 0, 1, accuracy: 1e-6)
    }

    func testDatasetsStatsCountsTheOwnDatasetsAndSpansOffWordBoundaries() throws {
        let folder = try temporaryFolder()
        try #"{"text": "Add the tomatoes.", "spans": [{"start": 8, "end": 14, "label": "ING"}, {"start": 8, "end": 16, "label": "ING"}]}"#
            .write(to: folder.appendingPathComponent("dev.jsonl"), atomically: true, encoding: .utf8)
        let own = folder.appendingPathComponent("own.yaml")
        try "datasets: {mine: {format: prodigy, dev: dev.jsonl, labels: {ING: ingredient}, domain: cooking}}\n"
            .write(to: own, atomically: true, encoding: .utf8)
        // An empty benchmark folder: only the recipe's own datasets are loaded.
        let listing = try CLIRunner.run(["datasets", "--recipe", own.path, "--stats", "--json", "--data", folder.path])
        XCTAssertEqual(listing.status, 0, listing.stderr)
        struct Row: Decodable {
            struct Split: Decodable { var split: String; var sentences, entities, types: Int; var off_boundary_spans: Int }
            var name: String; var domain: String; var format: String; var labels: [String]; var splits: [Split]?
        }
        let rows = try JSONDecoder().decode([Row].self, from: Data(listing.stdout.utf8))
        let mine = try XCTUnwrap(rows.first)
        XCTAssertEqual([mine.name, mine.domain, mine.format], ["mine", "cooking", "prodigy"])
        XCTAssertEqual(mine.labels, ["ingredient"])
        let split = try XCTUnwrap(mine.splits?.first)
        XCTAssertEqual([split.sentences, split.entities, split.types, split.off_boundary_spans], [1, 2, 1, 1])
        XCTAssertEqual(split.split, "dev")
    }

    /// Export the lexicon teacher's labels, correct one passage, read them back through the `reviewed` annotator.
    func testAnnotateExportsForReviewAndTheReviewedAnnotatorScoresTheTeacher() throws {
        let folder = try temporaryFolder()
        let export = folder.appendingPathComponent("review.jsonl")
        let output = ["--set", "output=\(folder.path)/runs"]
        let exported = try CLIRunner.run(["annotate", recipe, "--export", export.path, "--format", "prodigy"] + output,
                                         in: CLIRunner.repositoryRoot)
        XCTAssertEqual(exported.status, 0, exported.stderr)
        var records = try String(contentsOf: export, encoding: .utf8).split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        XCTAssertEqual(records.count, 47)
        let meta = try XCTUnwrap(records[0]["meta"] as? [String: String])
        XCTAssertEqual(meta["teacher"], "command")
        XCTAssertEqual(meta["prompt"], "type")
        XCTAssertEqual(meta["passage"], "baking.txt#0", "the first passage of the first file, by name")
        // The reviewer relabels the first span of the first passage and accepts it.
        var spans = try XCTUnwrap(records[0]["spans"] as? [[String: Any]])
        let teacherSpans = spans.count
        spans[0]["label"] = "dish"
        records[0]["spans"] = spans
        records[0]["answer"] = "accept"
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        try (lines.joined(separator: "\n") + "\n").write(to: export, atomically: true, encoding: .utf8)

        let reviewed = "annotator={kind: reviewed, file: \(export.path), teacher: {kind: command, command: [python3, Recipes/data/own-domain/teacher.py]}}"
        let read = try CLIRunner.run(["annotate", recipe, "--set", reviewed] + output, in: CLIRunner.repositoryRoot)
        XCTAssertEqual(read.status, 0, read.stderr)
        XCTAssertTrue(read.stdout.contains("reviewed passages (corrections): 1"), read.stdout)
        XCTAssertTrue(read.stdout.contains("unreviewed passages (teacher's labels): 46"), read.stdout)
        let agreeing = teacherSpans - 1
        let precision = String(format: "%.1f", Double(agreeing) / Double(teacherSpans) * 100)
        XCTAssertTrue(read.stdout.contains("| all (micro) | \(teacherSpans) | \(teacherSpans) | \(agreeing) | \(precision) | \(precision) |"),
                      read.stdout)

        let studio = folder.appendingPathComponent("review.json")
        let asStudio = try CLIRunner.run(["annotate", recipe, "--export", studio.path, "--format", "label-studio"] + output,
                                         in: CLIRunner.repositoryRoot)
        XCTAssertEqual(asStudio.status, 0, asStudio.stderr)
        let tasks = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: studio)) as? [[String: Any]])
        XCTAssertEqual(tasks.count, 47)
        XCTAssertEqual((tasks[0]["predictions"] as? [[String: Any]])?.first?["model_version"] as? String, "command")
    }

    func testAMissingDatasetFileIsALocatedOneParagraphError() throws {
        let bad = try CLIRunner.file("""
        name: bad
        datasets:
          mine: {format: prodigy, test: nowhere.jsonl}
        evaluate: {datasets: [mine]}
        """, test: self)
        let output = try CLIRunner.run(["validate", bad.path])
        XCTAssertEqual(output.status, 2)
        XCTAssertTrue(output.stderr.hasPrefix("\(bad.path):3:33: error: the test file of dataset 'mine' does not exist"), output.stderr)
        XCTAssertLessThanOrEqual(output.stderr.split(separator: "\n").count, 2, output.stderr)
    }
}
