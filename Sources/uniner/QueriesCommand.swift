import ArgumentParser
import Foundation
import UniNERCore

struct QueriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queries",
        abstract: "Write a dataset's evaluation queries (one per sentence × label) in the official UniNER format."
    )

    @Option(help: "Dataset name: a benchmark folder under UNINER_DATA, or one of --recipe's own datasets.")
    var dataset: String

    @Option(help: "A recipe whose 'datasets:' section declares more datasets by name.")
    var recipe: String?

    @Option(help: "Split: train, dev or test.")
    var split = "test"

    @Option(help: "Output file (official conversation JSON list).")
    var out: String

    @Option(help: "Only the first N sentences.")
    var maxSentences: Int?

    @Flag(help: "Prefix each text with 'Dataset: NAME' (Fig. 3, supervised setting).")
    var datasetField = false

    @Option(help: "Benchmark folder (default: $UNINER_DATA, else ../shared/benchmark).")
    var data: String?

    func run() async throws {
        try await reportingErrors {
            let root = data.map { URL(fileURLWithPath: $0) } ?? RunContext.defaultDataRoot()
            guard let provider = try OwnDatasets.provider(recipe: recipe, root: root) else {
                throw UniNERError("no benchmark folder found", help: "pass --data DIR or set UNINER_DATA, or --recipe R for its own datasets")
            }
            var loaded = try provider.load(dataset: dataset, split: split)
            if let maxSentences { loaded.sentences = Array(loaded.sentences.prefix(maxSentences)) }
            let queries = EvaluationQueryBuilder.queries(for: loaded)
            let records = EvaluationQueryBuilder.conversations(for: queries, datasetField: datasetField)
            try PileNERFormat.write(records, to: URL(fileURLWithPath: out))
            logLine("\(dataset) \(split): \(loaded.sentences.count) sentences × \(loaded.labels.count) labels = "
                    + "\(queries.count) queries, \(queries.filter { $0.answers.isEmpty }.count) with answer [] → \(out)")
        }
    }
}
