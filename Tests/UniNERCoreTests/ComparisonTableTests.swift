import UniNERCore
import XCTest

final class ComparisonTableTests: XCTestCase {
    func result(_ variant: String, _ f1: [String: Double]) -> RunResult {
        var result = RunResult(recipe: "fig6", variant: variant, folder: "", stages: [], scores: [:],
                               domains: ["conll2003": "general", "wnut17": "social media", "ncbi": "biomed"],
                               datasets: ["conll2003", "wnut17", "ncbi"], metrics: ["strict"])
        for (dataset, value) in f1 {
            result.scores[dataset] = ["strict": MetricScore(precision: value, recall: value, f1: value, queries: 10,
                                                             correct: 10 * value, predicted: 10, gold: 10)]
        }
        result.labels = ["conll2003": ["person", "location", "organization", "else"],
                         "wnut17": ["Person", "location", "product"], "ncbi": ["disease"]]
        return result
    }

    func testLaterVariantsGetSignedDeltasAgainstTheFirst() {
        let table = ComparisonTable(rows: [
            ("with-dataset-field", result("with-dataset-field", ["conll2003": 0.744, "wnut17": 0.42, "ncbi": 0.641])),
            ("without-dataset-field", result("without-dataset-field", ["conll2003": 0.739, "wnut17": 0.439, "ncbi": 0.668])),
        ])
        let lines = table.markdown()
        // averages: (74.4 + 42.0 + 64.1) / 3 = 60.17 and (73.9 + 43.9 + 66.8) / 3 = 61.53: +1.4 (rounded from 1.367)
        XCTAssertTrue(lines.contains("| Δ without-dataset-field − with-dataset-field | -0.5 | +1.9 | +2.7 | -0.5 | +1.9 | +2.7 | +1.4 |"),
                      lines.joined(separator: "\n"))
    }

    func testDatasetsSharingLabelNamesAreFlagged() {
        let table = ComparisonTable(rows: [("a", result("a", ["conll2003": 0.5]))])
        let overlaps = table.labelOverlaps()
        XCTAssertEqual(overlaps.map(\.dataset), ["conll2003", "wnut17"])
        XCTAssertEqual(overlaps.first?.shared, ["person", "location"])
        XCTAssertEqual(overlaps.first?.with, ["wnut17"])
        XCTAssertEqual(overlaps.last?.shared, ["Person", "location"])
        XCTAssertTrue(table.markdown().contains("| conll2003 | person, location | wnut17 |"))
        // one row only: no delta row
        XCTAssertFalse(table.markdown().contains { $0.hasPrefix("| Δ") })
    }

    /// A newcomer reads each number with what it is: in domain (a training stage reads the set) or zero-shot.
    func testEachDatasetColumnSaysInDomainOrZeroShotWhenTheResultKnows() {
        var known = result("a", ["conll2003": 0.5])
        known.inDomain = ["conll2003"]
        XCTAssertTrue(ComparisonTable(rows: [("a", known)]).markdown().contains(
            "| variant | conll2003 (in domain) | wnut17 (zero-shot) | ncbi (zero-shot) | avg general | avg social media | avg biomed | average |"))
        // Results written before the field existed keep the plain names.
        XCTAssertTrue(ComparisonTable(rows: [("a", result("a", [:]))]).markdown().contains { $0.hasPrefix("| variant | conll2003 | wnut17 |") })
    }
}
