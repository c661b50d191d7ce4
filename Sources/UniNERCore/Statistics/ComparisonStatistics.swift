/// The parts of a sweep's comparison that say whether differences are real: each variant against the first
/// (the baseline) by paired bootstrap, the recipe's claims with their verdicts, and the labels whose F1 moved by
/// `labelThreshold` points or more (the paper's Fig. 6 analysis).
///
/// Results are grouped by variant name, so a variant run with several seeds contributes one result per seed.
public struct ComparisonStatistics: Sendable {
    public var results: [RunResult]
    public var claims: [Claim]
    public var bootstrap: PairedBootstrap
    /// |Δ F1| in points from which a label is listed.
    public var labelThreshold = 10.0

    public init(results: [RunResult], claims: [Claim], bootstrap: PairedBootstrap) {
        self.results = results
        self.claims = claims
        self.bootstrap = bootstrap
    }

    /// Variant names in order of first result.
    var variants: [String] {
        var seen = Set<String>()
        return results.map(\.variant).filter { seen.insert($0).inserted }
    }

    func runs(_ variant: String) -> [RunResult] { results.filter { $0.variant == variant } }

    var datasets: [String] { results.first?.datasets ?? [] }
    var metrics: [String] { results.first?.metrics ?? [] }

    static func display(_ variant: String) -> String { variant.isEmpty ? "default" : variant }

    /// Each run's per-sentence counts of `metric`, as the bootstrap takes them.
    static func samples(_ runs: [RunResult], metric: String) -> [PairedBootstrap.Sample] {
        runs.compactMap { run in
            guard let sentences = run.sentences else { return nil }
            return sentences.compactMapValues { $0[metric] }
        }
    }

    /// One bootstrap comparison of the report: a variant against the baseline, or a claim.
    struct Row {
        enum Kind: String { case baseline, claim }
        var kind: Kind
        /// The variant (baseline rows) or the claim as written.
        var subject: String
        /// Where it is judged: the metric (variants), or the variant (a claim on metrics).
        var scope: String
        var metric: String
        var outcome: Result<BootstrapOutcome, any Error>
        /// The claim is "at least as good" (≥).
        var orEqual = false
    }

    /// Every comparison, computed once for both the markdown and the CSV.
    func comparisons() -> [Row] {
        var rows: [Row] = []
        let variants = self.variants
        if variants.count > 1, let baseline = variants.first {
            for variant in variants.dropFirst() {
                for metric in metrics {
                    rows.append(Row(kind: .baseline, subject: Self.display(variant), scope: metric, metric: metric,
                                    outcome: Result { try compare(runs(variant), runs(baseline), metric: metric, datasets: datasets) }))
                }
            }
        }
        for claim in claims { rows += self.rows(claim) }
        return rows
    }

    public func markdown() -> [String] { markdown(comparisons()) }

    func markdown(_ rows: [Row]) -> [String] {
        var lines: [String] = []
        let variants = self.variants
        let percent = Int(bootstrap.confidence * 100)
        if variants.count > 1, let baseline = variants.first {
            lines += ["## Against the baseline (\(Self.display(baseline))): paired bootstrap", "",
                      "Δ is the variant's average F1 minus the baseline's, in points (mean over seeds); the interval is the "
                      + "\(percent)% percentile interval over \(bootstrap.resamples) resamples (seed "
                      + "\(bootstrap.seed)) of the test sentences of each dataset, the same for both; with several seeds, "
                      + "each resample also draws one seed run per side. p: the share of resamples with Δ ≤ 0.", "",
                      "| variant | metric | Δ | \(percent)% interval | p (Δ ≤ 0) | seeds |",
                      "|---|---|---|---|---|---|"]
            for row in rows where row.kind == .baseline {
                lines.append("| \(row.subject) | \(row.metric) | " + Self.cells(row.outcome, verdict: false) + " |")
            }
            lines.append("")
        }
        if !claims.isEmpty {
            lines += ["## Claims", "",
                      "Each claim \"A > B\" is judged on the interval of Δ = A − B (average F1, points): holds when it is "
                      + "above 0, reversed when below, not significant when it holds 0; a claim \"A ≥ B\" also holds when "
                      + "the interval starts at 0 (A is never worse on any resample).", "",
                      "| claim | in | Δ | \(percent)% interval | p (Δ ≤ 0) | seeds | verdict |",
                      "|---|---|---|---|---|---|---|"]
            for row in rows where row.kind == .claim {
                lines.append("| \(row.subject) | \(row.scope) | " + Self.cells(row.outcome, verdict: true, orEqual: row.orEqual) + " |")
            }
            lines.append("")
        }
        if variants.count > 1 { lines += labelDeltas() }
        return lines
    }

    /// `comparison-stats.csv`: one line per comparison of `markdown()` (against the baseline, then the claims), with
    /// Δ and its interval in F1 points, p, the seed runs per side and, for claims, the verdict.
    public func csv() -> String { csv(comparisons()) }

    func csv(_ rows: [Row]) -> String {
        let header = ["kind", "subject", "in", "metric", "delta", "lower", "upper", "p_delta_at_most_0",
                      "variant_seeds", "baseline_seeds", "verdict", "note"]
        var lines = [header.joined(separator: ",")]
        for row in rows {
            var fields = [row.kind.rawValue, row.subject, row.scope, row.metric]
            switch row.outcome {
            case .success(let o):
                fields += [o.delta, o.lower, o.upper].map { String(format: "%.2f", $0 * 100) }
                    + [String(format: "%.4f", o.atMostZero), "\(o.variantSeeds)", "\(o.baselineSeeds)",
                       row.kind == .claim ? o.verdict(orEqual: row.orEqual).rawValue : "", ""]
            case .failure(let error):
                fields += ["", "", "", "", "", "", "", (error as? UniNERError)?.message ?? "\(error)"]
            }
            lines.append(fields.map(RunReport.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func compare(_ variant: [RunResult], _ baseline: [RunResult], metric: String, datasets: [String]) throws -> BootstrapOutcome {
        try bootstrap.compare(baseline: Self.samples(baseline, metric: metric), variant: Self.samples(variant, metric: metric),
                              datasets: datasets)
    }

    /// The claim's rows: one for a claim on variants (first metric), one per variant for a claim on metrics.
    func rows(_ claim: Claim) -> [Row] {
        let over = claim.datasets ?? datasets
        switch claim.subject {
        case .variants:
            guard let metric = metrics.first else { return [] }
            return [Row(kind: .claim, subject: claim.text, scope: metric, metric: metric,
                        outcome: Result { try compare(runs(claim.better), runs(claim.than), metric: metric, datasets: over) },
                        orEqual: claim.orEqual)]
        case .metrics:
            return variants.map { variant in
                let sample = runs(variant)
                return Row(kind: .claim, subject: claim.text, scope: Self.display(variant), metric: "\(claim.better) − \(claim.than)",
                           outcome: Result {
                               try bootstrap.compare(baseline: Self.samples(sample, metric: claim.than),
                                                     variant: Self.samples(sample, metric: claim.better), datasets: over)
                           }, orEqual: claim.orEqual)
            }
        }
    }

    static func cells(_ outcome: Result<BootstrapOutcome, any Error>, verdict: Bool, orEqual: Bool = false) -> String {
        switch outcome {
        case .success(let o):
            let seeds = o.baselineSeeds == o.variantSeeds ? "\(o.variantSeeds)" : "\(o.variantSeeds) vs \(o.baselineSeeds)"
            return [points(o.delta), "[\(points(o.lower)), \(points(o.upper))]", String(format: "%.3f", o.atMostZero), seeds]
                .joined(separator: " | ") + (verdict ? " | **\(o.verdict(orEqual: orEqual).rawValue)**" : "")
        case .failure(let error):
            let reason = (error as? UniNERError)?.message ?? "\(error)"
            return "— | — | — | — | " + (verdict ? "— | no verdict: \(reason)" : reason)
        }
    }

    static func points(_ value: Double) -> String { String(format: "%+.1f", value * 100) }

    /// Per variant and metric, the labels whose F1 (mean over seeds) moved by `labelThreshold` points or more.
    func labelDeltas() -> [String] {
        guard let baseline = variants.first else { return [] }
        var lines = ["## Per-label Δ against the baseline (\(Self.display(baseline)))", "",
                     "Labels whose F1 moved by \(Int(labelThreshold)) points or more (mean over seeds; support: gold "
                     + "mentions of the label in the baseline's test queries).", "",
                     "| variant | metric | dataset | label | baseline F1 | variant F1 | Δ | support |",
                     "|---|---|---|---|---|---|---|---|"]
        var listed = 0
        for variant in variants.dropFirst() {
            for metric in metrics {
                for dataset in datasets {
                    let base = Self.meanPerLabel(runs(baseline), dataset: dataset, metric: metric)
                    let other = Self.meanPerLabel(runs(variant), dataset: dataset, metric: metric)
                    let labels = results.first?.labels[dataset] ?? base.keys.sorted()
                    for label in labels {
                        guard let b = base[label], let v = other[label], abs(v.f1 - b.f1) * 100 >= labelThreshold else { continue }
                        listed += 1
                        lines.append("| \(Self.display(variant)) | \(metric) | \(dataset) | \(label) | "
                                     + String(format: "%.1f | %.1f | %+.1f", b.f1 * 100, v.f1 * 100, (v.f1 - b.f1) * 100)
                                     + " | \(b.support) |")
                    }
                }
            }
        }
        if listed == 0 {
            lines = Array(lines.prefix(3)) + [results.contains { $0.perLabel == nil }
                ? "Some results have no per-label scores (written before they existed): rerun their cells."
                : "No label moved by \(Int(labelThreshold)) points or more."]
        }
        return lines + [""]
    }

    /// label → (mean F1 over the runs, support of the first run).
    static func meanPerLabel(_ runs: [RunResult], dataset: String, metric: String) -> [String: (f1: Double, support: Int)] {
        let tables = runs.compactMap { $0.perLabel?[dataset]?[metric] }
        guard let first = tables.first else { return [:] }
        var mean: [String: (f1: Double, support: Int)] = [:]
        for (label, score) in first {
            let values = tables.compactMap { $0[label]?.f1 }
            mean[label] = (values.reduce(0, +) / Double(values.count), score.gold)
        }
        return mean
    }
}
