/// Scores predictions against gold answers, micro-averaged over the queries of one dataset.
///
/// A metric says what one query counts (`counts(_:)`); every score is the official micro formula applied to the
/// sum of those counts: over a dataset (`score`), over the queries of one label (`perLabel`), or summed per
/// sentence for the paired bootstrap (`perSentence`).
public protocol Metric: Sendable {
    /// `strict`, `partial`, `span`.
    var name: String { get }
    /// What one query counts; `nil` when the metric does not score it (the span metric without gold offsets).
    func counts(_ pair: ScoredQuery) -> MetricCounts?
    /// - Parameter pairs: each query with its prediction (`nil` when the model gave none: scored as `[]`).
    func score(_ pairs: [ScoredQuery]) -> MetricScore
}

extension Metric {
    public func score(_ pairs: [ScoredQuery]) -> MetricScore {
        MetricScore(pairs.reduce(into: MetricCounts.zero) { total, pair in counts(pair).map { total += $0 } })
    }

    /// The micro score of each label's queries, keyed by the label as the query names it.
    public func perLabel(_ pairs: [ScoredQuery]) -> [String: MetricScore] { breakdown(pairs).perLabel }

    /// The counts of each sentence, in sentence order: a sentence is a run of consecutive queries with the same
    /// text (the protocol asks every label of a sentence in a row), the unit the bootstrap resamples.
    public func perSentence(_ pairs: [ScoredQuery]) -> [MetricCounts] { breakdown(pairs).perSentence }

    /// The dataset's score, per-label scores and per-sentence counts from one pass over the queries (a run
    /// needs all three; counting each query once keeps scoring as fast as it was).
    public func breakdown(_ pairs: [ScoredQuery]) -> (score: MetricScore, perLabel: [String: MetricScore], perSentence: [MetricCounts]) {
        var total = MetricCounts.zero
        var labels: [String: MetricCounts] = [:]
        var sentences: [MetricCounts] = []
        var text: String?
        for pair in pairs {
            let counted = counts(pair)
            if let counted { total += counted }
            // A label is listed even when none of its queries is scored, so tables have the same rows per metric.
            labels[pair.query.label, default: .zero] += counted ?? .zero
            if pair.query.text != text || sentences.isEmpty {
                sentences.append(.zero)
                text = pair.query.text
            }
            sentences[sentences.count - 1] += counted ?? .zero
        }
        return (MetricScore(total), labels.mapValues(MetricScore.init), sentences)
    }
}

/// A query and the prediction made for it.
public struct ScoredQuery: Sendable {
    public var query: EvaluationQuery
    public var prediction: Prediction?

    public init(query: EvaluationQuery, prediction: Prediction?) {
        self.query = query
        self.prediction = prediction
    }
}
