import ArgumentParser
import Foundation
import UniNERCore

/// `uniner report RECIPE`: a sweep's comparison from the run folders of its complete cells.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Assemble a sweep's comparison (table, CSV, SVG) from its complete cells and list the missing ones.",
        discussion: "Reads <output>/<name>/<variant>/result.json of every cell (`uniner run RECIPE --list-cells`); "
            + "runs nothing. Exits 0 with a note when cells are missing, so a report job after a partly failed array "
            + "still writes what finished."
    )

    @OptionGroup var recipe: RecipeArguments
    // Accepted so that a report line can repeat a cell's line; the report reads run folders, not the cache.
    @OptionGroup var pipeline: PipelineArguments

    func run() async throws {
        try await reportingErrors {
            let variants = try recipe.load()
            guard let first = variants.first else { return }
            let report = SweepReport(recipes: variants)
            let command = (["uniner", "run", recipe.recipe] + recipe.allOverrides.flatMap { ["--set", $0] })
                .map { $0.contains(where: " []*?".contains) ? ShellWords.quote($0) : $0 }.joined(separator: " ") + " --cell"
            try report.write(title: first.name, command: command)
            print(ComparisonTable(results: report.results, defaultName: first.name)
                .markdown().joined(separator: "\n"))
            if let note = report.missingNote {
                print("\(note):")
                for missing in report.missing {
                    print("  cell \(missing.cell.index) \(missing.cell.name): \(missing.reason)")
                }
            } else {
                print("all \(report.cellCount) cells complete")
            }
            print("comparison: \(report.folder.path)/comparison.md")
        }
    }
}
