import Foundation
import UniNERCore
import XCTest

final class PairedBootstrapTests: XCTestCase {
    /// `n` sentences of one query each; `correct(i)` true positives out of 2 predicted and 2 gold.
    func sentences(_ n: Int, correct: (Int) -> Double) -> [MetricCounts] {
        (0..<n).map { MetricCounts(correct: correct($0), predicted: 2, gold: 2, queries: 1) }
    }

    func testIdenticalVariantsGiveZeroDeltaAndAnIntervalHoldingZero() throws {
        let sample: PairedBootstrap.Sample = ["a": sentences(40) { Double($0 % 3) }, "b": sentences(25) { $0 % 2 == 0 ? 2 : 0 }]
        let outcome = try PairedBootstrap(resamples: 1000, seed: 3).compare(baseline: [sample], variant: [sample], datasets: ["a", "b"])
        XCTAssertEqual(outcome.delta, 0)
        XCTAssertEqual(outcome.lower, 0)
        XCTAssertEqual(outcome.upper, 0)
        XCTAssertEqual(outcome.atMostZero, 1, "every resample has Δ = 0")
        XCTAssertEqual(outcome.resamples, 1000)
        XCTAssertEqual(outcome.verdict, .notSignificant)
    }

    func testAVariantBetterOnEverySentenceHasAnIntervalAboveZero() throws {
        let baseline: PairedBootstrap.Sample = ["a": sentences(30) { Double($0 % 2) }, "b": sentences(20) { _ in 0 }]
        let better: PairedBootstrap.Sample = ["a": sentences(30) { Double($0 % 2) + 1 }, "b": sentences(20) { _ in 1 }]
        let bootstrap = PairedBootstrap(resamples: 1000, seed: 5)
        let outcome = try bootstrap.compare(baseline: [baseline], variant: [better], datasets: ["a", "b"])
        // a: 45/60 vs 15/60 correct; b: 20/40 vs 0.
        XCTAssertEqual(outcome.delta, ((0.75 - 0.25) + 0.5) / 2, accuracy: 1e-8)
        XCTAssertGreaterThan(outcome.lower, 0)
        XCTAssertEqual(outcome.atMostZero, 0)
        XCTAssertEqual(outcome.verdict, .holds)
        let swapped = try bootstrap.compare(baseline: [better], variant: [baseline], datasets: ["a", "b"])
        XCTAssertLessThan(swapped.upper, 0)
        XCTAssertEqual(swapped.atMostZero, 1)
        XCTAssertEqual(swapped.verdict, .reversed)
    }

    func testADatasetSubsetAveragesOnlyThoseDatasets() throws {
        let baseline: PairedBootstrap.Sample = ["a": sentences(10) { _ in 1 }, "b": sentences(10) { _ in 1 }]
        let variant: PairedBootstrap.Sample = ["a": sentences(10) { _ in 2 }, "b": sentences(10) { _ in 0 }]
        let bootstrap = PairedBootstrap(resamples: 1000)
        XCTAssertEqual(try bootstrap.compare(baseline: [baseline], variant: [variant], datasets: ["a"]).delta, 0.5, accuracy: 1e-8)
        XCTAssertEqual(try bootstrap.compare(baseline: [baseline], variant: [variant], datasets: ["a", "b"]).delta, 0, accuracy: 1e-8)
    }

    /// The reference of `scripts/reference/paired_bootstrap_reference.py`: Python draws the resamples and computes
    /// Δ, the percentile interval and p itself; the Swift bootstrap must agree over the same draws.
    func testAgreesWithThePythonReferenceOverItsDraws() throws {
        struct Reference: Decodable {
            struct Expected: Decodable { var delta, lower, upper, atMostZero: Double }
            var datasets: [String]
            var baseline, variant: [PairedBootstrap.Sample]
            var draws: [PairedBootstrap.Draw]
            var expected: Expected
        }
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/reference/paired_bootstrap_reference.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: file))
        XCTAssertEqual(reference.variant.count, 2, "the reference resamples the variant's two seed runs")
        let outcome = try PairedBootstrap().outcome(baseline: reference.baseline, variant: reference.variant,
                                                    datasets: reference.datasets, draws: reference.draws)
        XCTAssertEqual(outcome.resamples, 200)
        XCTAssertEqual(outcome.delta, reference.expected.delta, accuracy: 1e-12)
        XCTAssertEqual(outcome.lower, reference.expected.lower, accuracy: 1e-12)
        XCTAssertEqual(outcome.upper, reference.expected.upper, accuracy: 1e-12)
        XCTAssertEqual(outcome.atMostZero, reference.expected.atMostZero)
        XCTAssertEqual(outcome.verdict, .notSignificant, "the reference's interval holds 0")
    }

    func testDrawsAreSeededAndResampleSeedsOnlyWhenThereAreSeveral() {
        let sizes = [(dataset: "a", sentences: 7), (dataset: "b", sentences: 3)]
        let one = PairedBootstrap(resamples: 1000, seed: 1)
        let draws = one.draws(baselineSeeds: 1, variantSeeds: 1, sizes: sizes)
        XCTAssertEqual(draws, one.draws(baselineSeeds: 1, variantSeeds: 1, sizes: sizes))
        XCTAssertNotEqual(draws, PairedBootstrap(resamples: 1000, seed: 2).draws(baselineSeeds: 1, variantSeeds: 1, sizes: sizes))
        XCTAssertEqual(draws.count, 1000)
        XCTAssertTrue(draws.allSatisfy { $0.baselineSeed == 0 && $0.variantSeed == 0 })
        XCTAssertTrue(draws.allSatisfy { $0.indices["a"]?.count == 7 && $0.indices["b"]?.allSatisfy((0..<3).contains) == true })
        let seeded = one.draws(baselineSeeds: 3, variantSeeds: 3, sizes: sizes)
        XCTAssertEqual(Set(seeded.map(\.baselineSeed)), [0, 1, 2])
        XCTAssertEqual(Set(seeded.map(\.variantSeed)), [0, 1, 2])
    }

    func testRunsOfDifferentSentenceCountsAreRefused() {
        let short: PairedBootstrap.Sample = ["a": sentences(4) { _ in 1 }]
        let long: PairedBootstrap.Sample = ["a": sentences(5) { _ in 1 }]
        XCTAssertThrowsError(try PairedBootstrap().compare(baseline: [short], variant: [long], datasets: ["a"])) { error in
            XCTAssertTrue((error as? UniNERError)?.message.contains("'a' has different or missing sentence counts") == true, "\(error)")
        }
        XCTAssertThrowsError(try PairedBootstrap().compare(baseline: [], variant: [long], datasets: ["a"]))
    }

    func testVerdicts() {
        XCTAssertEqual(ClaimVerdict(lower: 0.001, upper: 0.2), .holds)
        XCTAssertEqual(ClaimVerdict(lower: 0, upper: 0.2), .notSignificant)
        XCTAssertEqual(ClaimVerdict(lower: -0.1, upper: 0.2), .notSignificant)
        XCTAssertEqual(ClaimVerdict(lower: -0.3, upper: 0), .notSignificant)
        XCTAssertEqual(ClaimVerdict(lower: -0.3, upper: -0.01), .reversed)
    }

    func testPercentileInterpolatesBetweenOrderStatistics() {
        XCTAssertEqual(PairedBootstrap.percentile([0, 10, 20, 30, 40], 0.5), 20)
        XCTAssertEqual(PairedBootstrap.percentile([0, 10, 20, 30, 40], 0.1), 4, accuracy: 1e-12)
        XCTAssertEqual(PairedBootstrap.percentile([0, 10, 20, 30, 40], 1), 40)
    }
}
