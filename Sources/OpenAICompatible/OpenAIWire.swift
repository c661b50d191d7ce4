import Foundation

/// The body of `POST {base_url}/chat/completions`.
struct ChatCompletionBody: Encodable {
    var model: String
    var messages: [OpenAIMessage]
    var temperature: Double
    var max_tokens: Int?
    var stop: [String]?
}

/// The body of `POST {base_url}/completions` (the legacy text-completion endpoint).
struct CompletionBody: Encodable {
    var model: String
    var prompt: String
    var temperature: Double
    var max_tokens: Int?
    var stop: [String]?
}

/// The fields of a chat-completions or completions response that the client reads.
struct CompletionResponseBody: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable {
            var content: String?
        }
        var message: Message?
        var text: String?
        var finish_reason: String?
    }
    struct Usage: Decodable {
        var prompt_tokens: Int?
        var completion_tokens: Int?
    }
    var choices: [Choice]
    var usage: Usage?
    var model: String?
}

/// The body of an error response (`{"error": {"message": ...}}`), when the server sends one.
struct ErrorResponseBody: Decodable {
    struct Detail: Decodable { var message: String? }
    var error: Detail?
}
