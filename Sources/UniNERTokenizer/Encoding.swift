/// The output of `BertTokenizer.encode`: token ids with everything needed to feed an encoder and to map
/// its outputs back to the text.
///
/// All arrays have one entry per token, `[CLS]` and `[SEP]` included. Special tokens have empty offsets
/// (`0..<0`), no word and no sequence.
public struct Encoding: Sendable, Equatable {
    /// Token ids.
    public var ids: [Int]
    /// Token strings, as in the vocabulary (`##` on continuation pieces).
    public var tokens: [String]
    /// Offsets in Unicode scalars of the original string (of each word, for pre-tokenised input).
    public var offsets: [Range<Int>]
    /// Segment ids: 0 for the first sequence and its specials, 1 for the pair and its final `[SEP]`.
    public var typeIDs: [Int]
    /// 1 for real tokens, 0 for padding.
    public var attentionMask: [Int]
    /// `true` for the tokens added around the sequences (`[CLS]`, `[SEP]`) and for padding; a literal
    /// `[SEP]` in the text is that token but not flagged, as in `tokenizers`.
    public var specialTokensMask: [Bool]
    /// 0 or 1 for tokens of the first or the pair sequence, `nil` for `[CLS]`, `[SEP]` and padding.
    public var sequenceIDs: [Int?]
    /// Index of the word each token comes from (the pre-tokenizer's words, or the given words),
    /// counted per sequence; `nil` for `[CLS]`, `[SEP]` and padding.
    public var wordIDs: [Int?]
    /// For pre-tokenised input: the token range of each word of the first sequence. A word that gives
    /// no token (empty, whitespace, control characters only, or truncated away) has an empty range
    /// placed where its tokens would be. Empty for string input.
    public var wordTokenRanges: [Range<Int>]
    /// For pre-tokenised input with a pair: the token range of each word of the pair sequence.
    public var pairWordTokenRanges: [Range<Int>]
    /// How many tokens truncation removed (0 when nothing was cut).
    public var overflowingTokenCount: Int

    /// Number of tokens, padding included.
    public var count: Int { ids.count }

    /// The first and last token index of word `index` of the first sequence, or `nil` when it has none.
    ///
    /// - Parameter index: a word index of the pre-tokenised input.
    public func tokenBounds(ofWord index: Int) -> (first: Int, last: Int)? {
        guard wordTokenRanges.indices.contains(index) else { return nil }
        let range = wordTokenRanges[index]
        return range.isEmpty ? nil : (range.lowerBound, range.upperBound - 1)
    }

    /// This encoding right-padded to `length` tokens (unchanged when it is already as long).
    ///
    /// - Parameters:
    ///   - length: the length to reach.
    ///   - padID: the id of the padding token (`BertTokenizer.padID`).
    ///   - padToken: the padding token's string.
    public func padded(to length: Int, padID: Int, padToken: String = "[PAD]") -> Encoding {
        let missing = length - count
        guard missing > 0 else { return self }
        var copy = self
        copy.ids += repeatElement(padID, count: missing)
        copy.tokens += repeatElement(padToken, count: missing)
        copy.offsets += repeatElement(0..<0, count: missing)
        copy.typeIDs += repeatElement(0, count: missing)
        copy.attentionMask += repeatElement(0, count: missing)
        copy.specialTokensMask += repeatElement(true, count: missing)
        copy.sequenceIDs += repeatElement(nil, count: missing)
        copy.wordIDs += repeatElement(nil, count: missing)
        return copy
    }
}
