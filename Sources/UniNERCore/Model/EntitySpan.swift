/// A labelled entity mention: its surface text, its type in natural language, and where it lies.
///
/// `start`/`end` are Unicode-scalar offsets into the sentence text (end exclusive); `tokenStart`/`tokenEnd`
/// index the sentence's tokens (end exclusive) when the source format is token-based.
public struct EntitySpan: Codable, Sendable, Hashable {
    public var text: String
    public var type: String
    public var start: Int
    public var end: Int
    public var tokenStart: Int?
    public var tokenEnd: Int?

    public init(text: String, type: String, start: Int, end: Int, tokenStart: Int? = nil, tokenEnd: Int? = nil) {
        self.text = text
        self.type = type
        self.start = start
        self.end = end
        self.tokenStart = tokenStart
        self.tokenEnd = tokenEnd
    }
}
