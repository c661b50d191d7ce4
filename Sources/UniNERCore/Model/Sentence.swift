/// A labelled sentence of a benchmark dataset: text, words with offsets, and gold entities.
///
/// For token-based formats `text` is the tokens joined by single spaces, which is how the official
/// UniNER query files were built from the raw CoNLL-style files.
public struct Sentence: Codable, Sendable, Hashable {
    public var id: String
    public var text: String
    public var tokens: [Token]
    public var entities: [EntitySpan]

    public init(id: String, text: String, tokens: [Token], entities: [EntitySpan]) {
        self.id = id
        self.text = text
        self.tokens = tokens
        self.entities = entities
    }

    /// Builds a sentence from words joined by single spaces, computing each word's offsets.
    public init(id: String, words: [String], entities: [EntitySpan] = []) {
        var tokens: [Token] = []
        tokens.reserveCapacity(words.count)
        var offset = 0
        for word in words {
            let length = word.unicodeScalars.count
            tokens.append(Token(text: word, start: offset, end: offset + length))
            offset += length + 1
        }
        self.init(id: id, text: words.joined(separator: " "), tokens: tokens, entities: entities)
    }

    /// The entity for tokens `start..<end` of this sentence, with character offsets and text filled in.
    public func entity(tokens range: Range<Int>, type: String) -> EntitySpan {
        let start = tokens[range.lowerBound].start
        let end = tokens[range.upperBound - 1].end
        return EntitySpan(text: text.unicodeScalarSlice(start, end), type: type, start: start, end: end,
                          tokenStart: range.lowerBound, tokenEnd: range.upperBound)
    }
}

extension String {
    /// The substring between two Unicode-scalar offsets (clamped to the string).
    public func unicodeScalarSlice(_ start: Int, _ end: Int) -> String {
        let scalars = unicodeScalars
        let count = scalars.count
        let lower = Swift.max(0, Swift.min(start, count))
        let upper = Swift.max(lower, Swift.min(end, count))
        let from = scalars.index(scalars.startIndex, offsetBy: lower)
        let to = scalars.index(from, offsetBy: upper - lower)
        return String(scalars[from..<to])
    }
}
