import UniNERCore

/// What the `per-type` and `all-in-one` templates share: both build one example per passage with one
/// `LabelQuery` per type (positives, then negatives, shuffled with the seed when asked) and render it with
/// `ConversationRenderer`; they differ only in the layout, which decides how the conversation asks.
public protocol LayoutTemplate: QueryTemplate {
    static var layout: InstructionExample.Layout { get }
    var options: TemplateOptions { get }
}

extension LayoutTemplate {
    public func example(for passage: AnnotatedPassage, negatives: [String], datasetField: Bool,
                        using generator: inout SeededRandom) -> InstructionExample {
        let asked = QueryBuilder.queries(for: passage, negatives: negatives, shuffle: options.shuffle, using: &generator)
        let queries = LabelVariants(definitionShare: options.definitionShare, caseShare: options.caseShare,
                                    paraphraseShare: options.paraphraseShare)
            .apply(to: asked, using: &generator)
        return InstructionExample(id: passage.passage.id, text: passage.passage.text,
                                  dataset: datasetField ? passage.dataset : nil, layout: Self.layout, queries: queries)
    }

    public func conversation(for example: InstructionExample) -> Conversation {
        ConversationRenderer.conversation(for: example)
    }
}
