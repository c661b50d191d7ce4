import UniNERCore

/// Renders an instruction example in the official conversation format (human/gpt turns).
///
/// `per-type` (Fig. 2): `Text: {passage}` / `I've read this text.` / for each query `What describes {label} in the
/// text?` / the JSON list of its answers as Python's `json.dumps` writes it (`["a", "b"]`, `[]`).
/// `all-in-one`: `Text: {passage}` / `I've read this text.` / one question naming every label
/// (`What describes a, b and c in the text?`) / one JSON list of `[mention, label]` pairs, in question order
/// then mention order (`[["Paris", "location"], ["Obama", "person"]]`, or `[]`).
/// An example without queries renders as the first two turns only.
public enum ConversationRenderer {
    public static func conversation(for example: InstructionExample) -> Conversation {
        typealias Turn = Conversation.Turn
        var turns = [Turn(from: ConversationText.humanRole,
                          value: ConversationText.firstTurn(text: example.text, dataset: example.dataset)),
                     Turn(from: ConversationText.assistantRole, value: ConversationText.acknowledgement)]
        switch example.layout {
        case .perType:
            for query in example.queries {
                turns.append(Turn(from: ConversationText.humanRole, value: ConversationText.question(query.label)))
                turns.append(Turn(from: ConversationText.assistantRole, value: PythonJSONWriter.list(query.answers)))
            }
        case .allInOne:
            if !example.queries.isEmpty {
                let pairs = example.queries.flatMap { query in query.answers.map { ($0, query.label) } }
                turns.append(Turn(from: ConversationText.humanRole,
                                  value: ConversationText.allInOneQuestion(example.queries.map(\.label))))
                turns.append(Turn(from: ConversationText.assistantRole, value: PythonJSONWriter.pairs(pairs)))
            }
        }
        return Conversation(id: example.id, conversations: turns)
    }
}
