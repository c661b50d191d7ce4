/// A passage with the teacher's mentions.
public struct AnnotatedPassage: Codable, Sendable, Hashable {
    public var passage: Passage
    public var mentions: [Mention]
    /// Types the source says are absent from the passage (the released data's `[]` answers); samplers add more.
    public var negativeTypes: [String]
    /// The dataset name, for the dataset-specific template (Fig. 3) in supervised mixing.
    public var dataset: String?

    public init(passage: Passage, mentions: [Mention], negativeTypes: [String] = [], dataset: String? = nil) {
        self.passage = passage
        self.mentions = mentions
        self.negativeTypes = negativeTypes
        self.dataset = dataset
    }

    /// The distinct types of the mentions, in order of first appearance.
    public var presentTypes: [String] {
        var seen = Set<String>()
        return mentions.compactMap { seen.insert($0.type).inserted ? $0.type : nil }
    }
}
