import ArgumentParser
import UniNERCore

/// The recipe path and its `--set` overrides, shared by every command that reads a recipe.
struct RecipeArguments: ParsableArguments {
    @Argument(help: "Path of the YAML recipe (default: the embedded quickstart).")
    var recipe: String = "Recipes/quickstart.yaml"

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a recipe value by dotted path (repeatable).",
                                                          valueName: "path=value"))
    var overrides: [String] = []

    func load() throws -> [Recipe] {
        try RecipeLoader().load(file: recipe, overrides: overrides)
    }
}
