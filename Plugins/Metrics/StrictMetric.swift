import UniNERCore

/// The official UniNER metric (`NEREvaluator` of `src/eval/evaluate.py`): strict micro P/R/F1 over
/// normalised entity strings.
///
/// Per query, the prediction text (`[]` when there is none) and the gold answers (as `json.dumps` writes them) are
/// parsed by `OfficialAnswerParser`; every predicted item found among the gold items is correct. Counts are summed
/// over all queries before the ratios are taken.
///
/// Example: gold `["Paris", "London"]`, prediction `["paris", "Rome"]` gives precision 0.5, recall 0.5.
public struct StrictMetric: Metric {
    public let name = "strict"

    public init() {}

    /// - Complexity: O(n) in the total length of the answers.
    public func score(_ pairs: [ScoredQuery]) -> MetricScore {
        var correct = 0
        var predicted = 0
        var gold = 0
        for pair in pairs {
            let goldItems = Set(OfficialAnswerParser.gold(pair.query.answers))
            let predictedItems = OfficialAnswerParser.parse(pair.prediction?.prediction ?? "[]")
            correct += predictedItems.filter(goldItems.contains).count
            predicted += predictedItems.count
            gold += goldItems.count
        }
        return .micro(correct: Double(correct), predicted: predicted, gold: gold, queries: pairs.count)
    }
}
