import Foundation
import UniNERNumerics

/// The per-type question asked of every type in one encoder pass:
/// `[CLS] (Dataset: D [SEP]) words [SEP]` then, per type, `[M] label`, with a block attention mask.
///
/// The text is the shared block (mask 1): it attends to itself only, so its states are those of the text encoded
/// alone. Type k is private block k + 2: its tokens attend to the text and to themselves, never to another type.
/// Every type block takes the positions right after the text, so each type's answer is the one it would get if it
/// were asked alone: the types of a sentence share the text's pass, and each is still answered on its own.
/// The query vector of a type is its `[M]` state (with `QueryPooling.labelMean`, the mean of its label's pieces).
public enum SharedPassLayout {
    /// The tokens a text's question adds, tokenized once and reused for every window of the text: the prefix
    /// `[CLS] (Dataset: D [SEP])` and one block `[M] label` per type.
    public struct QuerySide: Sendable {
        public var prefix: [Int]
        public var blocks: [[Int]]

        /// Tokens the words may take once the prefix, the final `[SEP]` and the type blocks are placed.
        public func passageBudget(maxTokens: Int) -> Int {
            maxTokens - prefix.count - 1 - blocks.reduce(0) { $0 + $1.count }
        }
    }

    /// The query side of `labels` (query q = labels[q]).
    public static func querySide(_ encoder: SpanInputEncoder, labels: [String], dataset: String?) -> QuerySide {
        var prefix = [encoder.tokenizer.clsID]
        if let dataset { prefix += encoder.pieces("Dataset: \(dataset)") + [encoder.tokenizer.sepID] }
        return QuerySide(prefix: prefix, blocks: labels.map { [encoder.markerID] + encoder.pieces($0) })
    }

    /// The sequence for passage words `window` asking every type of `query`; words beyond the budget are cut and
    /// positives outside the kept words are dropped (counted), as in `SpanInputEncoder`.
    public static func sequence(_ encoder: SpanInputEncoder, query: QuerySide, dataset: String?,
                                passage: (ids: [Int], ranges: [Range<Int>]), window: Range<Int>,
                                positives: [(query: Int, span: ClosedRange<Int>)] = []) -> (sequence: SpanSequence, dropped: Int) {
        // the text block as a one-segment input: ids, and the word layout from the shared builder
        let textOnly = encoder.sequence(query: (ids: query.prefix, queries: [], widths: nil), passage: passage, window: window,
                                        positives: positives, budget: query.passageBudget(maxTokens: encoder.maxTokens))
        var s = textOnly.sequence
        let textLength = s.ids.count
        // one segment when there is no dataset field (the text as the backbone saw sentences), else the field is
        // segment 0 and the words segment 1, as in the other layouts
        if dataset == nil { s.typeIDs = [Int32](repeating: 0, count: textLength) }
        var blocks = [Int32](repeating: 1, count: textLength)
        var positions = (0..<textLength).map(Int32.init)
        var queries: [Int] = [], widths: [Int] = []
        for (k, ids) in query.blocks.enumerated() {
            let (position, width) = encoder.pooled(token: s.ids.count, label: (s.ids.count + 1)..<(s.ids.count + ids.count))
            queries.append(position); widths.append(width)
            s.ids += ids.map(Int32.init)
            s.typeIDs += [Int32](repeating: 1, count: ids.count)
            blocks += [Int32](repeating: Int32(k + 2), count: ids.count)
            positions += (0..<ids.count).map { Int32(textLength + $0) }
        }
        s.queryPositions = queries
        s.queryWidths = encoder.pooling == .token ? nil : widths
        s.blocks = blocks
        s.positions = positions
        return (s, textOnly.dropped)
    }

    /// `sequence(query:)` for labels given as strings.
    public static func sequence(_ encoder: SpanInputEncoder, labels: [String], dataset: String?,
                                passage: (ids: [Int], ranges: [Range<Int>]), window: Range<Int>,
                                positives: [(query: Int, span: ClosedRange<Int>)] = []) -> (sequence: SpanSequence, dropped: Int) {
        sequence(encoder, query: querySide(encoder, labels: labels, dataset: dataset), dataset: dataset, passage: passage,
                 window: window, positives: positives)
    }

    /// Tokens the words may take when `labels` are asked.
    public static func passageBudget(_ encoder: SpanInputEncoder, labels: [String], dataset: String?) -> Int {
        querySide(encoder, labels: labels, dataset: dataset).passageBudget(maxTokens: encoder.maxTokens)
    }
}
