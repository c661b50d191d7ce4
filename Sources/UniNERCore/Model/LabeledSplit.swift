/// One split of a labelled dataset: its sentences and its label set in natural language.
public struct LabeledSplit: Codable, Sendable {
    /// The dataset's name as the benchmark folder names it (`CrossNER_AI`, `conll2003`).
    public var dataset: String
    /// `train`, `dev` or `test`.
    public var split: String
    /// The label set in natural language, in the order the dataset defines it.
    public var labels: [String]
    public var sentences: [Sentence]

    public init(dataset: String, split: String, labels: [String], sentences: [Sentence]) {
        self.dataset = dataset
        self.split = split
        self.labels = labels
        self.sentences = sentences
    }

    /// Number of gold entity mentions in the split.
    public var entityCount: Int { sentences.reduce(0) { $0 + $1.entities.count } }
}
