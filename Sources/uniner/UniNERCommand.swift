import ArgumentParser

@main
struct UniNERCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uniner",
        abstract: "Targeted distillation of LLMs into small open-NER models (UniversalNER, ICLR 2024).",
        subcommands: [
            RunCommand.self, ReportCommand.self, AnnotateCommand.self, InstructionsCommand.self, ValidateCommand.self, PluginsCommand.self, DatasetsCommand.self, QueriesCommand.self,
            EvalCommand.self, TrainCommand.self, PredictCommand.self, ExportCommand.self, BenchCommand.self, ServeCommand.self,
        ]
    )
}
