/// One training conversation built from an annotated passage by a query template.
///
/// `per-type` (Fig. 2): one question per type, each answered with the JSON list of its mentions.
/// `all-in-one`: a single question listing every type, answered with every (mention, type) pair.
public struct InstructionExample: Codable, Sendable, Hashable {
    public enum Layout: String, Codable, Sendable { case perType = "per-type", allInOne = "all-in-one" }

    public var id: String
    public var text: String
    /// Set when the dataset-specific template puts `Dataset: D` before the text.
    public var dataset: String?
    public var layout: Layout
    /// The questions in conversation order; negatives have empty answers.
    public var queries: [LabelQuery]

    public init(id: String, text: String, dataset: String? = nil, layout: Layout = .perType, queries: [LabelQuery]) {
        self.id = id
        self.text = text
        self.dataset = dataset
        self.layout = layout
        self.queries = queries
    }
}

/// A question about one label (a type name or a definition) and its gold answers (mention strings).
public struct LabelQuery: Codable, Sendable, Hashable {
    public var label: String
    public var answers: [String]

    public init(label: String, answers: [String]) {
        self.label = label
        self.answers = answers
    }
}
