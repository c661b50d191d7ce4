import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a recipe end to end (every sweep variant), with caching and resumption, and print its table."
    )

    @OptionGroup var recipe: RecipeArguments
    @OptionGroup var pipeline: PipelineArguments

    @Option(help: "Run this many sweep variants at a time.")
    var jobs = 1

    @Option(help: "Stop after this stage: passages, annotations, queries, model, predictions, metrics.")
    var until: PipelineStage = .metrics

    func run() async throws {
        try await reportingErrors {
            let variants = try recipe.load()
            let validator = RecipeValidator(registry: Catalog.registry, datasets: pipeline.benchmark)
            for variant in variants { try validator.validate(variant) }
            guard let first = variants.first else { return }
            let started = Date()
            let results = try await SweepRunner(pipeline: pipeline.pipeline(for: first)).run(variants, jobs: jobs, until: until)
            if until >= .metrics {
                print(ComparisonTable(rows: results.map { ($0.variant.isEmpty ? first.name : $0.variant, $0) })
                    .markdown().joined(separator: "\n"))
            }
            for result in results {
                let recomputed = result.stages.filter { !$0.cached }.count
                let report = until >= .metrics ? "/report.md" : ""
                print("\(result.variant.isEmpty ? first.name : result.variant): \(result.folder)\(report) "
                      + "(\(recomputed) of \(result.stages.count) stages computed, \(result.stages.count - recomputed) from cache)")
            }
            if variants.count > 1, until >= .metrics {
                print("comparison: \(URL(fileURLWithPath: first.output).appendingPathComponent(first.name).path)/comparison.md")
            }
            logLine("total \(ProgressReporter.duration(Date().timeIntervalSince(started)))")
        }
    }
}

extension PipelineStage: ExpressibleByArgument {}
