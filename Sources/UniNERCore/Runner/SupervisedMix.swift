/// Turns the recipe's `supervised:` sources into annotated passages: gold mentions with their types as the
/// prompt style names them, the dataset's absent labels as negatives (every label is asked, as in the
/// paper's supervised data), and the dataset name when the source uses the dataset field.
public struct SupervisedMix: Sendable {
    public var sources: [SupervisedSource]
    public var datasets: (any DatasetProvider)?
    public var style: any PromptStyle
    public var seed: UInt64

    public init(sources: [SupervisedSource], datasets: (any DatasetProvider)?, style: any PromptStyle, seed: UInt64) {
        self.sources = sources
        self.datasets = datasets
        self.style = style
        self.seed = seed
    }

    public func passages() throws -> [AnnotatedPassage] {
        guard !sources.isEmpty else { return [] }
        guard let datasets else {
            throw UniNERError("the recipe mixes supervised data but no benchmark data was found",
                              help: "set UNINER_DATA to the benchmark folder")
        }
        var passages: [AnnotatedPassage] = []
        for source in sources {
            let split = try datasets.load(dataset: source.dataset, split: source.split)
            let sentences = SeededSubset.draw(split.sentences, count: source.count, seed: seed,
                                              stream: "supervised/\(source.dataset)/\(source.split)")
            let labels = try split.labels.map { try style.label(forType: $0) }
            let converted = try sentences.map { sentence in
                let mentions = try sentence.entities.map { Mention(text: $0.text, type: try style.label(forType: $0.type)) }
                let present = Set(mentions.map(\.type))
                return AnnotatedPassage(
                    passage: Passage(id: "\(source.dataset)/\(source.split)/\(sentence.id)", text: sentence.text,
                                     source: source.dataset),
                    mentions: mentions, negativeTypes: labels.filter { !present.contains($0) },
                    dataset: source.datasetField ? source.dataset : nil)
            }
            for _ in 0..<source.weight { passages += converted }
        }
        return passages
    }
}
