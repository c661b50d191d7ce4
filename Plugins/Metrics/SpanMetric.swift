import UniNERCore

/// Micro P/R/F1 over (query, character span) pairs, for predictors that return offsets.
///
/// Only queries whose gold `spans` are known are scored (`queries` counts them); others contribute nothing. A
/// predicted mention is correct when its `start..<end` equals a gold span of the same query; both sides are sets
/// (a repeated span counts once). A query with gold spans but no prediction, or a prediction without `mentions`,
/// counts its gold spans as missed.
///
/// Example: gold spans `0..<5, 10..<16`, predicted `0..<5, 11..<16` gives precision 0.5, recall 0.5.
public struct SpanMetric: Metric {
    public let name = "span"

    public init() {}

    public func score(_ pairs: [ScoredQuery]) -> MetricScore {
        var correct = 0
        var predicted = 0
        var gold = 0
        var queries = 0
        for pair in pairs {
            guard let spans = pair.query.spans else { continue }
            let goldSpans = Set(spans)
            let mentions = pair.prediction?.mentions ?? []
            let predictedSpans = Set(mentions.map { CharacterSpan(start: $0.start, end: $0.end) })
            correct += predictedSpans.intersection(goldSpans).count
            predicted += predictedSpans.count
            gold += goldSpans.count
            queries += 1
        }
        return .micro(correct: Double(correct), predicted: predicted, gold: gold, queries: queries)
    }
}
