/// Asks each evaluation query once per prompt style (a type by its name, by its definition...) and merges the
/// answers, so that a student trained on both namings reads a type it never saw under either: every mention some
/// style gives is kept, and where two overlap the one with the higher score wins (first style on a tie or when a
/// predictor gives no scores). With the threshold unchanged this is the maximum of the styles' probabilities.
///
/// The queries it receives are named as the first style names them; `typeOfLabel` maps such a label back to its
/// type (a label it does not map is its own type). The predictor must report mention offsets.
public struct LabelStyleEnsemble: Predictor {
    public let base: any Predictor
    public let styles: [any PromptStyle]
    public let typeOfLabel: [String: String]

    public init(base: any Predictor, styles: [any PromptStyle], typeOfLabel: [String: String]) {
        self.base = base
        self.styles = styles
        self.typeOfLabel = typeOfLabel
    }

    public func cacheIdentity() throws -> String { try base.cacheIdentity() }

    public func loaded(context: RunContext) throws -> any Predictor {
        LabelStyleEnsemble(base: try base.loaded(context: context), styles: styles, typeOfLabel: typeOfLabel)
    }

    /// - Throws: `UniNERError` when a style cannot name a type or the predictor gives no offsets; its own errors.
    public func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
        var asked: [EvaluationQuery] = []
        asked.reserveCapacity(queries.count * styles.count)
        for (s, style) in styles.enumerated() {
            for query in queries {
                var variant = query
                variant.id = "\(query.id)\u{1F}style\(s)"
                variant.label = try style.label(forType: typeOfLabel[query.label] ?? query.label)
                asked.append(variant)
            }
        }
        let answered = try await base.predict(asked, context: context)
        guard answered.count == asked.count else {
            throw UniNERError("the predictor answered \(answered.count) of \(asked.count) queries",
                              help: "a predictor gives one prediction per query, in order")
        }
        return try queries.enumerated().map { i, query in
            var candidates: [(mention: PredictedMention, style: Int)] = []
            for s in styles.indices {
                guard let mentions = answered[s * queries.count + i].mentions else {
                    throw UniNERError("the predictor gave no mention offsets for query '\(query.id)', so the answers of "
                                      + "several label styles cannot be merged",
                                      help: "use a predictor that reports offsets (the span-encoder student), or give "
                                          + "'evaluate.label_styles' one style")
                }
                candidates += mentions.map { ($0, s) }
            }
            candidates.sort { a, b in
                let (x, y) = (a.mention.score ?? 0, b.mention.score ?? 0)
                return x != y ? x > y : a.style != b.style ? a.style < b.style : a.mention.start < b.mention.start
            }
            var kept: [PredictedMention] = []
            for (mention, _) in candidates
            where !kept.contains(where: { mention.start < $0.end && $0.start < mention.end }) {
                kept.append(mention)
            }
            kept.sort { $0.start < $1.start }
            return Prediction(id: query.id, prediction: PythonJSONWriter.list(kept.map(\.text)), mentions: kept)
        }
    }
}
