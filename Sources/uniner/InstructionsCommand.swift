import ArgumentParser
import Foundation
import UniNERCore
import UniNERPrompting

struct InstructionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "instructions",
        abstract: "Write a recipe's instruction-tuning data in the released Pile-NER-type format, with its statistics."
    )

    @OptionGroup var recipe: RecipeArguments
    @OptionGroup var pipeline: PipelineArguments

    @Option(help: "Output file (a JSON list of conversations, as the released train.json).")
    var out: String

    @Option(help: "Indent the JSON like json.dump(..., indent=N); default one line, like json.dump.")
    var indent: Int?

    func run() async throws {
        try await reportingErrors {
            guard let variant = try recipe.load().first else { return }
            let runner = pipeline.pipeline(for: variant)
            let run = try await runner.execute(variant, until: .queries)
            guard let queries = run.record(of: .queries) else {
                throw UniNERError("the queries stage produced no instruction data", help: "check the recipe's annotator and supervised sections")
            }
            // The conversations the queries stage rendered, as the student reads them: not rendered again here.
            let conversations = try JSONLines.read(Conversation.self,
                                                   from: runner.folder(of: queries).appendingPathComponent(Pipeline.conversationsFile))
            try PileNERFormat.write(conversations, to: URL(fileURLWithPath: out), indent: indent)
            let examples = run.examples, annotated = run.annotated
            let statistics = InstructionStatistics(annotated: annotated, examples: examples)
            print(statistics.markdown())
            logLine("wrote \(examples.count) conversations to \(out)")
        }
    }
}
