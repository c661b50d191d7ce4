@testable import UniNERCore
import XCTest

final class RecipeLoaderTests: XCTestCase {
    let loader = RecipeLoader(environment: ["TEACHER_URL": "http://127.0.0.1:8080/v1"])

    func load(_ yaml: String, overrides: [String] = []) throws -> [Recipe] {
        try loader.load(yaml: yaml, file: "r.yaml", overrides: overrides)
    }

    /// Loads `yaml`, expects a `RecipeError`, and returns it.
    func failure(_ yaml: String, overrides: [String] = [], validate: Bool = false,
                 file: StaticString = #filePath, line: UInt = #line) -> RecipeError? {
        expectRecipeError(file: file, line: line) {
            let recipes = try load(yaml, overrides: overrides)
            if validate { try recipes.forEach(RecipeValidator(registry: TestRegistry.registry).validate) }
        }
    }

    func testDefaultsAndSections() throws {
        let recipe = try XCTUnwrap(load("""
        name: demo
        seed: 7
        annotator: {kind: gold, datasets: [conll2003]}
        queries: {template: per-type, negatives: {kind: frequency, per_passage: 4}}
        evaluate: {datasets: [CrossNER_AI], metric: [strict, partial]}
        """).first)
        XCTAssertEqual(recipe.name, "demo")
        XCTAssertEqual(recipe.seed, 7)
        XCTAssertEqual(recipe.prompt.kind, "type")
        XCTAssertEqual(recipe.queries.negatives.kind, "frequency")
        XCTAssertEqual(recipe.queries.template.kind, "per-type")
        XCTAssertEqual(recipe.evaluate?.metrics, ["strict", "partial"])
        XCTAssertEqual(recipe.evaluate?.split, "test")
        XCTAssertEqual(recipe.variant, "")
    }

    func testOverridesAndEnvironment() throws {
        let recipe = try XCTUnwrap(load("""
        annotator: {kind: openai, base_url: "${TEACHER_URL}", model: "${MODEL:-gpt-3.5-turbo-0301}"}
        queries: {negatives: none}
        """, overrides: ["queries.negatives.per_passage=3", "seed=21", "queries.negatives.kind=uniform"]).first)
        XCTAssertEqual(recipe.seed, 21)
        XCTAssertEqual(recipe.queries.negatives.kind, "uniform")
        XCTAssertEqual(recipe.queries.negatives.options["per_passage"]?.int, 3)
        XCTAssertEqual(recipe.annotator?.options["base_url"]?.string, "http://127.0.0.1:8080/v1")
        XCTAssertEqual(recipe.annotator?.options["model"]?.string, "gpt-3.5-turbo-0301")
    }

    func testSweepIsTheCartesianProduct() throws {
        let recipes = try load("""
        queries: {negatives: {kind: none}}
        sweep:
          queries.negatives.kind: [none, uniform, frequency]
          seed: [1, 2]
        """)
        XCTAssertEqual(recipes.map(\.variant), [
            "queries.negatives.kind=none,seed=1", "queries.negatives.kind=none,seed=2",
            "queries.negatives.kind=uniform,seed=1", "queries.negatives.kind=uniform,seed=2",
            "queries.negatives.kind=frequency,seed=1", "queries.negatives.kind=frequency,seed=2",
        ])
        XCTAssertEqual(recipes.map(\.queries.negatives.kind), ["none", "none", "uniform", "uniform", "frequency", "frequency"])
        XCTAssertEqual(recipes.map(\.seed), [1, 2, 1, 2, 1, 2])
    }

    func testSweepListGivesExplicitVariants() throws {
        let recipes = try load("""
        sweep:
          - {queries.template: per-type}
          - {prompt: definition}
          - {queries.template: all-in-one}
        """)
        XCTAssertEqual(recipes.map(\.variant), ["queries.template=per-type", "prompt=definition", "queries.template=all-in-one"])
        XCTAssertEqual(recipes.map(\.prompt.kind), ["type", "definition", "type"])
        XCTAssertEqual(recipes.map(\.queries.template.kind), ["per-type", "per-type", "all-in-one"])
    }

    // MARK: - Each class of bad recipe names file, line and column.

    func testMalformedYAML() throws {
        let error = try XCTUnwrap(failure("name: demo\nqueries: {template: per-type\nseed: 3\n"))
        XCTAssertEqual(error.kind, .malformedYAML)
        XCTAssertEqual(error.location?.file, "r.yaml")
        XCTAssertEqual(error.location?.line, 3)
        XCTAssertTrue(error.errorDescription?.hasPrefix("r.yaml:3:") == true, error.errorDescription ?? "")
    }

    func testUnknownKindListsValidKindsNearestFirst() throws {
        let error = try XCTUnwrap(failure("queries:\n  negatives: {kind: frequncy}\n", validate: true))
        XCTAssertEqual(error.kind, .unknownKind)
        XCTAssertEqual(error.location, SourceLocation(file: "r.yaml", line: 2, column: 21))
        XCTAssertEqual(error.help, "did you mean 'frequency'? valid kinds: frequency, none, uniform")
    }

    func testAnUnknownLabelStyleListsThePromptStyles() throws {
        let error = try XCTUnwrap(failure("evaluate:\n  datasets: [toy]\n  label_styles: [type, definiton]\n", validate: true))
        XCTAssertEqual(error.kind, .unknownKind)
        XCTAssertEqual(error.keyPath, "evaluate.label_styles")
        XCTAssertEqual(error.location?.line, 3)
        XCTAssertEqual(error.help, "did you mean 'definition'? valid prompt styles: definition, type")
        XCTAssertNotNil(failure("evaluate: {datasets: [toy], label_styles: []}\n"), "an empty list names no style")
    }

    func testUnknownKeyInPluginOptions() throws {
        let error = try XCTUnwrap(failure("queries:\n  negatives: {kind: frequency, per_pasage: 2}\n", validate: true))
        XCTAssertEqual(error.kind, .unknownKey)
        XCTAssertEqual(error.location, SourceLocation(file: "r.yaml", line: 2, column: 32))
        XCTAssertEqual(error.help, "did you mean 'per_passage'? valid keys for negative sampler 'frequency': per_passage")
    }

    func testUnknownTopLevelKey() throws {
        let error = try XCTUnwrap(failure("name: x\nstudnet: {kind: span-encoder}\n"))
        XCTAssertEqual(error.kind, .unknownKey)
        XCTAssertEqual(error.location, SourceLocation(file: "r.yaml", line: 2, column: 1))
        XCTAssertTrue(error.help?.hasPrefix("did you mean 'student'?") == true)
    }

    func testWrongType() throws {
        let error = try XCTUnwrap(failure("queries:\n  negatives: {kind: frequency, per_passage: many}\n", validate: true))
        XCTAssertEqual(error.kind, .wrongType)
        XCTAssertEqual(error.location, SourceLocation(file: "r.yaml", line: 2, column: 45))
        XCTAssertEqual(error.message, "'queries.negatives.per_passage' must be int, found 'many'")
    }

    func testMissingKey() throws {
        let error = try XCTUnwrap(failure("evaluate:\n  split: test\n"))
        XCTAssertEqual(error.kind, .missingKey)
        XCTAssertEqual(error.location?.line, 2)
        XCTAssertEqual(error.keyPath, "evaluate.datasets")
    }

    func testOutOfRangeValue() throws {
        let error = try XCTUnwrap(failure("queries:\n  negatives: {kind: uniform, per_passage: -1}\n", validate: true))
        XCTAssertEqual(error.kind, .invalidValue)
        XCTAssertEqual(error.location, SourceLocation(file: "r.yaml", line: 2, column: 43))
    }

    func testUndefinedEnvironmentVariable() throws {
        let error = try XCTUnwrap(failure("annotator: {kind: openai, base_url: \"${NOPE_URL}\"}\n"))
        XCTAssertEqual(error.kind, .undefinedVariable)
        XCTAssertEqual(error.location?.line, 1)
    }

    func testBadOverride() throws {
        let error = try XCTUnwrap(failure("name: x\n", overrides: ["studnet.epochs=2"]))
        XCTAssertEqual(error.kind, .badOverride)
        XCTAssertTrue(error.help?.contains("'student'") == true)
    }
}

final class RecipeScaleTests: XCTestCase {
    let yaml = """
    scale: small
    evaluate: {datasets: [CrossNER_AI], max_sentences: 100}
    scales:
      paper: {evaluate.max_sentences: null, seed: 1}
    """

    func testSmallScaleKeepsTheWrittenValues() throws {
        let recipe = try XCTUnwrap(RecipeLoader().load(yaml: yaml, file: "r.yaml").first)
        XCTAssertEqual(recipe.evaluate?.maxSentences, 100)
        XCTAssertEqual(recipe.seed, 13)
    }

    func testPaperScaleAppliesItsPreset() throws {
        let recipe = try XCTUnwrap(RecipeLoader().load(yaml: yaml, file: "r.yaml", overrides: ["scale=paper"]).first)
        XCTAssertNil(recipe.evaluate?.maxSentences)
        XCTAssertEqual(recipe.seed, 1)
        XCTAssertNil(recipe.resolved["scales"])
    }

    func testASetValueWinsOverTheScalesPresetAtItsPathAndAboveIt() throws {
        let withLong = yaml + "\n  long: {evaluate.max_sentences: 400, seed: 5}"
        let loader = RecipeLoader()
        let leaf = try XCTUnwrap(loader.load(yaml: withLong, file: "r.yaml",
                                             overrides: ["scale=long", "evaluate.max_sentences=50"]).first)
        XCTAssertEqual(leaf.evaluate?.maxSentences, 50, "--set names the path the preset also sets")
        XCTAssertEqual(leaf.seed, 5, "the rest of the preset still applies")
        let beforeScale = try XCTUnwrap(loader.load(yaml: withLong, file: "r.yaml",
                                                    overrides: ["seed=9", "scale=long"]).first)
        XCTAssertEqual(beforeScale.seed, 9, "the order of the --set arguments does not matter")
        XCTAssertEqual(beforeScale.evaluate?.maxSentences, 400)
        let unset = try XCTUnwrap(loader.load(yaml: withLong, file: "r.yaml", overrides: ["scale=long", "seed=13"]).first)
        XCTAssertEqual(unset.seed, 13, "a --set equal to the written value still beats the preset")
        let sectionPreset = yaml.replacingOccurrences(of: "paper: {evaluate.max_sentences: null, seed: 1}",
                                                      with: "paper: {evaluate: {datasets: [CrossNER_AI], max_sentences: 7}}")
        let above = try XCTUnwrap(loader.load(yaml: sectionPreset, file: "r.yaml",
                                              overrides: ["scale=paper", "evaluate.max_sentences=50"]).first)
        XCTAssertEqual(above.evaluate?.maxSentences, 50, "a preset writing the whole section keeps the --set inside it")
        let plain = try XCTUnwrap(loader.load(yaml: sectionPreset, file: "r.yaml", overrides: ["scale=paper"]).first)
        XCTAssertEqual(plain.evaluate?.maxSentences, 7)
    }

    func testLongScaleAppliesItsPresetAndARecipeWithoutOneSaysHowToAddIt() throws {
        let withLong = yaml + "\n  long: {evaluate.max_sentences: 400}"
        let recipe = try XCTUnwrap(RecipeLoader().load(yaml: withLong, file: "r.yaml", overrides: ["scale=long"]).first)
        XCTAssertEqual(recipe.evaluate?.maxSentences, 400)
        XCTAssertEqual(recipe.scale, "long")
        XCTAssertThrowsError(try RecipeLoader().load(yaml: yaml, file: "r.yaml", overrides: ["scale=long"])) { error in
            XCTAssertTrue("\(error)".contains("defines no"), "\(error)")
            XCTAssertTrue("\(error)".contains("its scales: paper"), "\(error)")
        }
        XCTAssertThrowsError(try RecipeLoader().load(yaml: "scale: long", file: "r.yaml")) { error in
            XCTAssertTrue("\(error)".contains("defines no"), "\(error)")
        }
        XCTAssertThrowsError(try RecipeLoader().load(yaml: "scale: huge", file: "r.yaml")) { error in
            XCTAssertTrue("\(error)".contains("small, long, paper") || "\(error)".contains("long"), "\(error)")
        }
    }
}

final class RecipeSweepNamingTests: XCTestCase {
    func testListVariantsCanBeNamedAndIndexIntoLists() throws {
        let recipes = try RecipeLoader().load(yaml: """
        supervised: [{dataset: conll2003, dataset_field: true}, {dataset: ncbi, dataset_field: true}]
        sweep:
          - {variant: with-field}
          - {variant: without-field, supervised.0.dataset_field: false, supervised.1.dataset_field: false}
        """, file: "r.yaml")
        XCTAssertEqual(recipes.map(\.variant), ["with-field", "without-field"])
        XCTAssertEqual(recipes.map { $0.supervised.map(\.datasetField) }, [[true, true], [false, false]])
    }
}

final class RecipeQueriesTests: XCTestCase {
    /// `queries.supervised_negatives` is off unless set, sweepable, enters the queries stage's key only when set,
    /// and a wrong type says where.
    func testSupervisedNegativesIsABoolOfTheQueriesSection() throws {
        let recipes = try RecipeLoader().load(yaml: """
        queries: {negatives: {kind: frequency, per_passage: 2}}
        sweep: {queries.supervised_negatives: [false, true]}
        """, file: "r.yaml")
        XCTAssertEqual(recipes.map(\.queries.supervisedNegatives), [false, true])
        XCTAssertEqual(try RecipeLoader().load(yaml: "name: x", file: "r.yaml").map(\.queries.supervisedNegatives), [false])
        XCTAssertFalse(RecipeSection.queries.text(in: recipes[0]).contains("supervised_negatives"))
        XCTAssertTrue(RecipeSection.queries.text(in: recipes[1]).contains("supervised_negatives"))
        XCTAssertThrowsError(try RecipeLoader().load(yaml: "queries: {supervised_negatives: often}", file: "r.yaml")) { error in
            XCTAssertTrue("\(error)".contains("r.yaml:1"), "\(error)")
            XCTAssertTrue("\(error)".contains("queries.supervised_negatives"), "\(error)")
        }
    }

    /// `queries.supervised_absent_share` is 1 unless set, sweepable, enters the queries stage's key only below 1,
    /// and a share outside (0, 1] says where and what to write.
    func testSupervisedAbsentShareIsAShareOfTheQueriesSection() throws {
        let recipes = try RecipeLoader().load(yaml: """
        name: x
        sweep: {queries.supervised_absent_share: [1, 0.5]}
        """, file: "r.yaml")
        XCTAssertEqual(recipes.map(\.queries.supervisedAbsentShare), [1, 0.5])
        XCTAssertEqual(RecipeSection.queries.text(in: recipes[0]),
                       RecipeSection.queries.text(in: try RecipeLoader().load(yaml: "name: x", file: "r.yaml")[0]))
        XCTAssertTrue(RecipeSection.queries.text(in: recipes[1]).hasSuffix("supervised_absent_share 0.5"))
        for bad in ["0", "1.5", "-0.2"] {
            XCTAssertThrowsError(try RecipeLoader().load(yaml: "name: x\nqueries:\n  supervised_absent_share: \(bad)\n", file: "r.yaml")) { error in
                guard let error = error as? RecipeError else { return XCTFail("\(error)") }
                XCTAssertEqual(error.keyPath, "queries.supervised_absent_share")
                XCTAssertEqual(error.location?.line, 3)
                XCTAssertEqual(error.location?.column, 28)
                XCTAssertTrue("\(error)".contains("(0, 1]"), "\(error)")
            }
        }
    }
}
