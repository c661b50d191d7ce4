import Testing
import UniNERCore

/// Checks every field of a score; ratios must agree within `tolerance`, reporting the difference.
func expectScore(_ score: MetricScore, precision: Double, recall: Double, f1: Double, correct: Double,
                 predicted: Int, gold: Int, queries: Int, tolerance: Double = 1e-9,
                 sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for (name, actual, expected) in [("precision", score.precision, precision), ("recall", score.recall, recall),
                                     ("f1", score.f1, f1)] {
        #expect(abs(actual - expected) <= tolerance, "\(name) \(actual) != \(expected) (difference \(actual - expected))",
                sourceLocation: sourceLocation)
    }
    #expect(score.correct == correct, "correct", sourceLocation: sourceLocation)
    #expect(score.predicted == predicted, "predicted", sourceLocation: sourceLocation)
    #expect(score.gold == gold, "gold", sourceLocation: sourceLocation)
    #expect(score.queries == queries, "queries", sourceLocation: sourceLocation)
}

/// The official formulas, for hand-computed expectations.
func officialRatios(correct: Double, predicted: Int, gold: Int) -> (precision: Double, recall: Double, f1: Double) {
    let precision = correct / (Double(predicted) + 1e-10)
    let recall = correct / (Double(gold) + 1e-10)
    return (precision, recall, 2 * precision * recall / (precision + recall + 1e-10))
}

/// Scored queries from (gold answers, prediction text) pairs; a `nil` prediction is a query left unanswered.
func scoredQueries(_ queries: [(answers: [String], prediction: String?)]) -> [ScoredQuery] {
    queries.enumerated().map { index, query in
        ScoredQuery(query: EvaluationQuery(id: "q\(index)", dataset: "fixture", text: "", label: "entity",
                                           answers: query.answers),
                    prediction: query.prediction.map { Prediction(id: "q\(index)", prediction: $0) })
    }
}
