import Foundation

/// How the span loss is reduced over (span, query) pairs.
public enum LossReduction: String, Codable, Sendable {
    /// Mean over all scored pairs of the batch.
    case mean
    /// Sum over all scored pairs (GLiNER's default).
    case sum
}

/// The span model's configuration, saved next to its weights as `span_config.json`.
public struct SpanModelConfig: Codable, Equatable, Sendable {
    /// The encoder.
    public var encoder: BertConfig
    /// The longest span scored, in words (K).
    public var maxSpanWidth: Int
    /// The loss reduction over (span, query) pairs.
    public var lossReduction: LossReduction

    public init(encoder: BertConfig, maxSpanWidth: Int = 12, lossReduction: LossReduction = .mean) {
        self.encoder = encoder; self.maxSpanWidth = maxSpanWidth; self.lossReduction = lossReduction
    }
}
