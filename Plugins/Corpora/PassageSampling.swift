import UniNERCore

/// Seeded sampling of passages: the same seed picks the same passages on every machine.
public enum PassageSampling {
    /// `count` passages drawn uniformly without replacement (`SeededSubset` with the stream `corpus.sample`),
    /// returned in their original order; all of them when `count` is `nil` or not smaller than their number.
    public static func sample(_ passages: [Passage], count: Int?, seed: UInt64) -> [Passage] {
        SeededSubset.draw(passages, count: count, seed: seed, stream: "corpus.sample")
    }

    /// Chunks every document and samples the passages.
    /// - Parameter documents: (document id, text, source) in a stable order.
    /// - Returns: passages with ids `{document id}#{chunk index}`.
    public static func passages(from documents: [(id: String, text: String, source: String?)],
                                chunker: PassageChunker, sample count: Int?, seed: UInt64) -> [Passage] {
        var passages: [Passage] = []
        for document in documents {
            for (index, chunk) in chunker.chunks(of: document.text).enumerated() {
                passages.append(Passage(id: "\(document.id)#\(index)", text: chunk, source: document.source))
            }
        }
        return sample(passages, count: count, seed: seed)
    }
}
