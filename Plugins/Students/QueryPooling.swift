/// Which encoder states become a label's query vector.
public enum QueryPooling: String, Codable, Sendable, CaseIterable {
    /// One token's state: `[CLS]` per type, the marker in front of each label in all-in-one and shared-pass inputs.
    case token
    /// The mean of the states of the label's own word pieces, the pooling the backbone's sentence embeddings were
    /// trained with, so that a label never seen in training starts from what the backbone makes of its words.
    case labelMean = "label_mean"
}
