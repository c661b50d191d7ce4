/// Chooses types absent from a passage to ask about anyway, with `[]` as the answer (paper Tab. 4).
public protocol NegativeSampler: Sendable {
    /// Types to add as negatives for `passage`; never one of its present types.
    /// - Parameters:
    ///   - frequencies: how often each type occurs over the whole annotated set.
    func negatives(for passage: AnnotatedPassage, frequencies: TypeFrequencies,
                   using generator: inout SeededRandom) -> [String]
}

/// Type counts over a whole annotated set, in a stable order (descending count, then name).
public struct TypeFrequencies: Codable, Sendable, Hashable {
    public let types: [String]
    public let counts: [Int]

    public init(_ passages: [AnnotatedPassage]) {
        var table: [String: Int] = [:]
        for passage in passages {
            for mention in passage.mentions { table[mention.type, default: 0] += 1 }
        }
        self.init(table)
    }

    public init(_ table: [String: Int]) {
        let ordered = table.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        types = ordered.map(\.key)
        counts = ordered.map(\.value)
    }

    public var total: Int { counts.reduce(0, +) }
}
