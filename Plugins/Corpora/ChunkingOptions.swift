import UniNERCore

/// The chunking and sampling keys every corpus takes: `max_tokens` and `sample`.
public struct ChunkingOptions: Sendable, Hashable {
    public var maxTokens: Int
    /// Passages to sample with the seed; all when `nil`.
    public var sample: Int?

    public static let specs: [OptionSpec] = [
        OptionSpec("max_tokens", "int", default: "256", "most whitespace tokens per passage (paper: 256)", range: .atLeastOne),
        OptionSpec("sample", "int", default: "null", "passages sampled with the seed (paper: 50000); all when absent", range: .nonNegative),
    ]

    public init(maxTokens: Int = 256, sample: Int? = nil) {
        self.maxTokens = maxTokens
        self.sample = sample
    }

    /// Decodes `max_tokens` and `sample` from a container of the corpus options.
    /// - Throws: `InvalidOption` for a non-positive value.
    public init<K: CodingKey>(from container: KeyedDecodingContainer<K>, maxTokens: K, sample: K) throws {
        self.maxTokens = try container.decode(maxTokens, default: 256)
        self.sample = try container.decodeIfPresent(Int.self, forKey: sample)
        guard self.maxTokens >= 1 else {
            throw InvalidOption("max_tokens", "must be at least 1, found \(self.maxTokens)")
        }
        if let count = self.sample, count < 1 {
            throw InvalidOption("sample", "must be at least 1, found \(count)", help: "leave it out to keep every passage")
        }
    }

    public var chunker: PassageChunker { PassageChunker(maxTokens: maxTokens) }
}
