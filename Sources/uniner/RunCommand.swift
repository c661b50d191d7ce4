import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a recipe end to end (every sweep variant), with caching and resumption, and print its table.",
        discussion: """
        A sweep's unit of work is a cell (one variant with its seed): --list-cells shows them, --cell runs one \
        (its run folder only; `uniner report` assembles the comparison), and --launcher slurm submits every cell \
        as a task of one Slurm job array over the shared --cache, then a report job.
        """
    )

    @OptionGroup var recipe: RecipeArguments
    @OptionGroup var pipeline: PipelineArguments

    @Option(help: "Run this many sweep variants at a time.")
    var jobs = 1

    @Option(help: "Stop after this stage: passages, annotations, queries, model, predictions, metrics.")
    var until: PipelineStage = .metrics

    @Flag(help: "Print the sweep's cells (index, name, run folder) and exit.")
    var listCells = false

    @Flag(help: "With --list-cells: print them as JSON.")
    var json = false

    @Option(help: ArgumentHelp("Run only this cell (an index from --list-cells, or a name).", valueName: "K|NAME"))
    var cell: String?

    @Option(help: "Where the cells run: local (this process) or slurm (one job array, then a report job).")
    var launcher: Launcher = .local

    @Option(help: ArgumentHelp("With --launcher slurm: options for every sbatch, e.g. --slurm=\"--partition=gpu --time=4:00:00\" (with '=').",
                               valueName: "options"))
    var slurm: String?

    @Flag(help: "With --launcher slurm: wait until the report job ends and check that the comparison was written.")
    var wait = false

    @Option(help: .hidden)
    var sweepDigest: String?

    enum Launcher: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    func validate() throws {
        if json && !listCells { throw ValidationError("--json goes with --list-cells") }
        if listCells && cell != nil { throw ValidationError("--list-cells lists every cell; leave out --cell") }
        if launcher == .slurm && (cell != nil || listCells || until != .metrics) {
            throw ValidationError("--launcher slurm runs every cell to its metrics; leave out --cell, --list-cells and --until")
        }
        if launcher != .slurm && (slurm != nil || wait) { throw ValidationError("--slurm and --wait go with --launcher slurm") }
    }

    func run() async throws {
        try await reportingErrors {
            let variants = try recipe.load()
            guard let first = variants.first else { return }
            let cells = SweepCell.cells(of: variants)
            if listCells { return try printCells(cells) }
            let validator = RecipeValidator(registry: Catalog.registry, datasets: pipeline.benchmark)
            for variant in variants { try validator.validate(variant) }
            if launcher == .slurm {
                return try await SlurmLauncher(recipe: recipe, pipeline: pipeline, options: slurm, variants: variants)
                    .submit(wait: wait)
            }
            let started = Date()
            var selected = variants
            if let cell {
                let chosen = try SweepCell.select(cell, in: cells)
                if let sweepDigest, sweepDigest != SlurmLauncher.digest(of: variants) {
                    throw UniNERError("the recipe changed since its sweep was submitted (cell \(chosen.index) would run another recipe)",
                                      help: "submit the sweep again, or restore the recipe and its --set overrides")
                }
                logLine("== cell \(chosen.index)/\(cells.count): \(chosen.name)")
                selected = [variants[chosen.index]]
            }
            let runner = SweepRunner(pipeline: pipeline.pipeline(for: first))
            // One cell writes its run folder only: the comparison is `uniner report`'s, once every cell is there.
            let results = cell == nil ? try await runner.run(selected, jobs: jobs, until: until)
                                      : [try await runner.pipeline.run(selected[0], until: until)]
            if until >= .metrics {
                let table = ComparisonTable(results: results, defaultName: first.name)
                // What the numbers mean beside them: the protocol, the training budget, the recipe's own word.
                var lines = results.first?.protocolLine.map { [$0, ""] } ?? []
                lines += table.markdown() + TrainingBudget.markdown(table.groups)
                if let summary = results.first?.summary { lines += [summary.trimmingCharacters(in: .whitespacesAndNewlines), ""] }
                print(lines.joined(separator: "\n"))
            }
            for result in results {
                let recomputed = result.stages.filter { !$0.cached }.count
                let report = until >= .metrics ? "/report.md" : ""
                print("\(result.runName.isEmpty ? first.name : result.runName): \(result.folder)\(report) "
                      + "(\(recomputed) of \(result.stages.count) stages computed, \(result.stages.count - recomputed) from cache)")
            }
            if variants.count > 1, until >= .metrics, cell == nil {
                print("comparison: \(URL(fileURLWithPath: first.output).appendingPathComponent(first.name).path)/comparison.md")
            }
            logLine("total \(ProgressReporter.duration(Date().timeIntervalSince(started)))")
        }
    }

    func printCells(_ cells: [SweepCell]) throws {
        if json {
            print(String(decoding: try JSONEncoder.pretty.encode(cells), as: UTF8.self))
        } else {
            print(TextTable.render([["cell", "name", "seed", "run folder"]]
                                         + cells.map { [String($0.index), $0.name, String($0.seed), $0.folder] }))
        }
    }
}

extension PipelineStage: ExpressibleByArgument {}
