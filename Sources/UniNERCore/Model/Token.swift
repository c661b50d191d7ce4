/// One word of a sentence with its character offsets.
///
/// Offsets count Unicode scalars into the sentence text (as Python `str` indices do), `end` exclusive.
public struct Token: Codable, Sendable, Hashable {
    public var text: String
    public var start: Int
    public var end: Int

    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}
