import UniNERCore

/// The partial-match metric of the paper's Table 5: a prediction that shares a word with a gold mention counts as
/// half a true positive.
///
/// Per query, predictions and gold answers are cleaned, parsed and normalised exactly as in `StrictMetric` (so both
/// lists are free of duplicates), then matched in two rounds, each prediction and each gold item used at most once:
/// 1. Exact: a prediction equal to a gold item counts 1 (the strict true positives).
/// 2. Partial: among the predictions and gold items left, a maximum matching is taken over the pairs that share a
///    word (a whitespace-separated token of the normalised strings, so case, ASCII punctuation and the articles
///    a/an/the never make an overlap); each matched pair counts `credit` (0.5).
///    The size of a maximum matching does not depend on the order of the lists. Tuple items (unreachable through
///    the official regex) only match exactly.
///
/// Precision, recall and F1 use the official formulas with these fractional true positives; predicted and gold
/// counts are the strict ones, so partial scores are never below strict ones.
///
/// Example: gold `["asian"]`, prediction `["asian cuisine"]` gives 0.5 true positives: precision 0.5, recall 0.5.
public struct PartialMetric: Metric {
    /// Options of `kind: partial`.
    public struct Options: PluginOptions {
        public static let optionSpecs = [
            OptionSpec("credit", "number in (0, 1]", default: "0.5",
                       "true positives counted for a prediction that only shares a word with a gold mention", range: OptionRange(lower: 0, lowerInclusive: false, upper: 1)),
            OptionSpec("clean_response", "bool", default: "true",
                       "apply the official get_response to predictions: text after the last 'ASSISTANT:', stripped"),
        ]

        public var credit: Double
        public var cleanResponse: Bool

        public init(credit: Double = 0.5, cleanResponse: Bool = true) {
            self.credit = credit
            self.cleanResponse = cleanResponse
        }

        private enum CodingKeys: String, CodingKey {
            case credit
            case cleanResponse = "clean_response"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            cleanResponse = try container.decode(.cleanResponse, default: true)
            credit = try container.decode(.credit, default: 0.5)
            guard credit > 0, credit <= 1 else {
                throw InvalidOption("credit", "must be in (0, 1], got \(credit)", help: "the paper uses 0.5")
            }
        }
    }

    public let name = "partial"
    public let credit: Double
    public let cleanResponse: Bool

    /// - Parameter options: the credit of a word-overlap match (the paper's 0.5 by default), and whether to clean
    ///   predictions as the official pipeline does.
    public init(options: Options = Options()) {
        credit = options.credit
        cleanResponse = options.cleanResponse
    }

    public func counts(_ pair: ScoredQuery) -> MetricCounts? {
        let goldItems = OfficialAnswerParser.gold(pair.query.answers)
        let predictedItems = OfficialAnswerParser.prediction(pair.prediction?.prediction, clean: cleanResponse)
        let matches = Self.matches(predicted: predictedItems, gold: goldItems)
        return MetricCounts(correct: Double(matches.exact) + credit * Double(matches.partial),
                            predicted: predictedItems.count, gold: goldItems.count, queries: 1)
    }

    /// The exact matches, then the size of a maximum word-overlap matching among the items left.
    /// - Complexity: O(p · g · (p + g)) per query for p predictions and g gold items (both small).
    public static func matches(predicted: [OfficialAnswerParser.Item],
                               gold: [OfficialAnswerParser.Item]) -> (exact: Int, partial: Int) {
        let goldSet = Set(gold)
        let exact = predicted.filter(goldSet.contains).count
        let predictedSet = Set(predicted)
        let leftPredictions = predicted.filter { !goldSet.contains($0) }.map(words)
        let leftGold = gold.filter { !predictedSet.contains($0) }.map(words)
        // overlaps[i]: the indices of the gold items left that share a word with prediction i.
        let overlaps = leftPredictions.map { prediction in
            leftGold.indices.filter { !prediction.isDisjoint(with: leftGold[$0]) }
        }
        var owner = [Int?](repeating: nil, count: leftGold.count)
        func augment(_ prediction: Int, _ visited: inout [Bool]) -> Bool {
            for goldIndex in overlaps[prediction] where !visited[goldIndex] {
                visited[goldIndex] = true
                if let current = owner[goldIndex], !augment(current, &visited) { continue }
                owner[goldIndex] = prediction
                return true
            }
            return false
        }
        var partial = 0
        for prediction in overlaps.indices {
            var visited = [Bool](repeating: false, count: leftGold.count)
            if augment(prediction, &visited) { partial += 1 }
        }
        return (exact, partial)
    }

    /// The words of a normalised text item; a tuple has none, so it only matches exactly.
    private static func words(_ item: OfficialAnswerParser.Item) -> Set<ArraySlice<UInt32>> {
        guard case .text(let text) = item else { return [] }
        return Set(SQuADNormalizer.words(of: text.codePoints))
    }
}
