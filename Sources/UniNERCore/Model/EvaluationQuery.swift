/// One evaluation query of the paper's protocol: a sentence and one label of its dataset's label set.
public struct EvaluationQuery: Codable, Sendable, Hashable {
    public var id: String
    public var dataset: String
    public var text: String
    public var label: String
    /// Gold mention strings of this label, in order of appearance (duplicates kept, as the official files do).
    public var answers: [String]
    /// Gold character spans, when the source has offsets (for the span metric).
    public var spans: [CharacterSpan]?
    /// Ask with `Dataset: {dataset}` before the text (the supervised setting of Fig. 3).
    public var datasetField: Bool

    public init(id: String, dataset: String, text: String, label: String, answers: [String],
                spans: [CharacterSpan]? = nil, datasetField: Bool = false) {
        self.id = id
        self.dataset = dataset
        self.text = text
        self.label = label
        self.answers = answers
        self.spans = spans
        self.datasetField = datasetField
    }

    enum CodingKeys: String, CodingKey { case id, dataset, text, label, answers, spans, datasetField = "dataset_field" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), dataset: try c.decode(String.self, forKey: .dataset),
                  text: try c.decode(String.self, forKey: .text), label: try c.decode(String.self, forKey: .label),
                  answers: try c.decode([String].self, forKey: .answers),
                  spans: try c.decodeIfPresent([CharacterSpan].self, forKey: .spans),
                  datasetField: try c.decodeIfPresent(Bool.self, forKey: .datasetField) ?? false)
    }
}

/// A half-open range of Unicode-scalar offsets into a text.
public struct CharacterSpan: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }
}
