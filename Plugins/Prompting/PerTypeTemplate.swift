import UniNERCore

/// The `per-type` template (paper Fig. 2, the default): one question per type, each answered with the JSON list
/// of that type's mentions; negatives are answered `[]`.
public struct PerTypeTemplate: QueryTemplate {
    public var options: TemplateOptions

    public init(options: TemplateOptions = TemplateOptions()) {
        self.options = options
    }

    public func example(for passage: AnnotatedPassage, negatives: [String], datasetField: Bool,
                        using generator: inout SeededRandom) -> InstructionExample {
        let queries = QueryBuilder.queries(for: passage, negatives: negatives, shuffle: options.shuffle, using: &generator)
        let dataset = datasetField ? passage.dataset : nil
        return InstructionExample(id: passage.passage.id, text: passage.passage.text, dataset: dataset,
                                  layout: .perType, queries: queries)
    }

    public func conversation(for example: InstructionExample) -> Conversation {
        ConversationRenderer.conversation(for: example)
    }
}
