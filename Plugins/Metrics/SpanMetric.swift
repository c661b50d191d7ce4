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

    public func counts(_ pair: ScoredQuery) -> MetricCounts? {
        guard let spans = pair.query.spans else { return nil }
        let goldSpans = Set(spans)
        let mentions = pair.prediction?.mentions ?? []
        let predictedSpans = Set(mentions.map { CharacterSpan(start: $0.start, end: $0.end) })
        return MetricCounts(correct: Double(predictedSpans.intersection(goldSpans).count), predicted: predictedSpans.count,
                            gold: goldSpans.count, queries: 1)
    }
}
