import UniNERCore

/// A `CorpusSource` that yields fixed passages, for tests of the stages after the corpus.
public struct InMemoryCorpus: CorpusSource {
    public let fixedPassages: [Passage]

    public init(_ passages: [Passage]) {
        fixedPassages = passages
    }

    /// Passages `p0`, `p1`... with the given texts.
    public init(texts: [String]) {
        self.init(texts.enumerated().map { Passage(id: "p\($0.offset)", text: $0.element, source: "memory") })
    }

    public func passages(context: RunContext) throws -> [Passage] { fixedPassages }
}
