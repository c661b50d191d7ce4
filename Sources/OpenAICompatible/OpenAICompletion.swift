/// The answer to one request: the generated text and what it cost.
public struct OpenAICompletion: Codable, Sendable, Hashable {
    /// The first choice's text (`message.content` in chat mode, `text` in completions mode).
    public var text: String
    /// `stop`, `length`... as the server reports it.
    public var finishReason: String?
    public var promptTokens: Int
    public var completionTokens: Int
    /// Attempts it took (1 when the first one succeeded).
    public var attempts: Int

    public init(text: String, finishReason: String? = nil, promptTokens: Int = 0, completionTokens: Int = 0,
                attempts: Int = 1) {
        self.text = text
        self.finishReason = finishReason
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.attempts = attempts
    }
}
