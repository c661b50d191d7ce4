import UniNERCore

extension MetricScore {
    /// The official evaluator's formulas: `precision = correct / (predicted + 1e-10)`,
    /// `recall = correct / (gold + 1e-10)`, `f1 = 2 * precision * recall / (precision + recall + 1e-10)`,
    /// evaluated in the same order as Python, so the numbers agree to the last bit.
    static func micro(correct: Double, predicted: Int, gold: Int, queries: Int) -> MetricScore {
        let precision = correct / (Double(predicted) + 1e-10)
        let recall = correct / (Double(gold) + 1e-10)
        let f1 = 2 * precision * recall / (precision + recall + 1e-10)
        return MetricScore(precision: precision, recall: recall, f1: f1, queries: queries, correct: correct,
                           predicted: predicted, gold: gold)
    }
}
