/// Answers evaluation queries: the mentions of one label in one text.
public protocol Predictor: Sendable {
    /// One prediction per query, in the same order, with the same ids.
    func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction]

    /// What the predictions depend on beyond the recipe section that built the predictor, such as the identity
    /// of a model file it loads; part of the predictions' cache key, so that retraining a model a recipe points
    /// at by path invalidates its cached predictions. Empty when the section says everything.
    func cacheIdentity() throws -> String

    /// The predictor with its model loaded, ready for every dataset of a run: the pipeline calls it once per
    /// run, before the first dataset that is not cached, so a predictor that reads a model file reads it once.
    func loaded(context: RunContext) throws -> any Predictor
}

extension Predictor {
    public func cacheIdentity() throws -> String { "" }

    public func loaded(context: RunContext) throws -> any Predictor { self }
}
