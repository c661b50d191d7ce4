import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the benchmark datasets of the paper (Tab. 6) and which are present under UNINER_DATA.",
        discussion: """
        With --recipe, the recipe's own datasets (its 'datasets:' section) come first. --stats also counts the \
        spans that do not fall on word boundaries (the student can only predict whole words).
        """
    )

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Load every present dataset and count sentences, entities and types per split.")
    var stats = false

    @Option(help: "Benchmark folder (default: $UNINER_DATA, else ../shared/benchmark).")
    var data: String?

    @Option(help: "Also list this recipe's own datasets ('datasets:').")
    var recipe: String?

    struct SplitStats: Encodable {
        var split: String
        var sentences: Int
        var entities: Int
        var types: Int
        /// Entities whose offsets do not start and end on word boundaries.
        var offBoundary: Int

        enum CodingKeys: String, CodingKey { case split, sentences, entities, types, offBoundary = "off_boundary_spans" }

        init(_ loaded: LabeledSplit) {
            split = loaded.split
            sentences = loaded.sentences.count
            entities = loaded.entityCount
            types = Set(loaded.sentences.flatMap { $0.entities.map(\.type) }).count
            offBoundary = loaded.sentences.reduce(0) { $0 + $1.entities.filter { $0.tokenStart == nil }.count }
        }

        var text: String {
            "\(split) \(sentences)/\(entities)/\(types)" + (offBoundary > 0 ? " (\(offBoundary) off word boundaries)" : "")
        }
    }

    struct Row: Encodable {
        var name: String
        var domain: String
        var format: String
        var present: Bool
        var source: String
        var labels: [String]
        var splits: [SplitStats]?
    }

    func run() async throws {
        try await reportingErrors {
            let root = data.map { URL(fileURLWithPath: $0) } ?? RunContext.defaultDataRoot()
            let provider = Catalog.datasets(root: root)
            let present = Set(provider?.availableDatasets() ?? [])
            var rows: [Row] = []
            if let recipe, let own = try OwnDatasets.provider(recipe: recipe, root: root) as? RecipeDatasets {
                for dataset in own.own {
                    var row = Row(name: dataset.name, domain: dataset.domain ?? "other", format: dataset.format.kind,
                                  present: true, source: "\(recipe): " + dataset.splits.map { "\($0.name) \($0.written)" }.joined(separator: ", "),
                                  labels: dataset.labelOrder)
                    if stats {
                        row.splits = try dataset.splits.map { SplitStats(try own.load(dataset: dataset.name, split: $0.name)) }
                        row.labels = try dataset.splits.first.map { try own.load(dataset: dataset.name, split: $0.name).labels } ?? row.labels
                    }
                    rows.append(row)
                }
            }
            for entry in Catalog.benchmark {
                var row = Row(name: entry.name, domain: entry.domain, format: entry.format,
                              present: present.contains(entry.name), source: entry.source, labels: entry.labels)
                if stats, row.present, let provider {
                    row.splits = try provider.splits(of: entry.name).map { split in
                        SplitStats(try provider.load(dataset: entry.name, split: split))
                    }
                }
                rows.append(row)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                print(String(decoding: try encoder.encode(rows), as: UTF8.self))
                return
            }
            print("Benchmark data: \(root?.path ?? "not found (set UNINER_DATA)")")
            let ownCount = rows.count - Catalog.benchmark.count
            print("\(present.count) of \(Catalog.benchmark.count) benchmark datasets present"
                  + (ownCount > 0 ? ", and \(ownCount) of the recipe's own" : "") + "\n")
            var table = [["dataset", "domain", "format", "present"] + (stats ? ["split stats (sentences/entities/types)"] : [])]
            for row in rows {
                var cells = [row.name, row.domain, row.format, row.present ? "yes" : "no"]
                if stats {
                    cells.append(row.splits.map { $0.map(\.text).joined(separator: "  ") } ?? "")
                }
                table.append(cells)
            }
            print(TextTable.render(table))
        }
    }
}
