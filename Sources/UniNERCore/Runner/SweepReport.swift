import Foundation

/// A sweep's comparison assembled from the run folders of its cells, however they were run (one process,
/// `--cell` by hand, a Slurm array): the complete cells make the table, the others are listed as missing.
public struct SweepReport: Sendable {
    /// A cell without a usable result, and why.
    public struct Missing: Sendable {
        public var cell: SweepCell
        public var reason: String
    }

    public var results: [RunResult]
    public var missing: [Missing]
    /// `<output>/<name>/`, where `comparison.md`, `.csv` and `.svg` are written.
    public var folder: URL
    public var cellCount: Int
    /// The recipe's claims and how their intervals are resampled.
    public var claims: [Claim]
    public var bootstrap: PairedBootstrap

    /// Reads every cell's `result.json`; a cell counts as complete only when its run folder's `recipe.yaml` is the
    /// variant's resolved recipe (a folder left by an edited recipe is missing, not mixed in).
    public init(recipes: [Recipe]) {
        let cells = SweepCell.cells(of: recipes)
        var results: [RunResult] = [], missing: [Missing] = []
        for (cell, recipe) in zip(cells, recipes) {
            let folder = URL(fileURLWithPath: cell.folder)
            let stored = try? String(contentsOf: folder.appendingPathComponent("recipe.yaml"), encoding: .utf8)
            let data = FileManager.default.contents(atPath: folder.appendingPathComponent(Pipeline.resultFile).path)
            if stored == nil {
                missing.append(Missing(cell: cell, reason: "not run yet"))
            } else if stored != recipe.yaml {
                missing.append(Missing(cell: cell, reason: "its run folder holds another recipe (edited since it ran)"))
            } else if let data, let result = try? JSONDecoder().decode(RunResult.self, from: data) {
                results.append(result)
            } else {
                missing.append(Missing(cell: cell, reason: data == nil ? "started, not finished (running, failed or killed)"
                                                                       : "its result.json is unreadable"))
            }
        }
        self.results = results
        self.missing = missing
        self.cellCount = cells.count
        let first = recipes.first
        claims = first?.claims ?? []
        bootstrap = first?.bootstrap ?? PairedBootstrap()
        folder = URL(fileURLWithPath: first?.output ?? "runs").appendingPathComponent(first?.name ?? "recipe")
    }

    /// "2 of 4 cells missing", or nil when none is.
    public var missingNote: String? {
        missing.isEmpty ? nil : "\(missing.count) of \(cellCount) cells missing"
    }

    /// Writes `comparison.md` (with a section on the missing cells), `comparison.csv` and `comparison.svg`.
    /// - Parameter command: how to run one cell, for the missing list (`uniner run RECIPE --cell`).
    public func write(title: String, command: String) throws {
        try Folders.create(folder)
        let lines = missing.isEmpty ? [] : ["## Missing cells", "", "\(missingNote ?? ""): the tables above show the "
                                            + "\(results.count) complete ones.", ""]
            + missing.map { "- cell \($0.cell.index) `\($0.cell.name)`: \($0.reason); run `\(command) \($0.cell.index)`" } + [""]
        try SweepRunner.writeComparison(results, folder: folder, title: title, of: cellCount, appending: lines,
                                        claims: claims, bootstrap: bootstrap)
    }
}
