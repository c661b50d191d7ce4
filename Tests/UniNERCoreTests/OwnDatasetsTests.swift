import Foundation
import UniNERCatalog
import UniNERCore
import XCTest

/// The recipe's `datasets:`: own labelled sets by name, in every place a benchmark name goes.
final class OwnDatasetsTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("uniner-own-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    func recipe(_ yaml: String, at file: URL) throws -> Recipe {
        try XCTUnwrap(RecipeLoader(environment: [:]).load(yaml: yaml, file: file.path).first)
    }

    /// The own-domain test set in its three files gives the same sentences, entities and labels.
    func testProdigyLabelStudioAndCoNLLCopiesOfTheTestSetAgree() throws {
        let recipe = try recipe("""
        datasets:
          as-prodigy: {format: prodigy, test: data/own-domain/test/test.jsonl,
                       labels: {INGREDIENT: ingredient, DISH: dish, TOOL: kitchen tool}, label_fallback: error}
          as-label-studio: {format: label-studio, test: data/own-domain/test/test.json,
                            labels: {INGREDIENT: ingredient, DISH: dish, TOOL: kitchen tool}, label_fallback: error}
          as-conll: {format: conll, separator: tab, test: data/own-domain/test/test.conll,
                     labels: {INGREDIENT: ingredient, DISH: dish, TOOL: kitchen tool}, label_fallback: error}
        """, at: Self.repository.appendingPathComponent("Recipes/three-formats.yaml"))
        let provider = try RecipeDatasets(recipe.datasets, base: nil, registry: Catalog.registry)
        var summaries: [[String]] = []
        for name in ["as-prodigy", "as-label-studio", "as-conll"] {
            let split = try provider.load(dataset: name, split: "test")
            XCTAssertEqual(split.sentences.count, 30, name)
            XCTAssertEqual(split.entityCount, 81, name)
            XCTAssertEqual(split.labels, ["ingredient", "dish", "kitchen tool"], name)
            let perLabel = Dictionary(grouping: split.sentences.flatMap(\.entities), by: \.type).mapValues(\.count)
            XCTAssertEqual(perLabel, ["ingredient": 44, "dish": 17, "kitchen tool": 20], name)
            XCTAssertEqual(split.sentences.flatMap(\.entities).filter { $0.tokenStart == nil }.count, 0, name)
            // The same words per entity: CoNLL's text has spaces around punctuation, the others the original.
            summaries.append(split.sentences.flatMap { $0.entities.map { "\($0.type):\(WordSplitter.wordTexts(in: $0.text))" } })
        }
        XCTAssertEqual(summaries[0], summaries[1])
        XCTAssertEqual(summaries[0], summaries[2])
    }

    func testANameShadowingABenchmarkDatasetIsAnErrorAtItsKey() throws {
        let recipe = try recipe("""
        name: shadow
        datasets:
          CoNLL2003: {format: prodigy, test: test.jsonl}
        """, at: try write("{\"text\": \"a\", \"spans\": []}\n", "test.jsonl").deletingLastPathComponent().appendingPathComponent("r.yaml"))
        let base = FixedNames(names: ["conll2003", "CrossNER_AI"])
        XCTAssertThrowsError(try RecipeValidator(registry: Catalog.registry, datasets: base).validate(recipe)) { error in
            XCTAssertEqual((error as? RecipeError)?.location?.description, "\(self.folder.path)/r.yaml:3:3")
            XCTAssertTrue(error.localizedDescription.contains("dataset 'CoNLL2003' shadows the benchmark dataset 'conll2003'"),
                          error.localizedDescription)
        }
    }

    func testAMissingFileIsAnErrorAtItsPath() throws {
        let file = folder.appendingPathComponent("r.yaml")
        let recipe = try recipe("""
        datasets:
          mine:
            format: prodigy
            test: data/nowhere.jsonl
        """, at: file)
        XCTAssertThrowsError(try RecipeDatasets(recipe.datasets, base: nil, registry: Catalog.registry)) { error in
            XCTAssertEqual((error as? RecipeError)?.location?.description, "\(file.path):4:11")
            XCTAssertTrue(error.localizedDescription.contains("\(self.folder.path)/data/nowhere.jsonl"), error.localizedDescription)
            XCTAssertTrue(error.localizedDescription.contains("relative to the recipe's folder"), error.localizedDescription)
        }
    }

    func testASplitTheDatasetLacksIsAnErrorAtTheAskingKeyOrTheDataset() throws {
        try write("{\"text\": \"a\", \"spans\": []}\n", "test.jsonl")
        let file = folder.appendingPathComponent("r.yaml")
        let recipe = try recipe("""
        datasets:
          mine: {format: prodigy, test: test.jsonl}
        supervised:
          - {dataset: mine, split: train}
        """, at: file)
        XCTAssertThrowsError(try RecipeValidator(registry: Catalog.registry).validate(recipe)) { error in
            XCTAssertEqual((error as? RecipeError)?.location?.description, "\(file.path):4:28")
            XCTAssertTrue(error.localizedDescription.contains("asks for the train split of dataset 'mine', which declares only test"),
                          error.localizedDescription)
        }
        // Plugins that name datasets in their own options (gold, dataset-text) meet it when they load.
        let provider = try RecipeDatasets(recipe.datasets, base: nil, registry: Catalog.registry)
        XCTAssertThrowsError(try provider.load(dataset: "mine", split: "dev")) { error in
            XCTAssertEqual((error as? RecipeError)?.location?.description, "\(file.path):2:3")
            XCTAssertTrue(error.localizedDescription.contains("dataset 'mine' has no dev split (it has test)"), error.localizedDescription)
        }
    }

    /// One own dataset as the corpus (`dataset-text`), the teacher (`gold`), the supervised mix and the evaluation.
    func testAnOwnDatasetWorksInCorpusGoldSupervisedAndEvaluate() async throws {
        try write("""
        {"text": "Whisk the eggs in a bowl.", "spans": [{"start": 10, "end": 14, "label": "ING"}, {"start": 20, "end": 24, "label": "TOOL"}]}
        {"text": "Warm the milk in a pan.", "spans": [{"start": 9, "end": 13, "label": "ING"}, {"start": 19, "end": 22, "label": "TOOL"}]}
        """, "train.jsonl")
        try write("{\"text\": \"Chop the garlic on a board.\", \"spans\": [{\"start\": 9, \"end\": 15, \"label\": \"ING\"}, {\"start\": 21, \"end\": 26, \"label\": \"TOOL\"}]}\n", "dev.jsonl")
        let test = try write("""
        {"text": "Pour the milk into a bowl.", "spans": [{"start": 9, "end": 13, "label": "ING"}, {"start": 21, "end": 25, "label": "TOOL"}]}
        {"text": "Add salt.", "spans": [{"start": 4, "end": 8, "label": "ING"}]}
        """, "test.jsonl")
        let recipe = try recipe("""
        name: own
        output: \(folder.path)/runs
        datasets:
          kitchen: {format: prodigy, train: train.jsonl, dev: dev.jsonl, test: test.jsonl, labels: {ING: ingredient, TOOL: tool}, domain: cooking}
        corpus: {kind: dataset-text, datasets: [kitchen], split: train}
        annotator: {kind: gold}
        supervised: [{dataset: kitchen, split: dev}]
        student: gazetteer
        evaluate: {datasets: [kitchen], metric: exact}
        """, at: folder.appendingPathComponent("own.yaml"))
        let counter = PipelineDoubles.Counter()
        let doubles = PipelineDoubles.registry(counter).descriptors.filter { [.student, .metric].contains($0.family) }
        let registry = try PluginRegistry(Catalog.registry.descriptors + doubles)
        let pipeline = Pipeline(registry: registry, datasets: nil, cacheRoot: folder.appendingPathComponent(".cache"))
        let first = try await pipeline.run(recipe)
        XCTAssertEqual(first.stages.first { $0.stage == .annotations }?.report["mentions"], 4)
        XCTAssertEqual(first.stages.first { $0.stage == .queries }?.report["supervised passages"], 1)
        // The gazetteer learnt eggs, milk, garlic, bowl, pan and board: milk and bowl of 3 gold test mentions.
        XCTAssertEqual(first.scores["kitchen"]?["exact"]?.correct, 2)
        XCTAssertEqual(first.scores["kitchen"]?["exact"]?.gold, 3)
        XCTAssertEqual(first.domains["kitchen"], "cooking")
        XCTAssertEqual(first.labels["kitchen"], ["ingredient", "tool"])
        let again = try await pipeline.run(recipe)
        XCTAssertTrue(again.stages.allSatisfy(\.cached))
        // Editing the file re-predicts on it: its bytes are part of the keys of the stages that read it.
        try (String(contentsOf: test, encoding: .utf8) + "\n{\"text\": \"A pan.\", \"spans\": [{\"start\": 2, \"end\": 5, \"label\": \"TOOL\"}]}\n")
            .write(to: test, atomically: true, encoding: .utf8)
        let edited = try await pipeline.run(recipe)
        XCTAssertEqual(edited.stages.first { $0.stage == .predictions }?.cached, false)
        XCTAssertEqual(edited.scores["kitchen"]?["exact"]?.gold, 4)
        XCTAssertEqual(edited.scores["kitchen"]?["exact"]?.correct, 3)
    }

    @discardableResult
    func write(_ text: String, _ name: String) throws -> URL {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    /// A provider that claims names without any file, as the benchmark claims the datasets of Tab. 6.
    struct FixedNames: DatasetProvider {
        var names: [String]
        func availableDatasets() -> [String] { [] }
        func knownDatasets() -> [String] { names }
        func splits(of dataset: String) -> [String] { [] }
        func load(dataset: String, split: String) throws -> LabeledSplit { throw UniNERError("no data") }
    }
}
