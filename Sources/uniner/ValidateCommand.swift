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
            var names: [String] = [], seen = Set<String>()
            for variant in variants where seen.insert(variant.variant).inserted { names.append(variant.variant) }
            let seeds = Set(variants.compactMap(\.replicate)).sorted()
            if names.count > 1 || !first.variant.isEmpty {
                print("# sweep: \(names.count) variants" + (seeds.isEmpty ? "" : " × \(seeds.count) seeds = \(variants.count) runs"))
                for name in names { print("#   \(name)") }
            }
            if !seeds.isEmpty { print("# seeds: " + seeds.map(String.init).joined(separator: ", ")) }
            for claim in first.claims {
                let resolved = "\(claim.better) \(claim.orEqual ? "≥" : ">") \(claim.than)"
                print("# claim: \(claim.text)" + (claim.text.hasPrefix(resolved) ? "" : " (\(resolved))")
                      + " [\(claim.subject == .variants ? "variants" : "metrics, within each variant")]")
            }
        }
    }
}
