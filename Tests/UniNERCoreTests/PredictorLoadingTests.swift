import Foundation
import UniNERCore
import XCTest

/// A predictor's model is loaded once per run, however many datasets it answers, and not at all when every
/// dataset's predictions come from the cache.
final class PredictorLoadingTests: XCTestCase {
    /// Stands for a predictor that reads a model file: `loaded` counts the reads.
    struct LoadingPredictor: Predictor {
        let counter: PipelineDoubles.Counter
        func loaded(context: RunContext) throws -> any Predictor {
            counter.bump("load")
            return PipelineDoubles.GazetteerPredictor(table: ["person": ["Ada Lovelace"]], counter: counter)
        }
        func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
            try await loaded(context: context).predict(queries, context: context)
        }
    }

    func testTheModelIsLoadedOncePerRunAndNotForCachedPredictions() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-loading-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let counter = PipelineDoubles.Counter()
        let registry = try PluginRegistry(PipelineDoubles.registry(counter).descriptors + [
            .plugin(.predictor, kind: "loading", summary: "test", options: NoOptions.self) { _ in LoadingPredictor(counter: counter) },
        ])
        let pipeline = Pipeline(registry: registry, datasets: PipelineDoubles.Datasets(),
                                cacheRoot: folder.appendingPathComponent(".cache"))
        let recipe = try XCTUnwrap(RecipeLoader().load(yaml: """
            name: l
            output: \(folder.path)
            predictor: loading
            evaluate: {datasets: [toy, again], metric: exact}
            """, file: "l.yaml").first)
        let first = try await pipeline.execute(recipe)
        XCTAssertEqual(counter.count("load"), 1)
        XCTAssertEqual(counter.count("predict"), 2)
        XCTAssertEqual(first.result.stages.filter { $0.stage == .predictions }.map(\.label), ["predictions toy", "predictions again"])
        XCTAssertEqual(first.predictions["toy"]?.filter { $0.prediction == "[\"Ada Lovelace\"]" }.count, 1)
        XCTAssertEqual(first.result.scores["again"]?["exact"]?.correct, 1)
        _ = try await pipeline.run(recipe)
        XCTAssertEqual(counter.count("load"), 1, "every dataset cached: nothing loaded")
    }

    func testTheModelArtifactIsRecordedWithItsFolderInsideTheStage() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-artifact-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let counter = PipelineDoubles.Counter()
        let pipeline = Pipeline(registry: PipelineDoubles.registry(counter), datasets: PipelineDoubles.Datasets(),
                                cacheRoot: folder.appendingPathComponent(".cache"))
        let recipe = try XCTUnwrap(RecipeLoader().load(yaml: """
            name: a
            output: \(folder.path)
            annotator: gold
            student: gazetteer
            """, file: "a.yaml").first)
        let first = try await pipeline.execute(recipe, until: .model)
        let again = try await pipeline.execute(recipe, until: .model)
        XCTAssertEqual(again.record(of: .model)?.cached, true)
        XCTAssertEqual(again.model, first.model, "the cached artifact is the one trained")
        let key = try XCTUnwrap(first.keys.key(.model))
        XCTAssertEqual(first.model?.folder.standardizedFileURL.path,
                       folder.appendingPathComponent(".cache/model/\(key)").standardizedFileURL.path)
        XCTAssertEqual(first.model?.info, ["labels": "2"])
        XCTAssertEqual(first.model?.report["labels"], 2)
        let link = try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("a/default/model").path)
        XCTAssertEqual(URL(fileURLWithPath: link).standardizedFileURL.path, first.model?.folder.standardizedFileURL.path)
    }
}
