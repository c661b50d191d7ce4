import Yams

/// Builds every plugin a recipe names, so that unknown kinds and bad options surface before anything runs.
public struct RecipeValidator: Sendable {
    public let registry: PluginRegistry
    /// The benchmark's provider, against which the recipe's own datasets are checked (names, splits).
    public let datasets: (any DatasetProvider)?

    public init(registry: PluginRegistry, datasets: (any DatasetProvider)? = nil) {
        self.registry = registry
        self.datasets = datasets
    }

    /// - Throws: the first `RecipeError` found, located in the recipe file.
    public func validate(_ recipe: Recipe) throws {
        // The plugins of every section a stage reads, so that the stage list alone says what a recipe must get right.
        let sections = StageDeclaration.sections()
        for section in sections {
            for (family, named) in section.plugins(in: recipe) { _ = try registry.make(family, named, as: Any.self) }
        }
        if sections.contains(.evaluation), let styles = recipe.evaluate?.labelStyles {
            for style in styles where registry.descriptor(.prompt, kind: style) == nil {
                let node = recipe.resolved["evaluate"]?["label_styles"]
                throw RecipeError(.unknownKind, at: RecipeNodes.location(of: node, file: recipe.file),
                                  keyPath: "evaluate.label_styles", "unknown prompt style '\(style)' in 'evaluate.label_styles'",
                                  help: NearestNames.help(for: style, among: registry.kinds(of: .prompt), noun: "prompt styles"))
            }
        }
        if sections.contains(.metrics), let evaluate = recipe.evaluate {
            for metric in evaluate.metrics {
                guard registry.descriptor(.metric, kind: metric) != nil else {
                    let node = recipe.resolved["evaluate"]?["metric"]
                    throw RecipeError(.unknownKind, at: RecipeNodes.location(of: node, file: recipe.file), keyPath: "evaluate.metric",
                                      "unknown metric '\(metric)' in 'evaluate.metric'",
                                      help: NearestNames.help(for: metric, among: registry.kinds(of: .metric), noun: "metrics"))
                }
            }
        }
        try validateOwnDatasets(recipe)
        try ZeroShotCheck.check(recipe, registry: registry)
    }

    /// The own datasets' names, files and formats; and that `evaluate` and `supervised` ask them for splits
    /// they declare (located at the asking key).
    func validateOwnDatasets(_ recipe: Recipe) throws {
        guard !recipe.datasets.isEmpty else { return }
        let own = try RecipeDatasets(recipe.datasets, base: datasets, registry: registry)
        func check(_ name: String, _ split: String, at node: Node?, keyPath: String) throws {
            guard let mine = own.dataset(named: name), mine.split(split) == nil else { return }
            let present = mine.splits.map(\.name)
            throw RecipeError(.invalidValue, at: RecipeNodes.location(of: node, file: recipe.file), keyPath: keyPath,
                              "'\(keyPath)' asks for the \(split) split of dataset '\(name)', which declares only \(present.joined(separator: ", "))",
                              help: "add '\(split): PATH' to 'datasets.\(name)', or ask for \(present.joined(separator: " or "))")
        }
        if let evaluate = recipe.evaluate {
            let section = recipe.resolved["evaluate"]
            for name in evaluate.datasets {
                try check(name, evaluate.split, at: section?["split"] ?? section?["datasets"], keyPath: "evaluate.split")
            }
        }
        let items: [Node]
        if case .sequence(let sequence)? = recipe.resolved["supervised"] { items = Array(sequence) } else { items = [] }
        for (index, source) in recipe.supervised.enumerated() {
            let item = index < items.count ? items[index] : nil
            try check(source.dataset, source.split, at: item?["split"] ?? item, keyPath: "supervised[\(index)].split")
        }
    }
}
