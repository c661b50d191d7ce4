import Foundation

/// How span probabilities become mentions (the span-encoder predictor decodes; the modes are shared by the
/// recipe options, the saved model info and `uniner predict`).
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
}
