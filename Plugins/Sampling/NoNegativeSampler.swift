import UniNERCore

/// The `none` strategy of Tab. 4: no negative types are added (31.5 F1 in the paper).
public struct NoNegativeSampler: NegativeSampler {
    public init() {}

    public func negatives(for passage: AnnotatedPassage, frequencies: TypeFrequencies,
                          using generator: inout SeededRandom) -> [String] { [] }
}
