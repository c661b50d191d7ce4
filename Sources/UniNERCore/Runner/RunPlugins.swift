import Foundation

/// The plugins a run builds once, before its first stage: the prompt style, the recipe's own datasets and the
/// plugins of the sections that the stages it runs read.
struct RunPlugins: Sendable {
    let style: any PromptStyle
    /// The recipe's own datasets over the benchmark's, when it declares any.
    let own: RecipeDatasets?
    let annotator: (any Annotator)?
    let student: (any Student)?
    /// The recipe's `predictor:` (which answers instead of the trained student).
    let predictor: (any Predictor)?

    init(_ recipe: Recipe, registry: PluginRegistry, base: (any DatasetProvider)?, reading sections: [RecipeSection]) throws {
        style = try registry.make(.prompt, recipe.prompt, as: (any PromptStyle).self)
        own = recipe.datasets.isEmpty ? nil : try RecipeDatasets(recipe.datasets, base: base, registry: registry)
        func plugin<T>(_ section: RecipeSection, _ family: PluginFamily, _ named: PluginSection?, as: T.Type) throws -> T? {
            guard sections.contains(section), let named else { return nil }
            return try registry.make(family, named, as: T.self)
        }
        annotator = try plugin(.annotator, .annotator, recipe.annotator, as: (any Annotator).self)
        student = try plugin(.training, .student, recipe.student, as: (any Student).self)
        predictor = try plugin(.predictor, .predictor, recipe.predictor, as: (any Predictor).self)
    }

    /// What each section reads beyond its text, for `StageKeys.derive`: the own datasets' files it names, the
    /// annotator's and the predictor's own identities (files they read).
    func identity(_ recipe: Recipe) -> StageKeys.Identity {
        { section, dataset in
            switch section {
            case .corpus:
                return recipe.corpus.flatMap { own?.identity(mentionedIn: $0.options) } ?? ""
            case .annotator:
                let files = recipe.annotator.flatMap { own?.identity(mentionedIn: $0.options) } ?? ""
                return files + "\n" + (try annotator?.cacheIdentity() ?? "")
            case .supervised:
                return own?.identity(of: recipe.supervised.map(\.dataset)) ?? ""
            case .predictor:
                return try predictor?.cacheIdentity() ?? ""
            case .evaluation:
                return dataset.flatMap { own?.identity(of: [$0]) } ?? ""
            case .seed, .studentSeed, .prompt, .queries, .training, .student, .metrics:
                return ""
            }
        }
    }
}
