import UniNERCore

/// The `type` prompt style (paper Fig. 1): the teacher names each entity's type, and a query names the type itself.
public struct TypePromptStyle: PromptStyle {
    public let name = "type"

    public init() {}

    /// System `You are a helpful information extraction system.`; user: the Fig. 1 instruction, a blank line,
    /// `Passage: {passage}`.
    public func teacherMessages(for passage: Passage) -> [ChatMessage] {
        [ChatMessage(role: "system", content: TeacherPrompts.system),
         ChatMessage(role: "user", content: TeacherPrompts.userMessage(instruction: TeacherPrompts.typeInstruction,
                                                                       passage: passage.text))]
    }

    /// The type itself, unchanged.
    public func label(forType type: String) throws -> String { type }
}
