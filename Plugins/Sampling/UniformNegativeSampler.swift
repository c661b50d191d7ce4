import UniNERCore

/// The `uniform` strategy of Tab. 4 (47.7 F1 in the paper): `per_passage` types drawn with equal probability,
/// without replacement, from every type of the annotated set that is absent from the passage (never a present
/// type, nor one of the passage's own negatives).
///
/// - Complexity: O(k) expected draws per passage when few types are excluded; O(T) when most are.
public struct UniformNegativeSampler: CandidateNegativeSampler {
    public let perPassage: Int
    let cache = FrequencyTableCache()

    public init(perPassage: Int = 4) {
        self.perPassage = perPassage
    }

    func draw(from candidates: NegativeCandidates, frequencies: TypeFrequencies, using generator: inout SeededRandom) -> [Int] {
        let wanted = min(perPassage, candidates.available)
        guard wanted > 0 else { return [] }
        let typeCount = frequencies.types.count
        var chosen: [Int] = []
        if candidates.available <= 2 * wanted {
            // Few candidates left: a partial Fisher-Yates over the explicit list.
            var pool = (0..<typeCount).filter { !candidates.excluded.contains($0) }
            for slot in 0..<wanted {
                let other = slot + generator.int(below: pool.count - slot)
                pool.swapAt(slot, other)
                chosen.append(pool[slot])
            }
        } else {
            // Rejection: draw any type, redraw when it is excluded or already chosen.
            var taken = Set<Int>()
            while chosen.count < wanted {
                let position = generator.int(below: typeCount)
                if candidates.excluded.contains(position) || !taken.insert(position).inserted { continue }
                chosen.append(position)
            }
        }
        return chosen
    }
}
