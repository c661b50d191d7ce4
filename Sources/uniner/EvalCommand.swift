import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

struct EvalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score predictions against an official query file (or a dataset split) with the paper's metrics.",
        discussion: """
        PRED.jsonl has one line per query: {"id": ..., "prediction": "<raw model output>"}, optionally with
        "mentions": [{"text", "start", "end"}] (Unicode-scalar offsets) for the span metric. Repeat --data and
        --predictions in pairs to score several datasets; the table then gives per-domain and overall averages.
        """
    )

    @Option(help: "Official-format query file, or a dataset name (with --split). Repeatable.")
    var data: [String]

    @Option(help: "Predictions JSON lines, one file per --data, in the same order.")
    var predictions: [String]

    @Option(help: "Metric: strict, partial or span. Repeatable; default strict.")
    var metric: [String] = []

    @Option(help: "Split, when --data names a dataset.")
    var split = "test"

    @Option(help: "Benchmark folder, when --data names a dataset.")
    var benchmark: String?

    @Option(help: "A recipe whose 'datasets:' section declares more datasets by name (for --data NAME).")
    var recipe: String?

    @Flag(help: "Print JSON: {\"precision\", \"recall\", \"f1\", \"queries\"} (per dataset and metric when several).")
    var json = false

    @Flag(help: "Also print precision, recall, F1 and support per label (one table per dataset; with --json, a \"per_label\" key).")
    var perLabel = false

    func validate() throws {
        guard data.count == predictions.count else {
            throw ValidationError("give one --predictions file per --data (got \(data.count) and \(predictions.count))")
        }
    }

    func run() async throws {
        try await reportingErrors {
            let metricNames = metric.isEmpty ? ["strict"] : metric
            let metrics = try metricNames.map { name -> any Metric in
                guard Catalog.registry.descriptor(.metric, kind: name) != nil else {
                    throw UniNERError("unknown metric '\(name)'",
                                      help: NearestNames.help(for: name, among: Catalog.registry.kinds(of: .metric), noun: "metrics"))
                }
                return try Catalog.registry.make(.metric, kind: name, as: (any Metric).self)
            }
            let root = benchmark.map { URL(fileURLWithPath: $0) } ?? RunContext.defaultDataRoot()
            let provider = try OwnDatasets.provider(recipe: recipe, root: root)
            let domains = Dictionary(Catalog.benchmark.map { ($0.name, $0.domain) }, uniquingKeysWith: { a, _ in a })
            var result = RunResult(recipe: "eval", variant: "", folder: "", stages: [], scores: [:], domains: [:],
                                   datasets: [], metrics: metricNames)
            for (source, predictionFile) in zip(data, predictions) {
                var (name, queries) = try loadQueries(source, provider: provider)
                if result.datasets.contains(name) {
                    name += " #\(result.datasets.filter { $0 == name || $0.hasPrefix(name + " #") }.count + 1)"
                }
                let predicted = try JSONLines.read(Prediction.self, from: URL(fileURLWithPath: predictionFile))
                let byID = try PredictionIndex.byID(predicted, source: predictionFile)
                let unknown = predicted.count - queries.filter { byID[$0.id] != nil }.count
                if unknown > 0 { logLine("warning: \(unknown) predictions in \(predictionFile) match no query id") }
                let missing = queries.filter { byID[$0.id] == nil }.count
                if missing > 0 { logLine("warning: \(missing) of \(queries.count) queries have no prediction (scored as [])") }
                let pairs = queries.map { ScoredQuery(query: $0, prediction: byID[$0.id]) }
                result.datasets.append(name)
                let dataset = queries.first?.dataset ?? name
                result.domains[name] = provider?.domain(of: dataset) ?? domains[dataset] ?? "other"
                let breakdowns = metrics.map { ($0.name, $0.breakdown(pairs)) }
                result.scores[name] = Dictionary(uniqueKeysWithValues: breakdowns.map { ($0.0, $0.1.score) })
                if perLabel {
                    result.perLabel = result.perLabel ?? [:]
                    result.perLabel?[name] = Dictionary(uniqueKeysWithValues: breakdowns.map { ($0.0, $0.1.perLabel) })
                    var seen = Set<String>()
                    result.labels[name] = queries.map(\.label).filter { seen.insert($0).inserted }
                }
            }
            if json {
                try printJSON(result)
            } else {
                for line in ComparisonTable(rows: [("predictions", result)]).markdown() { print(line) }
                for name in result.datasets {
                    for metricName in metricNames {
                        guard let score = result.scores[name]?[metricName] else { continue }
                        print("\(name) \(metricName): P \(pct(score.precision)) R \(pct(score.recall)) F1 \(pct(score.f1)) "
                              + "(\(score.queries) queries, \(RunReport.countText(score.correct)) correct of \(score.predicted) predicted, \(score.gold) gold)")
                    }
                }
                if perLabel {
                    print("")
                    for line in PerLabelTable(result: result).markdown() { print(line) }
                }
            }
        }
    }

    func loadQueries(_ source: String, provider: (any DatasetProvider)?) throws -> (String, [EvaluationQuery]) {
        if FileManager.default.fileExists(atPath: source) {
            let queries = try EvaluationQueryBuilder.readQueries(from: URL(fileURLWithPath: source))
            // Scoring nothing would print 0.0 and exit 0, which reads as a result.
            guard !queries.isEmpty else {
                throw DataError(file: source, "the query file holds no query", help: "write it with 'uniner queries --dataset NAME --out FILE'")
            }
            let name = queries.first?.dataset ?? URL(fileURLWithPath: source).deletingPathExtension().lastPathComponent
            return (name, queries)
        }
        guard let provider else {
            throw UniNERError("'\(source)' is neither a file nor a dataset (no benchmark folder found)",
                              help: "pass a query file, or --benchmark DIR / UNINER_DATA with a dataset name, or --recipe R for its own datasets")
        }
        guard provider.availableDatasets().contains(source) else {
            throw UniNERError("'\(source)' is neither a file nor a present dataset",
                              help: NearestNames.help(for: source, among: provider.availableDatasets(), noun: "datasets"))
        }
        return (source, EvaluationQueryBuilder.queries(for: try provider.load(dataset: source, split: split)))
    }

    func printJSON(_ result: RunResult) throws {
        struct Entry: Encodable { var precision, recall, f1: Double; var queries: Int }
        let encoder = JSONEncoder.pretty
        let entry = { (score: MetricScore) in Entry(precision: score.precision, recall: score.recall, f1: score.f1, queries: score.queries) }
        if let perLabel = result.perLabel {
            struct Full: Encodable { var scores: [String: [String: Entry]]; var perLabel: [String: [String: [String: MetricScore]]]
                enum CodingKeys: String, CodingKey { case scores, perLabel = "per_label" } }
            print(String(decoding: try encoder.encode(Full(scores: result.scores.mapValues { $0.mapValues(entry) }, perLabel: perLabel)),
                         as: UTF8.self))
        } else if result.datasets.count == 1, result.metrics.count == 1,
           let score = result.scores[result.datasets[0]]?[result.metrics[0]] {
            print(String(decoding: try encoder.encode(entry(score)), as: UTF8.self))
        } else {
            let nested = result.scores.mapValues { $0.mapValues(entry) }
            print(String(decoding: try encoder.encode(nested), as: UTF8.self))
        }
    }

    func pct(_ value: Double) -> String { String(format: "%.2f", value * 100) }
}
