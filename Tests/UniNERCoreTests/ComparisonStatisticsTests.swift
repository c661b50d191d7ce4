import UniNERCore
import XCTest

final class ComparisonStatisticsTests: XCTestCase {
    /// A run on one dataset of 20 sentences, `correct` of 2 predicted and 2 gold each, one label `person` whose
    /// per-label score is the run's.
    func run(_ variant: String, correct: Double, partialBonus: Double = 0) -> RunResult {
        let strict = (0..<20).map { _ in MetricCounts(correct: correct, predicted: 2, gold: 2, queries: 1) }
        let partial = strict.map { var counts = $0; counts.correct += partialBonus; return counts }
        let total = { (sentences: [MetricCounts]) in MetricScore(sentences.reduce(.zero, +)) }
        var result = RunResult(recipe: "r", variant: variant, folder: "", stages: [],
                               scores: ["d": ["strict": total(strict), "partial": total(partial)]], domains: ["d": "other"],
                               datasets: ["d"], metrics: ["strict", "partial"])
        result.labels = ["d": ["person"]]
        result.perLabel = ["d": ["strict": ["person": total(strict)], "partial": ["person": total(partial)]]]
        result.sentences = ["d": ["strict": strict, "partial": partial]]
        return result
    }

    func testClaimsGetTheirVerdictsAndMovedLabelsAreListed() {
        let results = [run("none", correct: 1), run("uniform", correct: 1), run("frequency", correct: 2, partialBonus: 0)]
        let claims = [
            Claim(better: "frequency", than: "uniform", subject: .variants),
            Claim(better: "uniform", than: "none", subject: .variants),
            Claim(better: "none", than: "frequency", subject: .variants),
        ]
        let text = ComparisonStatistics(results: results, claims: claims, bootstrap: PairedBootstrap()).markdown()
            .joined(separator: "\n")
        XCTAssertTrue(text.contains("| frequency > uniform | strict | +50.0 | [+50.0, +50.0] | 0.000 | 1 | **holds** |"), text)
        XCTAssertTrue(text.contains("| uniform > none | strict | +0.0 | [+0.0, +0.0] | 1.000 | 1 | **not significant** |"), text)
        XCTAssertTrue(text.contains("| none > frequency | strict | -50.0 | [-50.0, -50.0] | 1.000 | 1 | **reversed** |"), text)
        XCTAssertTrue(text.contains("## Against the baseline (none): paired bootstrap"), text)
        XCTAssertTrue(text.contains("| frequency | strict | d | person | 50.0 | 100.0 | +50.0 | 40 |"), text)
        XCTAssertFalse(text.contains("| uniform | strict | d | person |"), "a label that did not move is not listed")
    }

    func testAMetricClaimIsJudgedWithinEachVariant() {
        let results = [run("a", correct: 1, partialBonus: 0.5), run("b", correct: 1)]
        let claim = Claim(better: "partial", than: "strict", subject: .metrics)
        let text = ComparisonStatistics(results: results, claims: [claim], bootstrap: PairedBootstrap()).markdown()
            .joined(separator: "\n")
        XCTAssertTrue(text.contains("| partial > strict | a | +25.0 | [+25.0, +25.0] | 0.000 | 1 | **holds** |"), text)
        XCTAssertTrue(text.contains("| partial > strict | b | +0.0 | [+0.0, +0.0] | 1.000 | 1 | **not significant** |"), text)
    }

    /// "partial ≥ strict": a variant where partial credit adds nothing still holds it (Δ = 0 on every resample);
    /// the strict form of the same claim is not significant there.
    func testAnAtLeastClaimHoldsWhenTheIntervalStartsAtZero() {
        let results = [run("a", correct: 1, partialBonus: 0.5), run("b", correct: 1)]
        let claim = Claim(better: "partial", than: "strict", subject: .metrics, orEqual: true)
        let text = ComparisonStatistics(results: results, claims: [claim], bootstrap: PairedBootstrap()).markdown()
            .joined(separator: "\n")
        XCTAssertTrue(text.contains("| partial ≥ strict | a | +25.0 | [+25.0, +25.0] | 0.000 | 1 | **holds** |"), text)
        XCTAssertTrue(text.contains("| partial ≥ strict | b | +0.0 | [+0.0, +0.0] | 1.000 | 1 | **holds** |"), text)
        XCTAssertEqual(ClaimVerdict(lower: 0, upper: 0.2, orEqual: true), .holds)
        XCTAssertEqual(ClaimVerdict(lower: -0.01, upper: 0.2, orEqual: true), .notSignificant)
        XCTAssertEqual(ClaimVerdict(lower: -0.3, upper: -0.01, orEqual: true), .reversed)
    }

    func testResultsWithoutSentenceCountsGiveNoVerdictAndSayWhy() {
        var old = run("a", correct: 1)
        old.sentences = nil
        let text = ComparisonStatistics(results: [old, run("b", correct: 2)],
                                        claims: [Claim(better: "b", than: "a", subject: .variants)],
                                        bootstrap: PairedBootstrap()).markdown().joined(separator: "\n")
        XCTAssertTrue(text.contains("| b > a | strict | — | — | — | — | — | no verdict: a side of the comparison has no run"), text)
    }

    func testTheStatisticsCSVHoldsEveryComparisonOfTheMarkdown() {
        let results = [run("none", correct: 1), run("frequency", correct: 2, partialBonus: 0)]
        let claims = [Claim(better: "frequency", than: "none", subject: .variants),
                      Claim(better: "partial", than: "strict", subject: .metrics)]
        let lines = ComparisonStatistics(results: results, claims: claims, bootstrap: PairedBootstrap()).csv()
            .split(separator: "\n").map(String.init)
        XCTAssertEqual(lines, [
            "kind,subject,in,metric,delta,lower,upper,p_delta_at_most_0,variant_seeds,baseline_seeds,verdict,note",
            "baseline,frequency,strict,strict,50.00,50.00,50.00,0.0000,1,1,,",
            "baseline,frequency,partial,partial,50.00,50.00,50.00,0.0000,1,1,,",
            "claim,frequency > none,strict,strict,50.00,50.00,50.00,0.0000,1,1,holds,",
            "claim,partial > strict,none,partial − strict,0.00,0.00,0.00,1.0000,1,1,not significant,",
            "claim,partial > strict,frequency,partial − strict,0.00,0.00,0.00,1.0000,1,1,not significant,",
        ])
    }
}
