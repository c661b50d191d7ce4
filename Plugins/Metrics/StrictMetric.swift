import UniNERCore

/// The official UniNER metric (`NEREvaluator` of `src/eval/evaluate.py`): strict micro P/R/F1 over
/// normalised entity strings.
///
/// Per query, the prediction text (cleaned by the official `get_response` unless `clean_response: false`; `[]`
/// when there is none) and the gold answers (as `json.dumps` writes them) are parsed by `OfficialAnswerParser`;
/// every predicted item found among the gold items is correct. Counts are summed over all queries before the
/// ratios are taken.
///
/// Example: gold `["Paris", "London"]`, prediction `["paris", "Rome"]` gives precision 0.5, recall 0.5.
public struct StrictMetric: Metric {
    /// Options of `kind: strict`.
    public struct Options: PluginOptions {
        public static let optionSpecs = [
            OptionSpec("clean_response", "bool", default: "true",
                       "apply the official get_response to predictions: text after the last 'ASSISTANT:', stripped"),
        ]

        public var cleanResponse: Bool

        public init(cleanResponse: Bool = true) {
            self.cleanResponse = cleanResponse
        }

        private enum CodingKeys: String, CodingKey {
            case cleanResponse = "clean_response"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cleanResponse = try container.decode(.cleanResponse, default: true)
        }
    }

    public let name = "strict"
    public let cleanResponse: Bool

    /// - Parameter options: whether to clean predictions as the official pipeline does (the default).
    public init(options: Options = Options()) {
        cleanResponse = options.cleanResponse
    }

    /// - Complexity: O(n) in the total length of the answers.
    public func counts(_ pair: ScoredQuery) -> MetricCounts? {
        let goldItems = Set(OfficialAnswerParser.gold(pair.query.answers))
        let predictedItems = OfficialAnswerParser.prediction(pair.prediction?.prediction, clean: cleanResponse)
        return MetricCounts(correct: Double(predictedItems.filter(goldItems.contains).count),
                            predicted: predictedItems.count, gold: goldItems.count, queries: 1)
    }
}
