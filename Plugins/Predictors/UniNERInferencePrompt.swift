import OpenAICompatible

/// The official UniNER inference prompt (FastChat `ie_as_qa` template of universal-ner/universal-ner):
/// system prompt, `USER`/`ASSISTANT` roles, separators `" "` and `"</s>"`.
///
/// ```
/// A virtual assistant answers questions from a user based on the provided text. USER: Text: {text} ASSISTANT: I've read this text.</s>USER: What describes {label} in the text? ASSISTANT:
/// ```
public enum UniNERInferencePrompt {
    public static let system = "A virtual assistant answers questions from a user based on the provided text."
    public static let acknowledgement = "I've read this text."
    /// The stop sequence of the completions mode.
    public static let stop = "</s>"

    /// The first user turn: `Text: {text}`, or `Dataset: {D} \n Text: {text}` with the dataset-specific
    /// template (Fig. 3) of the supervised setting.
    public static func firstTurn(text: String, dataset: String? = nil) -> String {
        dataset.map { "Dataset: \($0) \n Text: \(text)" } ?? "Text: \(text)"
    }

    public static func question(label: String) -> String { "What describes \(label) in the text?" }

    /// The rendered prompt for the completions endpoint.
    public static func render(text: String, label: String, dataset: String? = nil) -> String {
        "\(system) USER: \(firstTurn(text: text, dataset: dataset)) ASSISTANT: \(acknowledgement)\(stop)USER: \(question(label: label)) ASSISTANT:"
    }

    /// The same conversation as chat messages, for servers that apply the model's own chat template.
    public static func messages(text: String, label: String, dataset: String? = nil) -> [OpenAIMessage] {
        [
            OpenAIMessage(role: "system", content: system),
            OpenAIMessage(role: "user", content: firstTurn(text: text, dataset: dataset)),
            OpenAIMessage(role: "assistant", content: acknowledgement),
            OpenAIMessage(role: "user", content: question(label: label)),
        ]
    }
}
