/// The counts a metric sums before it takes ratios: of one query, one sentence (its queries), one label or a
/// whole dataset. Adding counts and then scoring gives the micro score, so the bootstrap can resample sentences
/// and per-label scores can be cut from the same numbers as the dataset's total.
public struct MetricCounts: Codable, Sendable, Hashable {
    /// True positives; fractional under partial credit.
    public var correct: Double
    public var predicted: Int
    public var gold: Int
    /// Queries scored (a span metric skips queries without gold offsets).
    public var queries: Int

    public init(correct: Double = 0, predicted: Int = 0, gold: Int = 0, queries: Int = 0) {
        self.correct = correct
        self.predicted = predicted
        self.gold = gold
        self.queries = queries
    }

    public static let zero = MetricCounts()

    public static func + (a: MetricCounts, b: MetricCounts) -> MetricCounts {
        MetricCounts(correct: a.correct + b.correct, predicted: a.predicted + b.predicted, gold: a.gold + b.gold,
                     queries: a.queries + b.queries)
    }

    public static func += (a: inout MetricCounts, b: MetricCounts) { a = a + b }

    /// The official micro F1 of these counts.
    public var f1: Double { MetricScore(self).f1 }

    // Compact in run folders: a sentence is `[correct, predicted, gold, queries]`.
    public init(from decoder: any Decoder) throws {
        var c = try decoder.unkeyedContainer()
        self.init(correct: try c.decode(Double.self), predicted: try c.decode(Int.self), gold: try c.decode(Int.self),
                  queries: try c.decode(Int.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.unkeyedContainer()
        try c.encode(correct)
        try c.encode(predicted)
        try c.encode(gold)
        try c.encode(queries)
    }
}
