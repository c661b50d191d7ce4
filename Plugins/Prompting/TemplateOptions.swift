import UniNERCore

/// Options shared by the `per-type` and `all-in-one` templates.
///
/// The dataset field (Fig. 3) is not a template option: the recipe sets it once, as `queries.dataset_field` for
/// distilled passages and `dataset_field` per supervised source, and the runner passes it to `example(...)`.
public struct TemplateOptions: PluginOptions, Equatable {
    /// Shuffle the question/answer pairs after the first turn with the run's seed (as the official training did).
    public var shuffle: Bool
    /// Share of training queries that name their type by its definition (`LabelDefinitions`) instead of its name.
    public var definitionShare: Double
    /// Share of training queries whose type name is re-cased (`Restaurant Name` → `restaurant name`, `person` →
    /// `Person`), so that the case of a label is not what the student learns to match.
    public var caseShare: Double
    /// Share of training queries that name their type by one of its paraphrases (`LabelParaphrases`).
    public var paraphraseShare: Double

    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("shuffle", "bool", default: "true",
                   "shuffle the question/answer pairs after the first turn with the seed (official training did)"),
        OptionSpec("definition_share", "number", default: "0",
                   "share of training queries naming their type by its definition instead (seeded; evaluation keeps names)",
                   range: .share),
        OptionSpec("case_share", "number", default: "0",
                   "share of training queries with the type name re-cased (lower, or Title Case when already lower)",
                   range: .share),
        OptionSpec("paraphrase_share", "number", default: "0",
                   "share of training queries naming their type by a paraphrase instead (built-in synonyms of the supervised sets' labels; seeded)",
                   range: .share),
    ]

    enum CodingKeys: String, CodingKey {
        case shuffle, definitionShare = "definition_share", caseShare = "case_share", paraphraseShare = "paraphrase_share"
    }

    public init(shuffle: Bool = true, definitionShare: Double = 0, caseShare: Double = 0, paraphraseShare: Double = 0) {
        self.shuffle = shuffle
        self.definitionShare = definitionShare
        self.caseShare = caseShare
        self.paraphraseShare = paraphraseShare
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        shuffle = try container.decode(.shuffle, default: true)
        definitionShare = try container.decode(.definitionShare, default: 0)
        caseShare = try container.decode(.caseShare, default: 0)
        paraphraseShare = try container.decode(.paraphraseShare, default: 0)
        let shares = [("definition_share", definitionShare), ("case_share", caseShare), ("paraphrase_share", paraphraseShare)]
        for (key, share) in shares where !(0..<1).contains(share) {
            throw InvalidOption(key, "must be in [0, 1), found \(share)")
        }
        let total = definitionShare + caseShare + paraphraseShare
        if total > 1 {
            throw InvalidOption("definition_share", "definition_share + case_share + paraphrase_share must be at most 1, found \(total)")
        }
    }
}
