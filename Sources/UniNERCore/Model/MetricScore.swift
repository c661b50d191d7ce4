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
}
