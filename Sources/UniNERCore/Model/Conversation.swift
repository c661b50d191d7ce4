/// A record of the official UniNER conversation format (the released Pile-NER-type data and the
/// official evaluation files): `{"id": ..., "conversations": [{"from": "human", "value": ...}, ...]}`.
public struct Conversation: Codable, Sendable, Hashable {
    public struct Turn: Codable, Sendable, Hashable {
        public var from: String
        public var value: String

        public init(from: String, value: String) {
            self.from = from
            self.value = value
        }
    }

    public var id: String
    public var conversations: [Turn]

    public init(id: String, conversations: [Turn]) {
        self.id = id
        self.conversations = conversations
    }
}
