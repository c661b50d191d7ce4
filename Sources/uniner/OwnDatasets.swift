import Foundation
import UniNERCatalog
import UniNERCore

/// The datasets a command reads by name: the benchmark's, and with `--recipe` that recipe's own `datasets:`.
enum OwnDatasets {
    /// - Throws: the recipe's `RecipeError`s (a shadowing name, a missing file, bad format options).
    static func provider(recipe: String?, root: URL?) throws -> (any DatasetProvider)? {
        let base = Catalog.datasets(root: root)
        guard let recipe else { return base }
        guard let first = try RecipeLoader().load(file: recipe).first else { return base }
        return try RecipeDatasets.provider(for: first, base: base, registry: Catalog.registry)
    }
}
