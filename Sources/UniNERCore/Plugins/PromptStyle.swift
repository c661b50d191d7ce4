/// What a query names: an entity type (`type`) or a short definition of it (`definition`), and the teacher
/// prompt that asks for it (the paper's prompts, verbatim).
public protocol PromptStyle: Sendable {
    /// `type` or `definition`.
    var name: String { get }
    /// The chat messages that ask the teacher to annotate `passage`.
    func teacherMessages(for passage: Passage) -> [ChatMessage]
    /// What a query names for a gold type in natural language (the type itself, or its definition).
    /// - Throws: `UniNERError` when a definition is needed and none is known for the type.
    func label(forType type: String) throws -> String
}
