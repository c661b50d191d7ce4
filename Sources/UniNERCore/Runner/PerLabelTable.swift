/// One table per dataset of precision, recall, F1 and support per label and metric, in percent (support: the
/// label's gold mentions as that metric counts them).
public struct PerLabelTable: Sendable {
    public var result: RunResult

    public init(result: RunResult) {
        self.result = result
    }

    public func markdown() -> [String] {
        guard let perLabel = result.perLabel else { return [] }
        var lines: [String] = []
        for dataset in result.datasets {
            guard let byMetric = perLabel[dataset] else { continue }
            let labels = result.labels[dataset] ?? Set(byMetric.values.flatMap(\.keys)).sorted()
            lines += ["## Per label: \(dataset)", "", "| label | metric | P | R | F1 | support |", "|---|---|---|---|---|---|"]
            for label in labels {
                for metric in result.metrics {
                    guard let score = byMetric[metric]?[label] else { continue }
                    lines.append("| \(label) | \(metric) | " + [score.precision, score.recall, score.f1]
                        .map { String(format: "%.1f", $0 * 100) }.joined(separator: " | ") + " | \(score.gold) |")
                }
            }
            lines.append("")
        }
        return lines
    }
}
