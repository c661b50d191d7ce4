import Foundation
import UniNERCore

/// The types a passage may receive as negatives: every type of the annotated set that is neither present in the
/// passage nor already one of its negatives, by index into `TypeFrequencies.types`. What the `uniform` and
/// `frequency` samplers both start from.
struct NegativeCandidates {
    /// The annotated set's index and cumulative counts, shared across the passages of a run.
    let table: FrequencyTableCache.Table
    /// Indices of types that must not be drawn.
    let excluded: Set<Int>
    let available: Int

    init(passage: AnnotatedPassage, frequencies: TypeFrequencies, cache: FrequencyTableCache) {
        table = cache.table(for: frequencies)
        var excluded = Set<Int>()
        for type in passage.presentTypes + passage.negativeTypes {
            if let position = table.index[type] { excluded.insert(position) }
        }
        self.excluded = excluded
        available = frequencies.types.count - excluded.count
    }
}

/// Per-frequencies tables that samplers reuse across the passages of one run: the index of each type and the
/// cumulative counts. Rebuilt only when a different `TypeFrequencies` value comes in (comparing arrays that share
/// storage is O(1)).
final class FrequencyTableCache: @unchecked Sendable {
    // @unchecked: every access to `current` holds `lock`.
    struct Table {
        let frequencies: TypeFrequencies
        let index: [String: Int]
        /// cumulative[i] = counts[0] + ... + counts[i].
        let cumulative: [Int]
    }

    private let lock = NSLock()
    private var current: Table?

    func table(for frequencies: TypeFrequencies) -> Table {
        lock.lock()
        defer { lock.unlock() }
        if let current, current.frequencies.counts == frequencies.counts,
           current.frequencies.types == frequencies.types {
            return current
        }
        var index: [String: Int] = [:]
        index.reserveCapacity(frequencies.types.count)
        for (position, type) in frequencies.types.enumerated() { index[type] = position }
        var cumulative: [Int] = []
        cumulative.reserveCapacity(frequencies.counts.count)
        var running = 0
        for count in frequencies.counts {
            running += max(count, 0)
            cumulative.append(running)
        }
        let table = Table(frequencies: frequencies, index: index, cumulative: cumulative)
        current = table
        return table
    }
}
