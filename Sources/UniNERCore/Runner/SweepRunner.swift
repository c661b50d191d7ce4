import Foundation

/// Runs every variant of a recipe (in sequence, or `jobs` at a time) through one pipeline, so that stages with
/// equal keys are computed once, and writes the comparison table, CSV and SVG chart in `<output>/<name>/`.
public struct SweepRunner: Sendable {
    public var pipeline: Pipeline

    public init(pipeline: Pipeline) {
        self.pipeline = pipeline
    }

    public func run(_ recipes: [Recipe], jobs: Int = 1, until last: PipelineStage = .metrics) async throws -> [RunResult] {
        var results = [RunResult?](repeating: nil, count: recipes.count)
        if jobs <= 1 {
            for (index, recipe) in recipes.enumerated() {
                if recipes.count > 1 { pipeline.log("== variant \(index + 1)/\(recipes.count): \(recipe.variant)") }
                results[index] = try await pipeline.run(recipe, until: last)
            }
        } else {
            try await withThrowingTaskGroup(of: (Int, RunResult).self) { group in
                var next = 0
                func launch() {
                    let index = next
                    next += 1
                    group.addTask { (index, try await pipeline.run(recipes[index], until: last)) }
                }
                while next < min(jobs, recipes.count) { launch() }
                while let (index, result) = try await group.next() {
                    results[index] = result
                    if next < recipes.count { launch() }
                }
            }
        }
        let finished = results.compactMap { $0 }
        // One variant writes a comparison too when the recipe has claims (Tab. 5's partial > strict).
        if recipes.count > 1 || recipes.first?.claims.isEmpty == false, let first = recipes.first, last >= .metrics {
            try Self.writeComparison(finished, folder: URL(fileURLWithPath: first.output).appendingPathComponent(first.name),
                                title: first.name, claims: first.claims, bootstrap: first.bootstrap)
        }
        return finished
    }

    /// The protocol line, once when every variant shares it, else one per variant.
    static func protocolLines(_ groups: [(name: String, results: [RunResult])]) -> [String] {
        let lines = groups.map { ($0.name.isEmpty ? "default" : $0.name, $0.results.first?.protocolLine) }
        guard let first = lines.first?.1 else { return [] }
        if lines.allSatisfy({ $0.1 == first }) { return [first, ""] }
        return lines.compactMap { name, line in line.map { "- \(name): \($0)" } } + [""]
    }

    /// Writes `comparison.md`, `.csv`, `.svg` and (with a baseline or claims) `comparison-stats.csv` of `results` into `folder`.
    /// - Parameters:
    ///   - total: the sweep's number of variants when some are missing from `results`.
    ///   - appending: lines for the end of `comparison.md` (the missing cells).
    ///   - claims, bootstrap: the recipe's claims, judged by paired bootstrap with the variants' intervals.
    static func writeComparison(_ results: [RunResult], folder: URL, title: String, of total: Int? = nil,
                                appending extra: [String] = [], claims: [Claim] = [],
                                bootstrap: PairedBootstrap = PairedBootstrap()) throws {
        let table = ComparisonTable(results: results)
        let count = total.map { $0 == results.count ? "\($0)" : "\(results.count) of \($0)" } ?? "\(results.count)"
        let seeds = Set(results.compactMap(\.seed)).count
        var lines = ["# \(title): \(count) \(seeds > 0 ? "runs (\(table.groups.count) variants × \(seeds) seeds)" : "variants")", ""]
        lines += protocolLines(table.groups) + table.markdown() + TrainingBudget.markdown(table.groups)
        let statistics = ComparisonStatistics(results: results, claims: claims, bootstrap: bootstrap)
        let comparisons = statistics.comparisons()
        lines += statistics.markdown(comparisons)
        lines += ["## Shared stages", "", "| stage | reads | key | computed in | reused by |", "|---|---|---|---|---|"]
        var byKey: [String: [(variant: String, record: StageRecord)]] = [:]
        var order: [String] = []
        for result in results {
            for record in result.stages {
                if byKey[record.key] == nil { order.append(record.key) }
                byKey[record.key, default: []].append((result.runName, record))
            }
        }
        for key in order {
            guard let uses = byKey[key], uses.count > 1 else { continue }
            let computed = uses.filter { !$0.record.cached }.map(\.variant)
            let reads = StageDeclaration.of(uses[0].record.stage).sections.map(\.rawValue).joined(separator: ", ")
            lines.append("| \(uses[0].record.label) | \(reads) | \(key.prefix(12)) | \(computed.isEmpty ? "an earlier run" : computed.joined(separator: ", ")) | \(uses.count - computed.count) of \(uses.count) \(seeds > 0 ? "runs" : "variants") |")
        }
        lines.append("")
        lines += extra
        try AtomicFile.write(lines.joined(separator: "\n"), to: folder.appendingPathComponent("comparison.md"))
        try AtomicFile.write(table.csv(), to: folder.appendingPathComponent("comparison.csv"))
        if !comparisons.isEmpty {
            try AtomicFile.write(statistics.csv(comparisons), to: folder.appendingPathComponent("comparison-stats.csv"))
        }
        if let metric = results.first?.metrics.first {
            let domains = results.first?.domainOrder ?? []
            let groups = (domains.count > 1 ? domains : []) + ["average"]
            let chart = BarChart(title: "\(title): average \(metric) F1 per variant", groups: groups, series: table.groups.map { row in
                (row.name.isEmpty ? "default" : row.name,
                 (domains.count > 1 ? domains.map { domain in SeedGroups.meanAndStd(row.results.map { $0.averageF1(metric: metric, domain: domain) })?.mean } : [])
                    + [SeedGroups.meanAndStd(row.results.map { $0.averageF1(metric: metric) })?.mean])
            })
            try AtomicFile.write(chart.svg(), to: folder.appendingPathComponent("comparison.svg"))
        }
    }
}
