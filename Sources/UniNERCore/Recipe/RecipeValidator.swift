import Yams

/// Builds every plugin a recipe names, so that unknown kinds and bad options surface before anything runs.
public struct RecipeValidator: Sendable {
    public let registry: PluginRegistry

    public init(registry: PluginRegistry) {
        self.registry = registry
    }

    /// - Throws: the first `RecipeError` found, located in the recipe file.
    public func validate(_ recipe: Recipe) throws {
        _ = try registry.make(.prompt, recipe.prompt, as: (any PromptStyle).self)
        if let corpus = recipe.corpus { _ = try registry.make(.corpus, corpus, as: (any CorpusSource).self) }
        if let annotator = recipe.annotator { _ = try registry.make(.annotator, annotator, as: (any Annotator).self) }
        _ = try registry.make(.template, recipe.queries.template, as: (any QueryTemplate).self)
        _ = try registry.make(.negatives, recipe.queries.negatives, as: (any NegativeSampler).self)
        if let student = recipe.student { _ = try registry.make(.student, student, as: (any Student).self) }
        if let predictor = recipe.predictor { _ = try registry.make(.predictor, predictor, as: (any Predictor).self) }
        if let evaluate = recipe.evaluate {
            for metric in evaluate.metrics {
                guard registry.descriptor(.metric, kind: metric) != nil else {
                    let node = recipe.resolved["evaluate"]?["metric"]
                    throw RecipeError(.unknownKind, at: RecipeNodes.location(of: node, file: recipe.file), keyPath: "evaluate.metric",
                                      "unknown metric '\(metric)' in 'evaluate.metric'",
                                      help: NearestNames.help(for: metric, among: registry.kinds(of: .metric), noun: "metrics"))
                }
            }
        }
    }
}
