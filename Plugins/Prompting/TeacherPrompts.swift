/// The teacher prompts of the paper, verbatim (Fig. 1 and the UniNER-7B-definition model card).
public enum TeacherPrompts {
    /// The system message of Fig. 1, used by both prompt styles.
    public static let system = "You are a helpful information extraction system."
    /// The type prompt of Fig. 1 (before the passage).
    public static let typeInstruction = "Given a passage, your task is to extract all entities and identify their entity types. The output should be in a list of tuples of the following format: [(\"entity 1\", \"type of entity 1\"), ... ]."
    /// The definition prompt of the UniNER-7B-definition card (before the passage).
    public static let definitionInstruction = "Given a paragraph, your task is to extract all entities and concepts, and define their type using a short sentence. The output should be in the following format: [(\"entity\", \"definition of entity type in a short sentence\"), ... ]"

    /// The user message: the instruction, a blank line, and `Passage: {input_passage}` (Fig. 1). The definition
    /// prompt keeps this layout: the paper says it "simply change[s] the prompt in Fig. 1"; the card shows only
    /// the instruction.
    public static func userMessage(instruction: String, passage: String) -> String {
        instruction + "\n\nPassage: " + passage
    }
}
