import Foundation

/// One prepared batch for the span model: padded token ids plus, per sequence, word boundaries (token indices),
/// query token positions and gold spans. Knows nothing of the project's data types.
public struct SpanBatch: Sendable {
    /// B sequences of T tokens.
    public var batch: Int, length: Int
    /// [B, T] token ids, attention mask (1 token, 0 padding; 2 and up: private blocks, see `Attention`), token
    /// type ids (nil: zeros).
    public var inputIds: [Int32], attentionMask: [Int32], tokenTypeIds: [Int32]?
    /// [B, T] position ids (nil: 0..<T in every sequence).
    public var positionIds: [Int32]?
    /// Per sequence, per word: the token index of its first subword and of its last subword.
    public var wordFirst: [[Int]], wordLast: [[Int]]
    /// Per sequence: the token positions whose states become the query vectors (one per query).
    public var queryPositions: [[Int]]
    /// Per sequence, per query: how many consecutive tokens from its position are averaged into the query state
    /// (nil: one, the position's own state).
    public var queryWidths: [[Int]]?
    /// Per sequence: the gold spans (empty at inference; a query with none acts as a negative).
    public var positives: [[SpanTarget]]

    public init(batch: Int, length: Int, inputIds: [Int32], attentionMask: [Int32], tokenTypeIds: [Int32]? = nil,
                positionIds: [Int32]? = nil,
                wordFirst: [[Int]], wordLast: [[Int]], queryPositions: [[Int]], queryWidths: [[Int]]? = nil, positives: [[SpanTarget]] = []) {
        self.batch = batch; self.length = length; self.inputIds = inputIds; self.attentionMask = attentionMask
        self.tokenTypeIds = tokenTypeIds; self.positionIds = positionIds; self.wordFirst = wordFirst; self.wordLast = wordLast
        self.queryPositions = queryPositions
        self.queryWidths = queryWidths
        self.positives = positives.isEmpty ? Array(repeating: [], count: batch) : positives
    }

    /// The number of non-padding tokens.
    public var tokenCount: Int { attentionMask.reduce(0) { $0 + ($1 != 0 ? 1 : 0) } }

    /// Checks sizes and index ranges.
    /// - Throws: `NumericsError.invalidInput` naming the sequence and the index at fault.
    public func validate() throws {
        let n = batch * length
        guard batch > 0, length > 0, inputIds.count == n, attentionMask.count == n, tokenTypeIds.map({ $0.count == n }) ?? true,
              positionIds.map({ $0.count == n }) ?? true else {
            throw NumericsError.invalidInput("token arrays must hold batch × length = \(n) values")
        }
        guard wordFirst.count == batch, wordLast.count == batch, queryPositions.count == batch, positives.count == batch,
              queryWidths.map({ $0.count == batch }) ?? true else {
            throw NumericsError.invalidInput("word, query and positive lists must have one entry per sequence (\(batch))")
        }
        for b in 0..<batch {
            guard wordFirst[b].count == wordLast[b].count else {
                throw NumericsError.invalidInput("sequence \(b): wordFirst and wordLast differ in length")
            }
            for (i, (f, l)) in zip(wordFirst[b], wordLast[b]).enumerated() where !(0 <= f && f <= l && l < length) {
                throw NumericsError.invalidInput("sequence \(b), word \(i): token range \(f)...\(l) outside 0..<\(length)")
            }
            for q in queryPositions[b] where !(0..<length).contains(q) {
                throw NumericsError.invalidInput("sequence \(b): query position \(q) outside 0..<\(length)")
            }
            if let widths = queryWidths?[b] {
                guard widths.count == queryPositions[b].count else {
                    throw NumericsError.invalidInput("sequence \(b): \(widths.count) query widths for \(queryPositions[b].count) queries")
                }
                for (q, w) in zip(queryPositions[b], widths) where w < 1 || q + w > length {
                    throw NumericsError.invalidInput("sequence \(b): query tokens \(q)..<\(q + w) outside 0..<\(length)")
                }
            }
            for p in positives[b] where !(0..<queryPositions[b].count).contains(p.query) || p.start < 0 || p.end < p.start
                || p.end >= wordFirst[b].count {
                throw NumericsError.invalidInput("sequence \(b): gold span \(p) refers to a missing query or word")
            }
        }
    }
}
