import Foundation
import UniNERCore
import XCTest

/// The one declared list of stages: what each stage takes and reads, and that its key follows exactly that.
final class StageDeclarationTests: XCTestCase {
    func testEveryStageIsDeclaredOnceInDataFlowOrderWithItsUpstreamAndSections() {
        XCTAssertEqual(StageDeclaration.all.map(\.stage), PipelineStage.allCases)
        let declared = StageDeclaration.all.map { ($0.stage, $0.upstream, $0.sections, $0.perDataset, $0.cached) }
        let expected: [(PipelineStage, [PipelineStage], [RecipeSection], Bool, Bool)] = [
            (.passages, [], [.corpus, .seed], false, true),
            (.annotations, [.passages], [.annotator, .prompt], false, true),
            (.queries, [.annotations], [.queries, .supervised, .prompt, .seed, .studentSeed], false, true),
            (.model, [.queries], [.training, .studentSeed], false, true),
            (.predictions, [.model], [.student, .predictor, .prompt, .evaluation], true, true),
            (.metrics, [.predictions], [.metrics, .evaluation], true, false),
        ]
        XCTAssertEqual(declared.count, expected.count)
        for (got, want) in zip(declared, expected) {
            XCTAssertEqual(got.0, want.0)
            XCTAssertEqual(got.1, want.1, "upstream of \(want.0)")
            XCTAssertEqual(got.2, want.2, "sections of \(want.0)")
            XCTAssertEqual(got.3, want.3, "per dataset: \(want.0)")
            XCTAssertEqual(got.4, want.4, "cached: \(want.0)")
        }
        for declaration in StageDeclaration.all {
            XCTAssertTrue(declaration.upstream.allSatisfy { $0 < declaration.stage }, "\(declaration.stage) takes a later stage")
        }
        XCTAssertEqual(StageDeclaration.sections(upTo: .passages), [.seed, .corpus])
        XCTAssertEqual(StageDeclaration.sections(), RecipeSection.allCases)
    }

    func recipe(_ lines: [String: String] = [:]) throws -> Recipe {
        var sections = [
            "corpus": "corpus: {kind: jsonl, path: c.jsonl}",
            "annotator": "annotator: gold",
            "queries": "queries: {negatives: {kind: frequency, per_passage: 1}}",
            "supervised": "supervised: [{dataset: toy, count: 1}]",
            "student": "student: {kind: gazetteer, threshold: 0.5}",
            "evaluate": "evaluate: {datasets: [toy, other], metric: exact}",
            "seed": "seed: 13",
        ]
        for (key, line) in lines { sections[key] = line }
        return try XCTUnwrap(RecipeLoader().load(yaml: "name: k\n" + sections.sorted { $0.key < $1.key }.map(\.value)
            .joined(separator: "\n"), file: "k.yaml").first)
    }

    func keys(_ recipe: Recipe, identity: @escaping StageKeys.Identity = { _, _ in "" }) throws -> [String: String] {
        let keys = try StageKeys.derive(recipe, inferenceOnly: ["threshold"], identity: identity)
        var flat: [String: String] = [:]
        for (stage, byDataset) in keys.keys {
            for (dataset, key) in byDataset { flat[dataset.isEmpty ? stage.rawValue : "\(stage.rawValue) \(dataset)"] = key }
        }
        return flat
    }

    /// The labels of the keys that differ between two derivations.
    func changed(_ a: [String: String], _ b: [String: String]) -> [String] {
        XCTAssertEqual(Set(a.keys), Set(b.keys))
        return a.keys.filter { a[$0] != b[$0] }.sorted()
    }

    func testAKeyChangesWhenAndOnlyWhenASectionItReadsChanges() throws {
        let base = try keys(try recipe())
        XCTAssertEqual(base.count, 8, "passages, annotations, queries, model, two predictions, two metrics")
        XCTAssertEqual(try keys(try recipe()), base, "derivation is a pure function of the recipe")
        let later = ["annotations", "queries", "model", "predictions other", "predictions toy", "metrics other", "metrics toy"]
        let cases: [(String, String, [String])] = [
            ("corpus", "corpus: {kind: jsonl, path: d.jsonl}", ["passages"] + later),
            ("annotator", "annotator: {kind: gold, extra: 1}", later),
            ("queries", "queries: {negatives: {kind: frequency, per_passage: 2}}", Array(later.dropFirst())),
            ("supervised", "supervised: [{dataset: toy, count: 2}]", Array(later.dropFirst())),
            ("seed", "seed: 14", ["passages"] + later),
            // A `seeds:` entry is the student's seed only: the data stages (passages, teacher) are shared.
            ("seeds", "seeds: [14]", Array(later.dropFirst())),
            ("student", "student: {kind: gazetteer, threshold: 0.3}", ["metrics other", "metrics toy", "predictions other", "predictions toy"]),
            ("student", "student: {kind: gazetteer, threshold: 0.5, lr: 1}", Array(later.dropFirst(2))),
            ("evaluate", "evaluate: {datasets: [toy, other], metric: exact, max_sentences: 1}",
             ["metrics other", "metrics toy", "predictions other", "predictions toy"]),
            ("evaluate", "evaluate: {datasets: [toy, other], metric: [exact, strict]}", ["metrics other", "metrics toy"]),
            ("evaluate", "evaluate: {datasets: [toy, other], metric: exact, passage_sentences: 5}",
             ["metrics other", "metrics toy", "predictions other", "predictions toy"]),
            ("evaluate", "evaluate: {datasets: [toy, other], metric: exact, label_styles: [type, definition]}",
             ["metrics other", "metrics toy", "predictions other", "predictions toy"]),
            // One sentence per passage is the default: written out, it keys nothing new.
            ("evaluate", "evaluate: {datasets: [toy, other], metric: exact, passage_sentences: 1}", []),
            ("predictor", "predictor: {kind: replay, path: p.jsonl}",
             ["metrics other", "metrics toy", "predictions other", "predictions toy"]),
        ]
        for (section, line, expected) in cases {
            XCTAssertEqual(changed(base, try keys(try recipe([section: line]))), expected.sorted(), line)
        }
        // Adding a dataset keys it alone: the others keep their predictions.
        let more = try keys(try recipe(["evaluate": "evaluate: {datasets: [toy, other, third], metric: exact}"]))
        XCTAssertEqual(more["predictions toy"], base["predictions toy"])
        XCTAssertNotNil(more["predictions third"])
    }

    func testWhatASectionReadsFromFilesChangesItsStageAndTheStagesAfter() throws {
        let base = try keys(try recipe())
        let annotator = try keys(try recipe()) { section, _ in section == .annotator ? "teacher file v2" : "" }
        XCTAssertEqual(changed(base, annotator),
                       ["annotations", "metrics other", "metrics toy", "model", "predictions other", "predictions toy", "queries"])
        let oneDataset = try keys(try recipe()) { section, dataset in section == .evaluation && dataset == "other" ? "edited" : "" }
        XCTAssertEqual(changed(base, oneDataset), ["metrics other", "predictions other"])
    }

    func testKeysAreDerivedOnlyUpToTheLastStageAsked() throws {
        let keys = try StageKeys.derive(try recipe(), upTo: .queries) { section, _ in
            if section == .predictor { throw UniNERError("the model is not trained yet") }
            return ""
        }
        XCTAssertNotNil(keys.key(.queries))
        XCTAssertNil(keys.key(.model))
        XCTAssertNil(keys.key(.predictions, dataset: "toy"))
    }
}
