import Foundation

/// A decoded mention: words `start...end` of one sequence, for query `query`, with its probability.
public struct SpanPrediction: Hashable, Codable, Sendable {
    public var query: Int, start: Int, end: Int
    public var probability: Float
    public init(query: Int, start: Int, end: Int, probability: Float) {
        self.query = query; self.start = start; self.end = end; self.probability = probability
    }
}

/// Turns span probabilities into mentions.
public enum SpanDecoder {
    /// How overlapping candidates are resolved.
    public enum Mode: String, Codable, Sendable, CaseIterable {
        /// Every (span, query) pair at or above the threshold.
        case threshold
        /// Greedy, highest probability first, no two mentions sharing a word (one label per span).
        case flat
        /// Greedy, highest probability first, mentions may nest but not partially overlap; one label per span.
        case nested
    }

    /// Decodes one sequence's scores.
    /// - Returns: mentions sorted by start word, then end word, then query.
    public static func decode(_ scores: SpanScores, threshold: Float, mode: Mode) -> [SpanPrediction] {
        var candidates: [SpanPrediction] = []
        for (s, span) in scores.spans.enumerated() {
            for q in 0..<scores.queryCount {
                let p = scores.probs[s * scores.queryCount + q]
                if p >= threshold { candidates.append(SpanPrediction(query: q, start: span.start, end: span.end, probability: p)) }
            }
        }
        var chosen: [SpanPrediction] = []
        if mode == .threshold {
            chosen = candidates
        } else {
            candidates.sort {
                ($0.probability, $1.start, $1.end, $1.query) > ($1.probability, $0.start, $0.end, $0.query)
            }
            for c in candidates {
                let clash = chosen.contains { a in
                    let disjoint = c.end < a.start || a.end < c.start
                    if disjoint { return false }
                    if c.start == a.start && c.end == a.end { return true }
                    if mode == .flat { return true }
                    let nests = (c.start <= a.start && a.end <= c.end) || (a.start <= c.start && c.end <= a.end)
                    return !nests
                }
                if !clash { chosen.append(c) }
            }
        }
        return chosen.sorted { ($0.start, $0.end, $0.query) < ($1.start, $1.end, $1.query) }
    }
}
