import ArgumentParser
import UniNERCatalog
import UniNERCore

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a recipe without running it and print it resolved (and its sweep variants)."
    )

    @OptionGroup var recipe: RecipeArguments

    func run() async throws {
        try await reportingErrors {
            let variants = try recipe.load()
            let validator = RecipeValidator(registry: Catalog.registry, datasets: Catalog.datasets())
            for variant in variants { try validator.validate(variant) }
            guard let first = variants.first else { return }
            print("# \(recipe.recipe): valid")
            print(first.yaml, terminator: "")
            if variants.count > 1 || !first.variant.isEmpty {
                print("# sweep: \(variants.count) variants")
                for variant in variants { print("#   \(variant.variant)") }
            }
        }
    }
}
