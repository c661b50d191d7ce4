/// Answers evaluation queries: the mentions of one label in one text.
public protocol Predictor: Sendable {
    /// One prediction per query, in the same order, with the same ids.
    func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction]
}
