import Foundation

/// One unit of a sweep's work: a variant with its seed, run by `uniner run RECIPE --cell K` (one Slurm array task).
///
/// Indices follow the recipe's variant order, which depends only on the recipe, so they are stable between the
/// process that lists or submits the cells and every process that runs one.
public struct SweepCell: Codable, Equatable, Sendable {
    public var index: Int
    /// The variant's name, or `default` for a recipe without a sweep.
    public var name: String
    public var variant: String
    public var seed: UInt64
    /// The cell's run folder (`<output>/<name>/<variant folder>`).
    public var folder: String

    /// The cells of a recipe's variants, in order.
    public static func cells(of recipes: [Recipe]) -> [SweepCell] {
        recipes.enumerated().map { index, recipe in
            SweepCell(index: index, name: recipe.variant.isEmpty ? "default" : recipe.variant, variant: recipe.variant,
                      seed: recipe.seed, folder: Pipeline.runFolder(for: recipe).path)
        }
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
        if let cell = cells.first(where: { $0.name == selector || URL(fileURLWithPath: $0.folder).lastPathComponent == selector }) {
            return cell
        }
        throw UniNERError("the recipe has no cell named '\(selector)'",
                          help: NearestNames.help(for: selector, among: cells.map(\.name), noun: "cell names")
                              + " (or give an index from 0 to \(cells.count - 1))")
    }
}
