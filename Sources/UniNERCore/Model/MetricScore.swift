/// Micro-averaged precision, recall and F1 over the queries of one dataset, with the counts behind them.
public struct MetricScore: Codable, Sendable, Hashable {
    public var precision: Double
    public var recall: Double
    public var f1: Double
    public var queries: Int
    public var correct: Double
    public var predicted: Int
    public var gold: Int

    public init(precision: Double, recall: Double, f1: Double, queries: Int, correct: Double, predicted: Int, gold: Int) {
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.queries = queries
        self.correct = correct
        self.predicted = predicted
        self.gold = gold
    }

    /// The official evaluator's formulas: `precision = correct / (predicted + 1e-10)`,
    /// `recall = correct / (gold + 1e-10)`, `f1 = 2 * precision * recall / (precision + recall + 1e-10)`,
    /// evaluated in the same order as Python, so the numbers agree to the last bit.
    public static func micro(correct: Double, predicted: Int, gold: Int, queries: Int) -> MetricScore {
        let precision = correct / (Double(predicted) + 1e-10)
        let recall = correct / (Double(gold) + 1e-10)
        let f1 = 2 * precision * recall / (precision + recall + 1e-10)
        return MetricScore(precision: precision, recall: recall, f1: f1, queries: queries, correct: correct,
                           predicted: predicted, gold: gold)
    }

    /// The micro score of summed counts.
    public init(_ counts: MetricCounts) {
        self = .micro(correct: counts.correct, predicted: counts.predicted, gold: counts.gold, queries: counts.queries)
    }
}
