/// A teacher's mention: a string of the passage and its type (or its type definition, in the definition style).
public struct Mention: Codable, Sendable, Hashable {
    public var text: String
    public var type: String

    public init(text: String, type: String) {
        self.text = text
        self.type = type
    }
}
