/// Scores predictions against gold answers, micro-averaged over the queries of one dataset.
public protocol Metric: Sendable {
    /// `strict`, `partial`, `span`.
    var name: String { get }
    /// - Parameter pairs: each query with its prediction (`nil` when the model gave none: scored as `[]`).
    func score(_ pairs: [ScoredQuery]) -> MetricScore
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
