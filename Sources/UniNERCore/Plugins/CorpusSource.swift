/// Yields the passages the teacher annotates: documents chunked to at most N tokens and sampled with the seed.
public protocol CorpusSource: Sendable {
    func passages(context: RunContext) throws -> [Passage]
}
