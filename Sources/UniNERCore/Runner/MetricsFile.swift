/// What a run folder's `metrics.json` holds: dataset → metric → score, as it always has, plus `per_label`
/// (dataset → metric → label → score). A key beside the datasets, not inside them, so that readers of the
/// older layout find every value where it was.
struct MetricsFile: Encodable {
    static let perLabelKey = "per_label"

    var scores: [String: [String: MetricScore]]
    var perLabel: [String: [String: [String: MetricScore]]]?

    init(_ result: RunResult) {
        scores = result.scores
        perLabel = result.perLabel
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (dataset, metrics) in scores { try container.encode(metrics, forKey: Key(dataset)) }
        if let perLabel { try container.encode(perLabel, forKey: Key(Self.perLabelKey)) }
    }
}
