import UniNERCore

/// A sampler that draws negatives by index among the types a passage may receive (`NegativeCandidates`): the
/// part `uniform` and `frequency` share. Each says only how it draws.
protocol CandidateNegativeSampler: NegativeSampler {
    var perPassage: Int { get }
    /// The annotated set's tables, kept across the passages of a run.
    var cache: FrequencyTableCache { get }
    /// At most `perPassage` distinct indices into `frequencies.types`, none of `candidates.excluded`.
    func draw(from candidates: NegativeCandidates, frequencies: TypeFrequencies, using generator: inout SeededRandom) -> [Int]
}

extension CandidateNegativeSampler {
    public func negatives(for passage: AnnotatedPassage, frequencies: TypeFrequencies,
                          using generator: inout SeededRandom) -> [String] {
        let candidates = NegativeCandidates(passage: passage, frequencies: frequencies, cache: cache)
        return draw(from: candidates, frequencies: frequencies, using: &generator).map { frequencies.types[$0] }
    }
}
