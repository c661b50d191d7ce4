import UniNERCore

/// The `all-in-one` template (paper §3.2, Fig. 5b): one question naming every type of the passage (positives and
/// negatives), answered with one JSON list of `[mention, type]` pairs. See `ConversationRenderer` for the wording.
///
/// The example still keeps one `LabelQuery` per type, so that a student can train on the per-type answers in one
/// pass; only the rendered conversation merges them.
public struct AllInOneTemplate: QueryTemplate {
    public var options: TemplateOptions

    public init(options: TemplateOptions = TemplateOptions()) {
        self.options = options
    }

    public func example(for passage: AnnotatedPassage, negatives: [String], datasetField: Bool,
                        using generator: inout SeededRandom) -> InstructionExample {
        let queries = QueryBuilder.queries(for: passage, negatives: negatives, shuffle: options.shuffle, using: &generator)
        let dataset = datasetField ? passage.dataset : nil
        return InstructionExample(id: passage.passage.id, text: passage.passage.text, dataset: dataset,
                                  layout: .allInOne, queries: queries)
    }

    public func conversation(for example: InstructionExample) -> Conversation {
        ConversationRenderer.conversation(for: example)
    }
}
