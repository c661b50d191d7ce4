/// The one seeded subset draw: the supervised mix, the gold annotator's `limit` and the corpus sources' `sample`
/// all pick their passages with it, so the same seed and stream pick the same items on every machine.
public enum SeededSubset {
    /// Names the draw, for cache keys of stages that switched to it from a draw of their own.
    public static let algorithm = "stdlib-shuffle-prefix"

    /// `count` of `items` drawn uniformly without replacement, in their original order; all of them when `count`
    /// is nil or not smaller than their number.
    ///
    /// The draw is the standard library's `shuffle(using:)` over the indices with `SeededRandom(seed:stream:)`,
    /// then the first `count` indices: what the supervised mix has always drawn, so that the quickstart's 400
    /// CoNLL-2003 sentences (and every cache key below them) stay as they were.
    /// - Complexity: O(n log n) for n items (the shuffle, then sorting the `count` picked).
    public static func draw<Element>(_ items: [Element], count: Int?, seed: UInt64, stream: String) -> [Element] {
        guard let count, count < items.count else { return items }
        var generator = SeededRandom(seed: seed, stream: stream)
        var indices = Array(items.indices)
        indices.shuffle(using: &generator)
        return indices.prefix(count).sorted().map { items[$0] }
    }
}
