import Foundation

/// One unit of a sweep's work: a variant with its seed, run by `uniner run RECIPE --cell K` (one Slurm array task).
///
/// Indices follow the recipe's variant order, which depends only on the recipe, so they are stable between the
/// process that lists or submits the cells and every process that runs one.
public struct SweepCell: Codable, Equatable, Sendable {
    public var index: Int
    /// The variant's name, or `default` for a recipe without a sweep; with `seeds:`, followed by `/seed-N`.
    public var name: String
    public var variant: String
    /// The student's seed (`Recipe.studentSeed`).
    public var seed: UInt64
    /// The `seeds:` entry the cell runs (nil without the key).
    public var replicate: UInt64?
    /// The cell's run folder (`<output>/<name>/<variant folder>`, then `seed-N` with `seeds:`).
    public var folder: String

    /// The cells of a recipe's variants, in order.
    public static func cells(of recipes: [Recipe]) -> [SweepCell] {
        recipes.enumerated().map { index, recipe in
            let variant = recipe.variant.isEmpty ? "default" : recipe.variant
            return SweepCell(index: index, name: recipe.replicate.map { "\(variant)/seed-\($0)" } ?? variant,
                             variant: recipe.variant, seed: recipe.studentSeed, replicate: recipe.replicate,
                             folder: Pipeline.runFolder(for: recipe).path)
        }
    }

    /// The run folder below `<output>/<name>/`: `frequency`, or `frequency/seed-13` with `seeds:`.
    var folderName: String {
        let folder = URL(fileURLWithPath: self.folder)
        guard replicate != nil else { return folder.lastPathComponent }
        return folder.deletingLastPathComponent().lastPathComponent + "/" + folder.lastPathComponent
    }

    /// The cell that `selector` names: its index, its name, or its run folder's name.
    /// - Throws: `UniNERError` listing the valid indices or names when none matches.
    public static func select(_ selector: String, in cells: [SweepCell]) throws -> SweepCell {
        if let index = Int(selector) {
            guard cells.indices.contains(index) else {
                throw UniNERError("there is no cell \(index): the recipe has \(cells.count) cell\(cells.count == 1 ? "" : "s")",
                                  help: "give an index from 0 to \(cells.count - 1), or a name (uniner run RECIPE --list-cells)")
            }
            return cells[index]
        }
        if let cell = cells.first(where: { $0.name == selector || $0.folderName == selector }) {
            return cell
        }
        throw UniNERError("the recipe has no cell named '\(selector)'",
                          help: NearestNames.help(for: selector, among: cells.map(\.name), noun: "cell names")
                              + " (or give an index from 0 to \(cells.count - 1))")
    }
}
