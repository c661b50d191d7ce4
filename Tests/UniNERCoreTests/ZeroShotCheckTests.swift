import Foundation
import UniNERCatalog
import UniNERCore
import XCTest

/// A zero-shot recipe (the default) may not evaluate on a dataset that feeds training; the plugins say which
/// datasets they read, and the refusal points at the evaluation entry.
final class ZeroShotCheckTests: XCTestCase {
    func recipe(_ yaml: String) throws -> Recipe {
        try XCTUnwrap(RecipeLoader(environment: [:]).load(yaml: yaml, file: "z.yaml").first)
    }

    func refusal(_ yaml: String) throws -> String? {
        do {
            try ZeroShotCheck.check(try recipe(yaml), registry: Catalog.registry)
            return nil
        } catch {
            return (error as? LocalizedError)?.errorDescription ?? "\(error)"
        }
    }

    func testEachWayADatasetFeedsTrainingIsRefusedAtItsEvaluationEntry() throws {
        let evaluate = "evaluate:\n  datasets: [mit-movie, conll2003]\n"
        let supervised = try XCTUnwrap(try refusal("name: z\nsupervised:\n  - {dataset: conll2003}\n" + evaluate))
        XCTAssertTrue(supervised.hasPrefix("z.yaml:5:25: "), supervised)
        XCTAssertTrue(supervised.contains("'conll2003' also feeds training through 'supervised[0]' (z.yaml:3:5)"), supervised)
        XCTAssertTrue(supervised.contains("in_domain: true"), supervised)
        let gold = try XCTUnwrap(try refusal("name: z\nannotator: {kind: gold, datasets: [conll2003]}\n" + evaluate))
        XCTAssertTrue(gold.contains("through 'annotator (gold)' (z.yaml:2:1)"), gold)
        let corpus = try XCTUnwrap(try refusal("name: z\ncorpus: {kind: dataset-text, datasets: [conll2003]}\n" + evaluate))
        XCTAssertTrue(corpus.contains("through 'corpus (dataset-text)'"), corpus)
    }

    func testInDomainRecipesAndDisjointDatasetsPass() throws {
        XCTAssertNil(try refusal("name: z\nin_domain: true\nsupervised: [conll2003]\nevaluate: {datasets: [conll2003]}\n"))
        XCTAssertNil(try refusal("name: z\nsupervised: [conll2003]\nannotator: {kind: gold, datasets: [ncbi]}\n"
                                 + "evaluate: {datasets: [mit-movie]}\n"))
    }

    func testTheProtocolLineSaysWhichDatasetsAreInDomainAndWhatChoseTheThreshold() throws {
        let line = try ZeroShotCheck.protocolLine(try recipe("""
            name: z
            in_domain: true
            tuned_on: the CrossNER dev splits
            supervised: [conll2003]
            evaluate: {datasets: [conll2003, CrossNER_AI]}
            """), registry: Catalog.registry)
        XCTAssertEqual(line, "Protocol: in domain (also in training): conll2003; zero-shot (no training stage reads them): "
                       + "CrossNER_AI; threshold and other inference options chosen on: the CrossNER dev splits.")
    }
}
