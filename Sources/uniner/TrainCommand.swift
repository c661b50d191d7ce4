import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Run a recipe until its student is trained (passages, annotations, queries, model) and print the model folder.",
        discussion: "A killed run resumes from the student's last checkpoint when started again with the same recipe."
    )

    @OptionGroup var recipe: RecipeArguments
    @OptionGroup var pipeline: PipelineArguments

    func run() async throws {
        try await reportingErrors {
            let variants = try recipe.load()
            let validator = RecipeValidator(registry: Catalog.registry, datasets: pipeline.benchmark)
            for variant in variants {
                try validator.validate(variant)
                guard variant.student != nil else {
                    throw ValidationError("recipe '\(variant.name)' has no 'student' section to train")
                }
            }
            guard let first = variants.first else { return }
            let started = Date()
            let results = try await SweepRunner(pipeline: pipeline.pipeline(for: first)).run(variants, jobs: 1, until: .model)
            for result in results {
                print("\(result.variant.isEmpty ? first.name : result.variant): model in \(result.folder)/model")
            }
            logLine("total \(ProgressReporter.duration(Date().timeIntervalSince(started)))")
        }
    }
}
