import Yams

/// Which evaluation datasets also feed training, so that a recipe claiming zero-shot scores (the default)
/// cannot evaluate on data it trained on, and the reports state the protocol.
///
/// The core asks the plugins which datasets they read (`Annotator.trainingDatasets`,
/// `CorpusSource.trainingDatasets`); the supervised mix is the recipe's own section.
public enum ZeroShotCheck {
    /// A benchmark dataset that feeds training, with the recipe key that makes it do so.
    public struct Source: Sendable {
        public var dataset: String
        public var keyPath: String
        public var location: SourceLocation?
    }

    /// Every dataset that feeds training: the `supervised` entries, the teacher's and the corpus's datasets.
    public static func trainingSources(of recipe: Recipe, registry: PluginRegistry) throws -> [Source] {
        var sources: [Source] = []
        let items: [Node]
        if case .sequence(let sequence)? = recipe.resolved["supervised"] { items = Array(sequence) } else { items = [] }
        for (index, entry) in recipe.supervised.enumerated() {
            sources.append(Source(dataset: entry.dataset, keyPath: "supervised[\(index)]",
                                  location: RecipeNodes.location(of: index < items.count ? items[index] : nil, file: recipe.file)))
        }
        if let section = recipe.annotator {
            let annotator = try registry.make(.annotator, section, as: (any Annotator).self)
            sources += annotator.trainingDatasets.map { Source(dataset: $0, keyPath: "annotator (\(section.kind))",
                                                                location: location(of: "annotator", in: recipe)) }
        }
        if let section = recipe.corpus {
            let corpus = try registry.make(.corpus, section, as: (any CorpusSource).self)
            sources += corpus.trainingDatasets.map { Source(dataset: $0, keyPath: "corpus (\(section.kind))",
                                                             location: location(of: "corpus", in: recipe)) }
        }
        return sources
    }

    /// Refuses, at its entry of `evaluate.datasets`, the first evaluation dataset that also feeds training,
    /// unless the recipe says `in_domain: true`.
    public static func check(_ recipe: Recipe, registry: PluginRegistry) throws {
        guard !recipe.inDomain, let evaluate = recipe.evaluate else { return }
        let sources = try trainingSources(of: recipe, registry: registry)
        for dataset in evaluate.datasets {
            guard let source = sources.first(where: { $0.dataset == dataset }) else { continue }
            let entries = recipe.resolved["evaluate"]?["datasets"]
            var node = entries
            if case .sequence(let list)? = entries { node = list.first { $0.string == dataset } ?? entries }
            let origin = source.location.map { " (\($0))" } ?? ""
            throw RecipeError(.invalidValue, at: RecipeNodes.location(of: node, file: recipe.file), keyPath: "evaluate.datasets",
                              "evaluation dataset '\(dataset)' also feeds training through '\(source.keyPath)'\(origin), "
                              + "so its scores would not be zero-shot",
                              help: "evaluate on datasets no training stage reads, or say 'in_domain: true' at the top of "
                                  + "the recipe to report in-domain scores (as Tab. 2 does)")
        }
    }

    /// The report's protocol line: which evaluation datasets are in domain (fed to training) and which
    /// zero-shot, and what data chose the inference options (`tuned_on:`).
    public static func protocolLine(_ recipe: Recipe, registry: PluginRegistry) throws -> String? {
        guard let evaluate = recipe.evaluate else { return nil }
        let fed = Set(try inDomainDatasets(recipe, registry: registry))
        let inDomain = evaluate.datasets.filter(fed.contains), zeroShot = evaluate.datasets.filter { !fed.contains($0) }
        var parts: [String] = []
        if !inDomain.isEmpty { parts.append("in domain (also in training): " + inDomain.joined(separator: ", ")) }
        if !zeroShot.isEmpty { parts.append("zero-shot (no training stage reads them): " + zeroShot.joined(separator: ", ")) }
        let tuned = recipe.tunedOn ?? "no evaluation data (the recipe fixes them)"
        return "Protocol: " + parts.joined(separator: "; ") + "; threshold and other inference options chosen on: \(tuned)."
    }

    /// The evaluated datasets that some training stage also reads, in evaluation order.
    public static func inDomainDatasets(_ recipe: Recipe, registry: PluginRegistry) throws -> [String] {
        let fed = Set(try trainingSources(of: recipe, registry: registry).map(\.dataset))
        return (recipe.evaluate?.datasets ?? []).filter(fed.contains)
    }

    static func location(of key: String, in recipe: Recipe) -> SourceLocation? {
        guard case .mapping(let root) = recipe.resolved else { return nil }
        return RecipeNodes.location(of: root.first { $0.key.string == key }?.key, file: recipe.file)
    }
}
