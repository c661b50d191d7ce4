/// Splits a document into passages of at most `maxTokens` tokens, on sentence boundaries when possible and on
/// word boundaries otherwise (paper §3.1: Pile articles chunked to at most 256 tokens).
///
/// A token here is a maximal run of non-whitespace characters (what `split(whereSeparator: \.isWhitespace)`
/// yields): the paper's 256 tokens were subword tokens of the teacher, about 190 words of English; counting
/// whitespace tokens needs no tokenizer and keeps passages comfortably inside a 512-token student window.
///
/// A sentence ends after a token whose last character before any closing quotes or brackets is `.`, `!`, `?` or
/// `…`, when the next token starts with an uppercase letter, a digit, or an opening quote or bracket (so `e.g. the`
/// and `3.5 kg` do not end sentences), unless the token is a common abbreviation (`Dr.`, `Mr.`, `Inc.`...), an
/// initial (`J.`) or has another period inside (`U.S.`); and at every blank line. Sentences are packed greedily into passages; a
/// sentence longer than `maxTokens` is cut at word boundaries. Each passage is the exact substring of the
/// document from its first token to its last, so its original spacing and line breaks are kept.
///
/// ```swift
/// PassageChunker(maxTokens: 4).chunks(of: "One two. Three four five. Six.")
/// // ["One two.", "Three four five. Six."]
/// ```
/// - Complexity: O(n) in the length of the document.
public struct PassageChunker: Sendable, Hashable {
    public let maxTokens: Int

    /// - Parameter maxTokens: at least 1.
    public init(maxTokens: Int = 256) {
        self.maxTokens = max(1, maxTokens)
    }

    /// The passages of `text`, in document order; none for a document of only whitespace.
    public func chunks(of text: String) -> [String] {
        let tokens = Self.tokens(of: text)
        guard !tokens.isEmpty else { return [] }
        var sentences: [Range<Int>] = []
        var start = 0
        for index in tokens.indices {
            let isLast = index == tokens.count - 1
            if isLast || Self.endsSentence(tokens[index], next: tokens[index + 1], in: text) {
                sentences.append(start..<(index + 1))
                start = index + 1
            }
        }
        var passages: [Range<Int>] = []
        var current: Range<Int>?
        for sentence in sentences {
            if let open = current, open.count + sentence.count <= maxTokens {
                current = open.lowerBound..<sentence.upperBound
                continue
            }
            if let open = current { passages.append(open) }
            var piece = sentence.lowerBound
            while sentence.upperBound - piece > maxTokens {
                passages.append(piece..<(piece + maxTokens))
                piece += maxTokens
            }
            current = piece..<sentence.upperBound
        }
        if let open = current { passages.append(open) }
        return passages.map { String(text[tokens[$0.lowerBound].lowerBound..<tokens[$0.upperBound - 1].upperBound]) }
    }

    /// Character ranges of the whitespace-separated tokens.
    static func tokens(of text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            if text[index].isWhitespace {
                if let open = start { ranges.append(open..<index); start = nil }
            } else if start == nil {
                start = index
            }
            index = text.index(after: index)
        }
        if let open = start { ranges.append(open..<text.endIndex) }
        return ranges
    }

    static let closers: Set<Character> = ["\"", "'", ")", "]", "}", "\u{201D}", "\u{2019}", "\u{00BB}"]
    static let openers: Set<Character> = ["\"", "'", "(", "[", "{", "\u{201C}", "\u{2018}", "\u{00AB}"]
    static let terminators: Set<Character> = [".", "!", "?", "\u{2026}"]
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "vs", "etc", "inc", "ltd", "co", "corp", "no", "fig",
        "figs", "eq", "vol", "pp", "gen", "col", "lt", "sgt", "rev", "hon", "mt", "ft", "approx", "dept", "est",
    ]

    static func endsSentence(_ token: Range<String.Index>, next: Range<String.Index>, in text: String) -> Bool {
        let gap = text[token.upperBound..<next.lowerBound]
        if gap.filter({ $0 == "\n" || $0 == "\r\n" }).count >= 2 { return true }
        var word = text[token]
        while let last = word.last, closers.contains(last) { word = word.dropLast() }
        guard let last = word.last, terminators.contains(last) else { return false }
        if last == "." {
            let body = word.dropLast()
            if body.contains(".") { return false }
            if body.count == 1, let letter = body.first, letter.isUppercase { return false }
            if abbreviations.contains(body.lowercased()) { return false }
        }
        guard let first = text[next].first else { return false }
        return first.isUppercase || first.isNumber || openers.contains(first)
    }
}
