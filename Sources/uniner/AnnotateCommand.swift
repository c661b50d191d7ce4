import ArgumentParser
import Foundation
import UniNERCore

struct AnnotateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotate",
        abstract: "Run a recipe up to the teacher's annotations (cached; a rerun sends no request for cached passages)."
    )

    @OptionGroup var recipe: RecipeArguments
    @OptionGroup var pipeline: PipelineArguments

    @Option(help: "Also write the annotated passages as JSON lines to this file.")
    var out: String?

    func run() async throws {
        try await reportingErrors {
            for variant in try recipe.load() {
                let runner = pipeline.pipeline(for: variant)
                let result = try await runner.run(variant, until: .annotations)
                guard let record = result.stages.first(where: { $0.stage == "annotations" }) else { continue }
                let counts = record.report.counters.sorted { $0.key < $1.key }
                    .map { "\($0.key): \(RunReport.countText($0.value))" }.joined(separator: ", ")
                print("\(variant.variant.isEmpty ? variant.name : variant.variant): \(record.cached ? "cached" : "annotated") — \(counts)")
                if let out, let passages = runner.cachedValue([AnnotatedPassage].self, of: record) {
                    try JSONLines.write(passages, to: URL(fileURLWithPath: out))
                    logLine("wrote \(passages.count) annotated passages to \(out)")
                }
            }
        }
    }
}
