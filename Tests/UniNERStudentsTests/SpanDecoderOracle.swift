import Foundation
import UniNERNumerics

/// The span decoding rules written plainly over one sequence's scores, to check the predictor's decoder
/// (which works on merged windows) against.
enum SpanDecoderOracle {
    /// A decoded mention: words `start...end`, for query `query`, with its probability.
    struct Mention: Hashable {
        var query: Int, start: Int, end: Int
        var probability: Float
    }

    /// Every (span, query) pair at or above `threshold`, then, unless `mode` is `.threshold`, greedily highest
    /// probability first: no two mentions on one span; `flat` allows no shared word, `nested` allows nesting
    /// but no partial overlap. Sorted by start word, then end word, then query.
    static func decode(_ scores: SpanScores, threshold: Float, mode: SpanDecoder.Mode) -> [Mention] {
        var candidates: [Mention] = []
        for (s, span) in scores.spans.enumerated() {
            for q in 0..<scores.queryCount {
                let p = scores.probs[s * scores.queryCount + q]
                if p >= threshold { candidates.append(Mention(query: q, start: span.start, end: span.end, probability: p)) }
            }
        }
        var chosen: [Mention] = []
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
