/// Yields the passages the teacher annotates: documents chunked to at most N tokens and sampled with the seed.
public protocol CorpusSource: Sendable {
    func passages(context: RunContext) throws -> [Passage]

    /// Benchmark datasets whose text becomes the passages (`dataset-text`): evaluating on one of them is not
    /// zero-shot, which the validator refuses without `in_domain: true`.
    var trainingDatasets: [String] { get }
}

extension CorpusSource {
    public var trainingDatasets: [String] { [] }
}
