/// The fixed strings of the UniNER conversation template (paper Fig. 2 and Fig. 3), shared by the templates,
/// the replay reader and the predictors, so that training and inference say exactly the same thing.
public enum ConversationText {
    /// The assistant's answer to the first turn.
    public static let acknowledgement = "I've read this text."
    /// System prompt of the official inference template (`src/serve`); the training code says "paragraph".
    public static let inferenceSystemPrompt = "A virtual assistant answers questions from a user based on the provided text."
    public static let humanRole = "human"
    public static let assistantRole = "gpt"

    /// The first user turn: `Text: {passage}`, or with the dataset field of Fig. 3 `Dataset: {D} \n Text: {passage}`.
    ///
    /// The dataset-specific layout keeps every character PAPER.md gives for Fig. 3: the dataset name, a space, a
    /// newline, a space, then `Text: ` (the figure itself is an image; `paper.txt` has no text for it).
    public static func firstTurn(text: String, dataset: String?) -> String {
        if let dataset { return "Dataset: \(dataset) \n Text: \(text)" }
        return "Text: \(text)"
    }

    /// Splits a first user turn back into its text and dataset name (the inverse of `firstTurn`); `nil` when the
    /// turn does not start with `Text: ` or `Dataset: `.
    public static func parseFirstTurn(_ turn: String) -> (text: String, dataset: String?)? {
        if turn.hasPrefix("Text: ") { return (String(turn.dropFirst(6)), nil) }
        guard turn.hasPrefix("Dataset: "), let marker = turn.range(of: " \n Text: ") else { return nil }
        let dataset = String(turn[turn.index(turn.startIndex, offsetBy: 9)..<marker.lowerBound])
        return (String(turn[marker.upperBound...]), dataset)
    }

    /// The per-type question of Fig. 2: `What describes {label} in the text?`.
    public static func question(_ label: String) -> String {
        "What describes \(label) in the text?"
    }

    /// The label a per-type question asks about, or `nil` when the turn is not such a question.
    public static func parseQuestion(_ turn: String) -> String? {
        let prefix = "What describes ", suffix = " in the text?"
        guard turn.hasPrefix(prefix), turn.hasSuffix(suffix), turn.count > prefix.count + suffix.count else { return nil }
        return String(turn.dropFirst(prefix.count).dropLast(suffix.count))
    }

    /// The all-in-one question: every label in one sentence, `What describes a, b and c in the text?`
    /// (`What describes a in the text?` for one label, `a and b` for two; no serial comma).
    public static func allInOneQuestion(_ labels: [String]) -> String {
        question(listing(labels))
    }

    /// `a`, `a and b`, `a, b and c`.
    public static func listing(_ labels: [String]) -> String {
        switch labels.count {
        case 0: return ""
        case 1: return labels[0]
        default: return labels.dropLast().joined(separator: ", ") + " and " + labels[labels.count - 1]
        }
    }
}
