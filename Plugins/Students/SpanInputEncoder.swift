import Foundation
import UniNERCore
import UniNERNumerics
import UniNERTokenizer

/// One encoder input of the span student: `[CLS] query side [SEP] passage words [SEP]`, with the token range
/// of every passage word, the positions whose states become query vectors, and the gold spans.
public struct SpanSequence: Sendable {
    /// Token ids and segment ids (0 for the query side, 1 for the passage), unpadded.
    public var ids: [Int32], typeIDs: [Int32]
    /// Per model word: first and last token index.
    public var wordFirst: [Int], wordLast: [Int]
    /// Per model word: its index among the passage words (words that give no token are left out).
    public var wordIndex: [Int]
    /// Token positions of the query vectors, one per label.
    public var queryPositions: [Int]
    /// Per label, the consecutive tokens from its position averaged into its query (nil: one each).
    public var queryWidths: [Int]? = nil
    /// Gold spans in model-word indices (training only).
    public var positives: [SpanTarget]
    /// Attention blocks per token (1 shared, 2 and up private; `SharedPassLayout`), nil for one plain block.
    public var blocks: [Int32]? = nil
    /// Position ids per token, nil for 0..<count.
    public var positions: [Int32]? = nil

    public var count: Int { ids.count }
}

/// Builds `SpanSequence`s from words and labels with the backbone's WordPiece tokenizer.
///
/// - `per-type` layout: `[CLS] (Dataset: D) label [SEP] words [SEP]`, the query vector is the `[CLS]` state.
/// - `all-in-one` layout: `[CLS] (Dataset: D) [M] label₁ [M] label₂ … [SEP] words [SEP]`, one query vector per
///   marker `[M]` (the vocabulary's `[unused1]`, else `[MASK]`).
///
/// With `QueryPooling.labelMean` a label's query vector is instead the mean of its own word pieces' states.
public struct SpanInputEncoder: Sendable {
    /// The query side of an input: its tokens `[CLS] … [SEP]`, and per label the position of its query vector and
    /// how many tokens from there are averaged into it (nil: one each).
    public typealias Query = (ids: [Int], queries: [Int], widths: [Int]?)

    public let tokenizer: BertTokenizer
    public let maxTokens: Int
    public let markerID: Int
    public let pooling: QueryPooling

    /// The marker token used in front of each label in the all-in-one layout.
    public static func marker(for tokenizer: BertTokenizer) -> (token: String, id: Int) {
        if let id = tokenizer.tokenID("[unused1]") { return ("[unused1]", id) }
        if let id = tokenizer.maskID { return (tokenizer.specialTokens.mask ?? "[MASK]", id) }
        return (tokenizer.specialTokens.unk, tokenizer.unkID)
    }

    public init(tokenizer: BertTokenizer, maxTokens: Int, pooling: QueryPooling = .token) {
        self.tokenizer = tokenizer
        self.maxTokens = maxTokens
        self.pooling = pooling
        markerID = Self.marker(for: tokenizer).id
    }

    /// An encoder with the tokenizer of a Hugging Face folder.
    /// - Throws: `UniNERError` when the folder has no usable tokenizer files.
    public init(folder: URL, maxTokens: Int, pooling: QueryPooling = .token) throws {
        self.init(tokenizer: try SpanEncoderStudent.loadTokenizer(folder), maxTokens: maxTokens, pooling: pooling)
    }

    /// Word pieces of a free text, no special tokens.
    func pieces(_ text: String) -> [Int] {
        (try? tokenizer.encode(text, addSpecialTokens: false).ids) ?? []
    }

    /// The query side `[CLS] … [SEP]` and its query positions.
    public func querySide(labels: [String], dataset: String?, layout: InstructionExample.Layout) -> Query {
        var ids = [tokenizer.clsID]
        if let dataset { ids += pieces("Dataset: \(dataset)") }
        var queries: [Int] = [], widths: [Int] = []
        switch layout {
        case .perType:
            let start = ids.count
            for label in labels { ids += pieces(label) }
            let (position, width) = pooled(token: 0, label: start..<ids.count)
            queries = [position]; widths = [width]
        case .allInOne:
            for label in labels {
                let marker = ids.count
                ids.append(markerID)
                ids += pieces(label)
                let (position, width) = pooled(token: marker, label: (marker + 1)..<ids.count)
                queries.append(position); widths.append(width)
            }
        }
        ids.append(tokenizer.sepID)
        return (ids, queries, pooling == .token ? nil : widths)
    }

    /// Where a label's query vector is read: the given token, or with `labelMean` the label's pieces (the token
    /// when the label gives none).
    func pooled(token: Int, label: Range<Int>) -> (position: Int, width: Int) {
        pooling == .labelMean && !label.isEmpty ? (label.lowerBound, label.count) : (token, 1)
    }

    /// The passage's word pieces, without special tokens: ids and each word's token range.
    public func passage(words: [String]) -> (ids: [Int], ranges: [Range<Int>]) {
        guard !words.isEmpty, let encoding = try? tokenizer.encode(words: words, addSpecialTokens: false) else {
            return ([], Array(repeating: 0..<0, count: words.count))
        }
        return (encoding.ids, encoding.wordTokenRanges)
    }

    /// Token budget left for the passage after the query side and the final `[SEP]`.
    public func passageBudget(querySide: [Int]) -> Int { maxTokens - querySide.count - 1 }

    /// The sequence for passage words `window` (indices into `ranges`; words without tokens are skipped).
    /// Words beyond the token budget are cut; `positives` are given in passage-word indices (inclusive) and
    /// those not inside the kept words are dropped (returned as `dropped`).
    /// `budget` overrides the passage's token budget (a layout that places tokens after the passage).
    public func sequence(query: Query, passage: (ids: [Int], ranges: [Range<Int>]),
                         window: Range<Int>, positives: [(query: Int, span: ClosedRange<Int>)] = [], budget: Int? = nil)
        -> (sequence: SpanSequence, dropped: Int) {
        var ids = query.ids.map(Int32.init)
        var types = [Int32](repeating: 0, count: ids.count)
        let budget = budget ?? passageBudget(querySide: query.ids)
        var first: [Int] = [], last: [Int] = [], index: [Int] = []
        var modelWord: [Int: Int] = [:]
        var used = 0
        for w in window {
            let range = passage.ranges[w]
            if range.isEmpty { continue }
            if used + range.count > budget { break }
            first.append(ids.count)
            for t in range { ids.append(Int32(passage.ids[t])); types.append(1) }
            last.append(ids.count - 1)
            modelWord[w] = index.count
            index.append(w)
            used += range.count
        }
        ids.append(Int32(tokenizer.sepID)); types.append(1)
        var targets: [SpanTarget] = []
        var dropped = 0
        for p in positives {
            // Words that give no token are skipped; the span must keep every word that has tokens.
            let kept = p.span.filter { modelWord[$0] != nil }
            let wanted = p.span.filter { p.span.lowerBound >= 0 && $0 < passage.ranges.count && !passage.ranges[$0].isEmpty }
            guard let head = kept.first, let tail = kept.last, kept.count == wanted.count,
                  let a = modelWord[head], let b = modelWord[tail] else {
                dropped += 1
                continue
            }
            targets.append(SpanTarget(query: p.query, start: a, end: b))
        }
        return (SpanSequence(ids: ids, typeIDs: types, wordFirst: first, wordLast: last, wordIndex: index,
                             queryPositions: query.queries, queryWidths: query.widths, positives: targets), dropped)
    }

    /// Word windows covering all passage words, each within the token budget, consecutive windows sharing
    /// about `overlap` words.
    public static func windows(ranges: [Range<Int>], budget: Int, overlap: Int) -> [Range<Int>] {
        let n = ranges.count
        guard n > 0 else { return [0..<0] }
        var result: [Range<Int>] = []
        var a = 0
        while a < n {
            var b = a, used = 0
            while b < n && (used + ranges[b].count <= budget || b == a) {
                used += ranges[b].count
                b += 1
            }
            result.append(a..<b)
            if b >= n { break }
            a = max(a + 1, b - overlap)
        }
        return result
    }

    /// Pads sequences into one batch (`[PAD]` ids, zero mask), keeping their gold spans, blocks and positions.
    public func batch(_ sequences: [SpanSequence]) -> SpanBatch {
        let T = sequences.map(\.count).max() ?? 1
        let B = sequences.count
        var ids = [Int32](repeating: Int32(tokenizer.padID), count: B * T)
        var mask = [Int32](repeating: 0, count: B * T)
        var types = [Int32](repeating: 0, count: B * T)
        let positioned = sequences.contains { $0.positions != nil }
        let pooled = sequences.contains { $0.queryWidths != nil }
        var positions = [Int32](repeating: 0, count: positioned ? B * T : 0)
        for (b, s) in sequences.enumerated() {
            for t in 0..<s.count {
                ids[b * T + t] = s.ids[t]; mask[b * T + t] = s.blocks?[t] ?? 1; types[b * T + t] = s.typeIDs[t]
                if positioned { positions[b * T + t] = s.positions?[t] ?? Int32(t) }
            }
        }
        return SpanBatch(batch: B, length: T, inputIds: ids, attentionMask: mask, tokenTypeIds: types,
                         positionIds: positioned ? positions : nil,
                         wordFirst: sequences.map(\.wordFirst), wordLast: sequences.map(\.wordLast),
                         queryPositions: sequences.map(\.queryPositions),
                         queryWidths: pooled ? sequences.map { $0.queryWidths ?? Array(repeating: 1, count: $0.queryPositions.count) } : nil,
                         positives: sequences.map(\.positives))
    }
}
