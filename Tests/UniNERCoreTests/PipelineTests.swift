import Foundation
import UniNERCore
import XCTest

final class PipelineTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-pipeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func recipes(_ extra: String = "") throws -> [Recipe] {
        try RecipeLoader().load(yaml: """
        name: toy
        output: \(folder.path)
        annotator: gold
        queries: {negatives: {kind: frequency, per_passage: 1}}
        student: gazetteer
        evaluate: {datasets: [toy], metric: exact}
        \(extra)
        """, file: "toy.yaml")
    }

    func pipeline(_ counter: PipelineDoubles.Counter) -> Pipeline {
        Pipeline(registry: PipelineDoubles.registry(counter), datasets: PipelineDoubles.Datasets(),
                 domains: ["toy": "general"], cacheRoot: folder.appendingPathComponent(".cache"))
    }

    func testSecondRunRecomputesNothing() async throws {
        let counter = PipelineDoubles.Counter()
        let recipe = try XCTUnwrap(recipes().first)
        let first = try await pipeline(counter).run(recipe)
        XCTAssertEqual(first.stages.map(\.cached), [false, false, false, false, false])
        // The gazetteer finds "Ada Lovelace" and "Paris" in the test sentence: 2 of 2 gold mentions.
        XCTAssertEqual(first.scores["toy"]?["exact"]?.correct, 2)
        XCTAssertEqual(first.scores["toy"]?["exact"]?.f1 ?? 0, 1, accuracy: 1e-9)
        let second = try await pipeline(counter).run(recipe)
        XCTAssertEqual(second.stages.map(\.cached), [true, true, true, true, true])
        XCTAssertEqual(counter.count("annotate"), 1)
        XCTAssertEqual(counter.count("train"), 1)
        let report = try String(contentsOf: URL(fileURLWithPath: second.folder).appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("Every stage came from the cache: nothing was recomputed."))
        XCTAssertTrue(report.contains("| toy | 100.0 | 100.0 |"), report)
    }

    /// Passages the teacher failed on are never cached as done: the run goes on without them, and the next run
    /// annotates again until no passage fails.
    /// The report says what its numbers are: the recipe's description, and in domain or zero-shot per column.
    func testTheReportCarriesTheDescriptionAndEachDatasetsProtocol() async throws {
        let recipe = try XCTUnwrap(recipes("description: A toy run, scored on the toy test split.").first)
        XCTAssertEqual(recipe.summary, "A toy run, scored on the toy test split.")
        let result = try await pipeline(PipelineDoubles.Counter()).run(recipe)
        let report = try String(contentsOf: URL(fileURLWithPath: result.folder).appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("\nA toy run, scored on the toy test split.\n"), report)
        let column = result.inDomain == ["toy"] ? "toy (in domain)" : "toy (zero-shot)"
        XCTAssertNotNil(result.inDomain)
        XCTAssertTrue(report.contains("| variant | \(column) |"), report)
        // A description that is not a text (recipes have always allowed any YAML there) is kept out of reports.
        XCTAssertNil(try XCTUnwrap(recipes("description: {notes: [a, b]}").first).summary)
    }

    func testAnAnnotationsStageWithFailedPassagesIsNotCached() async throws {
        let counter = PipelineDoubles.Counter()
        counter.failing = ["1"]
        let recipe = try XCTUnwrap(recipes().first)
        let first = try await pipeline(counter).run(recipe)
        let annotations = try XCTUnwrap(first.stages.first { $0.stage == .annotations })
        XCTAssertTrue(annotations.report.incomplete?.contains("failed on 1 of") ?? false, "\(annotations.report)")
        let done = folder.appendingPathComponent(".cache/annotations/\(annotations.key)/done.json")
        XCTAssertFalse(FileManager.default.fileExists(atPath: done.path))
        _ = try await pipeline(counter).run(recipe)
        XCTAssertEqual(counter.count("annotate"), 2, "asked again")
        counter.failing = []
        _ = try await pipeline(counter).run(recipe)
        XCTAssertTrue(FileManager.default.fileExists(atPath: done.path))
        let last = try await pipeline(counter).run(recipe)
        XCTAssertEqual(counter.count("annotate"), 3)
        XCTAssertEqual(last.stages.first { $0.stage == .annotations }?.cached, true)
    }

    /// An annotator that reads a file by path (demonstrations, a replayed data file) names its contents in its
    /// cache identity: editing the file re-annotates; an empty identity keeps the key of annotators without one.
    func testAnnotatorIdentityIsPartOfTheAnnotationsKey() async throws {
        let counter = PipelineDoubles.Counter()
        let recipe = try XCTUnwrap(recipes().first)
        let plain = try await pipeline(counter).run(recipe)
        counter.annotatorIdentity = "file v1"
        let edited = try await pipeline(counter).run(recipe)
        XCTAssertEqual(counter.count("annotate"), 2)
        XCTAssertNotEqual(edited.stages[1].key, plain.stages[1].key)
        XCTAssertFalse(edited.stages[1].cached)
        XCTAssertTrue(edited.stages[0].cached, "the passages do not depend on the annotator")
        counter.annotatorIdentity = ""
        let again = try await pipeline(counter).run(recipe)
        XCTAssertEqual(again.stages.map(\.cached), [true, true, true, true, true])
        XCTAssertEqual(again.stages[1].key, plain.stages[1].key)
    }

    func testSweepSharesTheTeacherStage() async throws {
        let counter = PipelineDoubles.Counter()
        let variants = try recipes("sweep: {queries.negatives.kind: [none, uniform, frequency]}")
        let results = try await SweepRunner(pipeline: pipeline(counter)).run(variants)
        XCTAssertEqual(results.count, 3)
        XCTAssertEqual(counter.count("annotate"), 1)
        XCTAssertEqual(counter.count("train"), 3)
        let comparison = try String(contentsOf: folder.appendingPathComponent("toy/comparison.md"), encoding: .utf8)
        XCTAssertTrue(comparison.contains("| annotations |"), comparison)
        XCTAssertTrue(comparison.contains("2 of 3 variants"), comparison)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("toy/comparison.svg").path))
        XCTAssertEqual(try String(contentsOf: folder.appendingPathComponent("toy/comparison.csv"), encoding: .utf8)
            .split(separator: "\n").count, 4)
    }

    /// The run folders keep what the comparison's statistics need: `uniner report` (SweepReport) judges the claims
    /// from them alone, as the sweep run did; metrics.json keeps its layout and gains `per_label`.
    func testClaimsAreJudgedFromRunFoldersAndMetricsGainPerLabelScores() async throws {
        let variants = try recipes("""
        sweep: {queries.negatives.kind: [none, frequency]}
        claims:
          - {better: frequency, than: none}
        """)
        let results = try await SweepRunner(pipeline: pipeline(PipelineDoubles.Counter())).run(variants)
        let sentences = try XCTUnwrap(results[0].sentences?["toy"]?["exact"])
        XCTAssertGreaterThan(sentences.count, 0)
        XCTAssertEqual(MetricScore(sentences.reduce(.zero, +)), results[0].scores["toy"]?["exact"])
        let comparisonFile = folder.appendingPathComponent("toy/comparison.md")
        let comparison = try String(contentsOf: comparisonFile, encoding: .utf8)
        XCTAssertTrue(comparison.contains("## Claims"), comparison)
        XCTAssertTrue(comparison.contains("| frequency > none | exact | "), comparison)
        XCTAssertTrue(comparison.contains("## Against the baseline (queries.negatives.kind=none): paired bootstrap"), comparison)
        let claimLine = try XCTUnwrap(comparison.split(separator: "\n").first { $0.hasPrefix("| frequency > none") })
        try FileManager.default.removeItem(at: comparisonFile)
        try SweepReport(recipes: variants).write(title: "toy", command: "uniner run toy.yaml --cell")
        let reported = try String(contentsOf: comparisonFile, encoding: .utf8)
        XCTAssertTrue(reported.contains(String(claimLine)), "the report from run folders gives the same verdict:\n\(reported)")

        let metrics = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: results[0].folder)
            .appendingPathComponent("metrics.json"))) as? [String: Any])
        XCTAssertEqual(Set(metrics.keys), ["toy", "per_label"])
        let exact = try XCTUnwrap((metrics["toy"] as? [String: Any])?["exact"] as? [String: Any])
        XCTAssertEqual(exact["f1"] as? Double, results[0].scores["toy"]?["exact"]?.f1)
        let perLabel = try XCTUnwrap(((metrics["per_label"] as? [String: Any])?["toy"] as? [String: Any])?["exact"] as? [String: Any])
        XCTAssertEqual(Set(perLabel.keys), Set(results[0].labels["toy"] ?? []))
        let report = try String(contentsOf: URL(fileURLWithPath: results[0].folder).appendingPathComponent("report.md"), encoding: .utf8)
        XCTAssertTrue(report.contains("## Per label: toy"), report)
    }

    func testAStageWithoutCompletionMarkIsRecomputed() async throws {
        let counter = PipelineDoubles.Counter()
        let recipe = try XCTUnwrap(recipes().first)
        let first = try await pipeline(counter).run(recipe)
        let model = try XCTUnwrap(first.stages.first { $0.stage == .model })
        // A kill during training leaves the folder without done.json.
        try FileManager.default.removeItem(at: folder.appendingPathComponent(".cache/model/\(model.key)/done.json"))
        let second = try await pipeline(counter).run(recipe)
        XCTAssertEqual(second.stages.map(\.cached), [true, true, true, false, true])
        XCTAssertEqual(counter.count("train"), 2)
    }
}

final class PipelineInferenceOptionTests: XCTestCase {
    /// A student declaring `threshold` inference-only: changing it re-predicts without retraining.
    struct ThresholdStudent: Student {
        let counter: PipelineDoubles.Counter
        var inferenceOnlyOptions: [String] { ["threshold"] }
        func train(_ examples: [InstructionExample], into directory: URL, context: RunContext) async throws -> ModelArtifact {
            try await PipelineDoubles.GazetteerStudent(counter: counter).train(examples, into: directory, context: context)
        }
        func predictor(for model: ModelArtifact, context: RunContext) throws -> any Predictor {
            try PipelineDoubles.GazetteerStudent(counter: counter).predictor(for: model, context: context)
        }
    }

    struct ThresholdOptions: PluginOptions {
        static let optionSpecs = [OptionSpec("threshold", "number", default: "0.5", "decision threshold")]
        init(from decoder: any Decoder) throws {}
    }

    func testChangingAnInferenceOptionPredictsAgainWithoutRetraining() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-inference-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let counter = PipelineDoubles.Counter()
        let registry = try PluginRegistry(PipelineDoubles.registry(counter).descriptors + [
            .plugin(.student, kind: "thresholded", summary: "test", options: ThresholdOptions.self) { _ in
                ThresholdStudent(counter: counter)
            },
        ])
        let pipeline = Pipeline(registry: registry, datasets: PipelineDoubles.Datasets(),
                                cacheRoot: folder.appendingPathComponent(".cache"))
        func recipe(_ threshold: Double) throws -> Recipe {
            try XCTUnwrap(RecipeLoader().load(yaml: """
            name: t
            output: \(folder.path)
            annotator: gold
            student: {kind: thresholded, threshold: \(threshold)}
            evaluate: {datasets: [toy], metric: exact}
            """, file: "t.yaml").first)
        }
        _ = try await pipeline.run(try recipe(0.5))
        let second = try await pipeline.run(try recipe(0.3))
        XCTAssertEqual(counter.count("train"), 1)
        XCTAssertEqual(second.stages.first { $0.stage == .model }?.cached, true)
        XCTAssertEqual(second.stages.first { $0.stage == .predictions }?.cached, false)
    }
}
