import ArgumentParser
import UniNERCore

/// The recipe path and its `--set` overrides, shared by every command that reads a recipe.
struct RecipeArguments: ParsableArguments {
    @Argument(help: "Path of the YAML recipe (default: the embedded quickstart).")
    var recipe: String = "Recipes/quickstart.yaml"

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a recipe value by dotted path (repeatable).",
                                                          valueName: "path=value"))
    var overrides: [String] = []

    @Option(help: ArgumentHelp("Run every variant once per seed (the recipe's 'seeds:'), e.g. --seeds 13,14,15.",
                               valueName: "list"))
    var seeds: String?

    /// The `--set` overrides, with `--seeds` as the `seeds` override it stands for (last, so it wins).
    var allOverrides: [String] {
        overrides + (seeds.map { ["seeds=[\($0)]"] } ?? [])
    }

    func load() throws -> [Recipe] {
        try RecipeLoader().load(file: recipe, overrides: allOverrides)
    }
}
