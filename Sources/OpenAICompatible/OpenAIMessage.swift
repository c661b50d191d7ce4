/// One message of a chat-completions request: `system`, `user` or `assistant` and its text.
///
/// The module depends on nothing but Foundation, so it has its own message type; plugins convert
/// `UniNERCore.ChatMessage` into it.
public struct OpenAIMessage: Codable, Sendable, Hashable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }
}
