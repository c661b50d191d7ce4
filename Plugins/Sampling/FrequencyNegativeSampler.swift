import UniNERCore

/// The `frequency` strategy of the paper (§3.2, Tab. 4: 53.4 F1, the best): `per_passage` absent types drawn with
/// probability proportional to their frequency over the whole annotated set, without replacement (each draw is
/// proportional to frequency among the types not yet drawn), never a present type nor one of the passage's own
/// negatives.
///
/// - Complexity: O(k log T) expected per passage by rejection on a cumulative table; O(T) when the excluded
///   types hold most of the mass.
public struct FrequencyNegativeSampler: CandidateNegativeSampler {
    public let perPassage: Int
    let cache = FrequencyTableCache()

    public init(perPassage: Int = 4) {
        self.perPassage = perPassage
    }

    func draw(from candidates: NegativeCandidates, frequencies: TypeFrequencies, using generator: inout SeededRandom) -> [Int] {
        let table = candidates.table, counts = frequencies.counts
        let total = table.cumulative.last ?? 0
        let excludedMass = candidates.excluded.reduce(0) { $0 + max(counts[$1], 0) }
        let availableMass = total - excludedMass
        // Types with a zero count can never be drawn in proportion to frequency.
        let drawable = (0..<counts.count).lazy.filter { counts[$0] > 0 && !candidates.excluded.contains($0) }
        let wanted = min(perPassage, availableMass > 0 ? candidates.available : 0)
        guard wanted > 0 else { return [] }
        var chosen: [Int] = []
        var taken = Set<Int>()
        var chosenMass = 0
        var rejections = 0
        while chosen.count < wanted {
            let remaining = availableMass - chosenMass
            guard remaining > 0 else { break }
            // Rejection pays while the types still drawable hold a fair share of the mass.
            if rejections < 64 * wanted && remaining * 8 >= total {
                let target = generator.int(below: total)
                let position = firstIndex(in: table.cumulative, above: target)
                if candidates.excluded.contains(position) || taken.contains(position) {
                    rejections += 1
                    continue
                }
                taken.insert(position)
                chosen.append(position)
                chosenMass += counts[position]
            } else {
                // Exact draw among the remaining types, proportional to count.
                var target = generator.int(below: remaining)
                var picked: Int?
                for position in drawable where !taken.contains(position) {
                    if target < counts[position] { picked = position; break }
                    target -= counts[position]
                }
                guard let position = picked else { break }
                taken.insert(position)
                chosen.append(position)
                chosenMass += counts[position]
            }
        }
        return chosen
    }

    /// The first index whose cumulative count exceeds `target` (binary search).
    func firstIndex(in cumulative: [Int], above target: Int) -> Int {
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
