import ArgumentParser
import Foundation
import UniNERCatalog
import UniNERCore

struct DatasetsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "List the benchmark datasets of the paper (Tab. 6) and which are present under UNINER_DATA."
    )

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Flag(help: "Load every present dataset and count sentences, entities and types per split.")
    var stats = false

    @Option(help: "Benchmark folder (default: $UNINER_DATA, else ../shared/benchmark).")
    var data: String?

    struct SplitStats: Encodable {
        var split: String
        var sentences: Int
        var entities: Int
        var types: Int
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
            for entry in Catalog.benchmark {
                var row = Row(name: entry.name, domain: entry.domain, format: entry.format,
                              present: present.contains(entry.name), source: entry.source, labels: entry.labels)
                if stats, row.present, let provider {
                    row.splits = try provider.splits(of: entry.name).map { split in
                        let loaded = try provider.load(dataset: entry.name, split: split)
                        let types = Set(loaded.sentences.flatMap { $0.entities.map(\.type) })
                        return SplitStats(split: split, sentences: loaded.sentences.count,
                                          entities: loaded.entityCount, types: types.count)
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
            print("\(present.count) of \(rows.count) datasets present\n")
            var table = [["dataset", "domain", "format", "present"] + (stats ? ["split stats (sentences/entities/types)"] : [])]
            for row in rows {
                var cells = [row.name, row.domain, row.format, row.present ? "yes" : "no"]
                if stats {
                    cells.append(row.splits.map { $0.map { "\($0.split) \($0.sentences)/\($0.entities)/\($0.types)" }
                        .joined(separator: "  ") } ?? "")
                }
                table.append(cells)
            }
            print(TextTable.render(table))
        }
    }
}
