import UniNERCore

/// Training-time variants of the type a query names, so that the student learns what a label means rather than
/// its string: with about a hundred distinct labels in the supervised mix, the query side can otherwise memorise
/// names. A seeded share of the queries names the type by its short definition (`LabelDefinitions`; a type with
/// none keeps its name), another share re-cases the name, another names it by one of its paraphrases
/// (`LabelParaphrases`; a type with none keeps its name). Answers are unchanged; evaluation queries never pass
/// through here.
public struct LabelVariants: Sendable {
    public var definitionShare: Double
    public var caseShare: Double
    public var paraphraseShare: Double
    public var definitions: LabelDefinitions
    public var paraphrases: LabelParaphrases

    public init(definitionShare: Double, caseShare: Double, paraphraseShare: Double = 0,
                definitions: LabelDefinitions = .builtIn, paraphrases: LabelParaphrases = .builtIn) {
        self.definitionShare = definitionShare
        self.caseShare = caseShare
        self.paraphraseShare = paraphraseShare
        self.definitions = definitions
        self.paraphrases = paraphrases
    }

    /// The queries with their labels varied; one draw from `generator` per query, in order, and a second for a
    /// query named by a paraphrase (which of them), so recipes without paraphrases keep their streams. With every
    /// share 0 the queries come back as they are and nothing is drawn, so recipes without variants keep theirs.
    public func apply(to queries: [LabelQuery], using generator: inout SeededRandom) -> [LabelQuery] {
        guard definitionShare > 0 || caseShare > 0 || paraphraseShare > 0 else { return queries }
        return queries.map { query in
            var varied = query
            let draw = generator.nextUnit()
            if draw < definitionShare {
                if let definition = try? definitions.definition(for: query.label) { varied.label = definition }
            } else if draw < definitionShare + caseShare {
                varied.label = Self.recased(query.label)
            } else if draw < definitionShare + caseShare + paraphraseShare {
                let names = paraphrases.paraphrases(for: query.label)
                if !names.isEmpty { varied.label = names[generator.int(below: names.count)] }
            }
            return varied
        }
    }

    /// `Restaurant Name` → `restaurant name`; an all-lower-case name → Title Case (`person` → `Person`).
    public static func recased(_ label: String) -> String {
        let lower = label.lowercased()
        guard lower == label else { return lower }
        return label.split(separator: " ", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }
}
