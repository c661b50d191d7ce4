/// Turns an annotated passage into a training conversation (`per-type`, `all-in-one`), and renders it in the
/// released conversation format for export.
public protocol QueryTemplate: Sendable {
    /// The instruction example for one passage.
    /// - Parameters:
    ///   - negatives: absent types to ask about, answered `[]`.
    ///   - datasetField: put `Dataset: D` before the text (Fig. 3), when the passage has a dataset name.
    func example(for passage: AnnotatedPassage, negatives: [String], datasetField: Bool,
                 using generator: inout SeededRandom) -> InstructionExample
    /// The example in the official conversation format.
    func conversation(for example: InstructionExample) -> Conversation
}
