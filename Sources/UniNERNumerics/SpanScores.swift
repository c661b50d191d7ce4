import Foundation

/// The probabilities of one sequence: `probs[s * queryCount + q]` for span `spans[s]` (word indices, inclusive)
/// and query `q`.
public struct SpanScores: Sendable {
    /// [S] the scored spans, first and last word (inclusive).
    public var spans: [(start: Int, end: Int)]
    /// Q, the number of queries.
    public var queryCount: Int
    /// [S, Q] sigmoid probabilities.
    public var probs: [Float]
    public init(spans: [(start: Int, end: Int)], queryCount: Int, probs: [Float]) {
        self.spans = spans; self.queryCount = queryCount; self.probs = probs
    }

    /// The probability of span `s` for query `q`.
    public func probability(span s: Int, query q: Int) -> Float { probs[s * queryCount + q] }
}
