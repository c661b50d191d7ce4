import UniNERCore
import XCTest

final class ClaimTests: XCTestCase {
    let loader = RecipeLoader(environment: [:])

    static let sweep = """
    name: claims
    annotator: {kind: gold, datasets: [conll2003]}
    evaluate: {datasets: [CrossNER_AI, mit-movie], metric: [strict, partial]}
    sweep:
      queries.negatives.kind: [none, uniform, frequency]
    """

    func load(_ yaml: String) throws -> [Recipe] { try loader.load(yaml: yaml, file: "r.yaml") }

    func testVariantAndMetricClaimsResolveToFullNames() throws {
        let recipes = try load(Self.sweep + """

        claims:
          - {better: frequency, than: uniform}
          - {better: queries.negatives.kind=uniform, than: none, datasets: [mit-movie]}
          - {better: partial, than: strict}
          - {better: partial, than: strict, or_equal: true}
        bootstrap: {resamples: 2000, seed: 4}
        """)
        XCTAssertEqual(recipes.count, 3)
        let claims = recipes[0].claims
        XCTAssertEqual(claims, [
            Claim(better: "queries.negatives.kind=frequency", than: "queries.negatives.kind=uniform", subject: .variants,
                  text: "frequency > uniform"),
            Claim(better: "queries.negatives.kind=uniform", than: "queries.negatives.kind=none", subject: .variants,
                  datasets: ["mit-movie"], text: "queries.negatives.kind=uniform > none on mit-movie"),
            Claim(better: "partial", than: "strict", subject: .metrics, text: "partial > strict"),
            Claim(better: "partial", than: "strict", subject: .metrics, orEqual: true, text: "partial ≥ strict"),
        ])
        XCTAssertTrue(recipes.allSatisfy { $0.claims == claims })
        XCTAssertEqual(recipes[2].bootstrap.resamples, 2000)
        XCTAssertEqual(recipes[2].bootstrap.seed, 4)
        XCTAssertFalse(recipes[0].yaml.contains("better"), "claims are about the sweep: no variant's recipe.yaml holds them")
        XCTAssertFalse(recipes[0].yaml.contains("resamples"))
    }

    func testTheBootstrapDefaultsToAThousandResamplesSeededByTheRecipe() throws {
        let recipe = try XCTUnwrap(load(Self.sweep + "\nseed: 21\n").first)
        XCTAssertEqual(recipe.bootstrap.resamples, 1000)
        XCTAssertEqual(recipe.bootstrap.seed, 21)
        XCTAssertEqual(recipe.claims, [])
    }

    func failure(_ claims: String, file: StaticString = #filePath, line: UInt = #line) -> RecipeError? {
        expectRecipeError(file: file, line: line) { _ = try load(Self.sweep + "\n" + claims) }
    }

    func testAClaimNamingAnUnknownVariantIsRefusedAtItsValueWithTheValidNames() throws {
        let error = try XCTUnwrap(failure("""
        claims:
          - {better: frequency, than: uniform}
          - {better: frequncy, than: none}
        """))
        XCTAssertEqual(error.kind, .invalidValue)
        XCTAssertEqual(error.location, SourceLocation(file: "r.yaml", line: 8, column: 14))
        XCTAssertEqual(error.keyPath, "claims[1].better")
        XCTAssertTrue(error.message.contains("names 'frequncy', which is not a variant or a metric"), error.message)
        let help = try XCTUnwrap(error.help)
        for name in ["queries.negatives.kind=none", "queries.negatives.kind=uniform", "queries.negatives.kind=frequency",
                     "strict", "partial"] {
            XCTAssertTrue(help.contains(name), help)
        }
        XCTAssertTrue(error.errorDescription?.hasPrefix("r.yaml:8:14: ") == true, error.errorDescription ?? "")
    }

    func testMalformedClaimsAreRefused() throws {
        XCTAssertEqual(failure("claims:\n  - {better: frequency, than: strict}")?.message,
                       "the claim compares a variant with a metric")
        XCTAssertEqual(failure("claims:\n  - {better: none, than: none}")?.message, "the claim compares 'queries.negatives.kind=none' with itself")
        XCTAssertEqual(failure("claims:\n  - {better: none}")?.keyPath, "claims[0].than")
        XCTAssertEqual(failure("claims:\n  - {better: none, than: uniform, on: [x]}")?.kind, .unknownKey)
        XCTAssertEqual(failure("claims:\n  - {better: none, than: uniform, datasets: [conll2003]}")?.keyPath, "claims[0].datasets")
        XCTAssertEqual(failure("claims: {better: none}")?.kind, .wrongType)
        XCTAssertEqual(failure("bootstrap: {resamples: 200}")?.keyPath, "bootstrap.resamples")
    }

    func testAVariantNamedByAValueTwoVariantsShareIsAmbiguous() throws {
        let yaml = """
        annotator: {kind: gold, datasets: [conll2003]}
        evaluate: {datasets: [CrossNER_AI]}
        sweep:
          - {prompt: type, queries.template: per-type}
          - {prompt: definition, queries.template: per-type}
          - {prompt: type, queries.template: all-in-one}
        claims:
          - {better: definition, than: all-in-one}
          - {better: per-type, than: all-in-one}
        """
        XCTAssertThrowsError(try load(yaml)) { error in
            XCTAssertEqual((error as? RecipeError)?.keyPath, "claims[1].better", "per-type names two variants")
        }
    }
}
