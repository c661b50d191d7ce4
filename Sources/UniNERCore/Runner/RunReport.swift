import Foundation

/// The paper-style report of one run: per-dataset F1 per metric, per-domain and overall averages, then what
/// each stage did (cache hits, counts, timings).
public struct RunReport: Sendable {
    public var result: RunResult

    public init(result: RunResult) {
        self.result = result
    }

    public func markdown() -> String {
        var lines = ["# \(result.recipe)" + (result.runName.isEmpty ? "" : " — \(result.runName)"), ""]
        if let summary = result.summary { lines += [summary.trimmingCharacters(in: .whitespacesAndNewlines), ""] }
        if let line = result.protocolLine { lines += [line, ""] }
        let name = result.variant.isEmpty ? result.recipe : result.variant
        lines += ComparisonTable(rows: [(name, result)]).markdown() + TrainingBudget.markdown([(name, [result])])
        lines += PerLabelTable(result: result).markdown()
        lines += ["", "## Stages", "", "| stage | reads | cached | time | counts |", "|---|---|---|---|---|"]
        // In the order of the stage list, each with the recipe sections its key hashes.
        for declaration in StageDeclaration.all {
            let reads = declaration.sections.map(\.rawValue).joined(separator: ", ")
            for stage in result.stages where stage.stage == declaration.stage {
                let counts = stage.report.counters.sorted { $0.key < $1.key }
                    .map { "\($0.key): \(Self.number($0.value))" }.joined(separator: ", ")
                lines.append("| \(stage.label) | \(reads) | \(stage.cached ? "yes" : "no") | "
                             + "\(stage.cached ? "—" : ProgressReporter.duration(stage.seconds)) | \(counts) |")
            }
        }
        let recomputed = result.stages.filter { !$0.cached }.count
        lines += ["", recomputed == 0 ? "Every stage came from the cache: nothing was recomputed."
                  : "\(recomputed) of \(result.stages.count) stages computed in this run; the others came from the cache."]
        let tables = result.stages.flatMap { $0.report.tables ?? [] }
        for table in tables { lines += [""] + table.markdown() }
        let notes = result.stages.flatMap { stage in stage.report.notes.map { "- \(stage.label): \($0)" } }
        if !notes.isEmpty { lines += ["", "## Notes", ""] + notes }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One row per (dataset, metric): precision, recall, F1 and counts, in percent.
    public func csv() -> String {
        var lines = ["variant,dataset,domain,metric,precision,recall,f1,queries,predicted,gold,correct"]
        for dataset in result.datasets {
            for metric in result.metrics {
                guard let score = result.scores[dataset]?[metric] else { continue }
                lines.append([Self.csvField(result.variant), dataset, result.domains[dataset] ?? "", metric,
                              Self.percent(score.precision), Self.percent(score.recall), Self.percent(score.f1),
                              String(score.queries), String(score.predicted), String(score.gold), Self.number(score.correct)]
                    .joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f", value * 100) }

    public static func countText(_ value: Double) -> String { number(value) }

    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.2f", value)
    }

    static func csvField(_ text: String) -> String {
        text.contains(",") || text.contains("\"") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}

/// The paper's table layout: rows = systems or variants, columns = datasets, then per-domain and overall
/// averages of F1 (%); with several metrics, one table per metric and a side-by-side average (Tab. 5). A
/// variant run with several seeds (`seeds:`) shows mean ± sample standard deviation over its seeds.
public struct ComparisonTable: Sendable {
    /// Per row, its results: one, or one per seed (`SeedGroups.byVariant`).
    public var groups: [(name: String, results: [RunResult])]

    public init(rows: [(name: String, result: RunResult)]) {
        groups = rows.map { ($0.name, [$0.result]) }
    }

    public init(groups: [(name: String, results: [RunResult])]) {
        self.groups = groups.filter { !$0.results.isEmpty }
    }

    /// One row per variant of `results`, its seeds together; a variant without a name is called `defaultName`.
    public init(results: [RunResult], defaultName: String = "") {
        self.init(groups: SeedGroups.byVariant(results).map { ($0.variant.isEmpty ? defaultName : $0.variant, $0.seeds) })
    }

    /// Each row's first result (its only one without `seeds:`).
    public var rows: [(name: String, result: RunResult)] { groups.map { ($0.name, $0.results[0]) } }

    var datasets: [String] { rows.first?.result.datasets ?? [] }
    var metrics: [String] { rows.first?.result.metrics ?? [] }
    var domains: [String] { rows.first?.result.domainOrder ?? [] }
    var seeded: Bool { groups.contains { $0.results.count > 1 } }

    public func markdown() -> [String] {
        var lines: [String] = []
        for metric in metrics {
            lines += ["## \(metric.capitalized) F1 (%)" + (seeded ? ", mean ± std over seeds" : ""), ""]
            let domainColumns = domains.count > 1 ? domains.map { "avg \($0)" } : []
            let header = ["variant"] + (seeded ? ["seeds"] : []) + datasets.map(columnTitle) + domainColumns + ["average"]
            lines.append("| " + header.joined(separator: " | ") + " |")
            lines.append("|" + header.map { _ in "---" }.joined(separator: "|") + "|")
            for (name, results) in groups {
                var cells = [name.isEmpty ? "default" : name] + (seeded ? [String(results.count)] : [])
                cells += datasets.map { dataset in cell(results) { $0.scores[dataset]?[metric]?.f1 } }
                if domains.count > 1 { cells += domains.map { domain in cell(results) { $0.averageF1(metric: metric, domain: domain) } } }
                cells.append(cell(results) { $0.averageF1(metric: metric) })
                lines.append("| " + cells.joined(separator: " | ") + " |")
            }
            // per-dataset deltas of each later variant against the first (Fig. 6: with vs without the field)
            if let first = groups.first {
                lines += groups.dropFirst().map { deltaRow($0, against: first, metric: metric) }
            }
            lines.append("")
        }
        lines += overlapLines()
        if metrics.count > 1 {
            lines += ["## Metrics side by side (average F1, %)", ""]
            lines.append("| variant | " + metrics.joined(separator: " | ") + " |")
            lines.append("|---|" + metrics.map { _ in "---" }.joined(separator: "|") + "|")
            for (name, results) in groups {
                lines.append("| \(name.isEmpty ? "default" : name) | " +
                             metrics.map { metric in cell(results) { $0.averageF1(metric: metric) } }.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines
    }

    /// A dataset's column: its name, then whether its score is in domain or zero-shot when the results say.
    func columnTitle(_ dataset: String) -> String {
        guard let inDomain = rows.first?.result.inDomain else { return dataset }
        return dataset + (inDomain.contains(dataset) ? " (in domain)" : " (zero-shot)")
    }

    /// The section on label names shared between evaluated datasets (none when no label is shared).
    func overlapLines() -> [String] {
        let overlaps = labelOverlaps()
        guard !overlaps.isEmpty else { return [] }
        var lines = ["## Labels shared between evaluated datasets", "",
                     "One label name may mean different things in different datasets: when such datasets are trained "
                     + "on together, the supervision conflicts, which the dataset field (Fig. 6) is meant to resolve.", "",
                     "| dataset | shared labels | shared with |", "|---|---|---|"]
        for (dataset, shared, with) in overlaps {
            lines.append("| \(dataset) | \(shared.joined(separator: ", ")) | \(with.joined(separator: ", ")) |")
        }
        return lines + [""]
    }

    /// One CSV row per variant and metric: F1 per dataset, per domain, average; with seeds, a `seed` column and
    /// one row per seed, then the `mean` and `std` rows.
    public func csv() -> String {
        let domainColumns = domains.count > 1 ? domains.map { "avg \($0)" } : []
        let header = ["variant"] + (seeded ? ["seed"] : []) + ["metric"] + datasets + domainColumns + ["average"]
        var lines = [header.map(RunReport.csvField).joined(separator: ",")]
        for metric in metrics {
            for (name, results) in groups {
                var values: [(seed: String, cells: [Double?])] = results.map { result in
                    (result.seed.map(String.init) ?? "", columns(result, metric: metric))
                }
                if seeded {
                    let stats = values[0].cells.indices.map { column in SeedGroups.meanAndStd(values.map { $0.cells[column] }) }
                    values += [("mean", stats.map { $0?.mean }), ("std", stats.map { $0?.std })]
                }
                for (seed, cells) in values {
                    let fields = [RunReport.csvField(name)] + (seeded ? [seed] : []) + [metric]
                    lines.append((fields + cells.map { $0.map(RunReport.percent) ?? "" }).joined(separator: ","))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// F1 per dataset, per domain (with more than one) and on average.
    func columns(_ result: RunResult, metric: String) -> [Double?] {
        datasets.map { result.scores[$0]?[metric]?.f1 }
            + (domains.count > 1 ? domains.map { result.averageF1(metric: metric, domain: $0) } : [])
            + [result.averageF1(metric: metric)]
    }

    func cell(_ value: Double?) -> String { value.map { String(format: "%.1f", $0 * 100) } ?? "—" }

    /// One value of each result: as is for one result, `mean ± std` (sample) for several.
    func cell(_ results: [RunResult], _ value: (RunResult) -> Double?) -> String {
        guard results.count > 1 else { return cell(results.first.flatMap(value)) }
        guard let stats = SeedGroups.meanAndStd(results.map(value)) else { return "—" }
        return String(format: "%.1f ± %.1f", stats.mean * 100, stats.std * 100)
    }

    /// `| Δ name − base | … |`: the signed F1 differences per dataset, per domain and on average (of the
    /// means over seeds).
    func deltaRow(_ row: (name: String, results: [RunResult]), against base: (name: String, results: [RunResult]),
                  metric: String) -> String {
        func delta(_ value: (RunResult) -> Double?) -> String {
            guard let v = SeedGroups.meanAndStd(row.results.map(value))?.mean,
                  let b = SeedGroups.meanAndStd(base.results.map(value))?.mean else { return "—" }
            return String(format: "%+.1f", (v - b) * 100)
        }
        var cells = ["Δ \(row.name.isEmpty ? "default" : row.name) − \(base.name.isEmpty ? "default" : base.name)"]
        if seeded { cells.append("") }
        cells += datasets.map { dataset in delta { $0.scores[dataset]?[metric]?.f1 } }
        if domains.count > 1 { cells += domains.map { domain in delta { $0.averageF1(metric: metric, domain: domain) } } }
        cells.append(delta { $0.averageF1(metric: metric) })
        return "| " + cells.joined(separator: " | ") + " |"
    }

    /// Evaluated datasets whose label names (compared case-insensitively) also occur in another evaluated
    /// dataset: (dataset, its shared labels, the datasets it shares them with), in dataset order.
    public func labelOverlaps() -> [(dataset: String, shared: [String], with: [String])] {
        let labels = rows.first?.result.labels ?? [:]
        let folded = labels.mapValues { Set($0.map { $0.lowercased() }) }
        return datasets.compactMap { dataset in
            guard let own = labels[dataset], let ownFolded = folded[dataset] else { return nil }
            let others = datasets.compactMap { other in other == dataset ? nil : folded[other].map { (other, $0) } }
            let with = others.filter { !$0.1.isDisjoint(with: ownFolded) }
            let shared = own.filter { label in with.contains { $0.1.contains(label.lowercased()) } }
            return shared.isEmpty ? nil : (dataset, shared, with.map(\.0))
        }
    }
}
