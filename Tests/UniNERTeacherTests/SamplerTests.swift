import Testing
import UniNERCore
@testable import UniNERSampling

@Suite struct SamplerTests {
    /// Ten types with counts 400, 200, ..., 15 (total 1000); the passage mentions `t1` (count 200).
    static let counts = [400, 200, 100, 80, 60, 50, 40, 30, 25, 15]
    static let frequencies = TypeFrequencies(Dictionary(uniqueKeysWithValues: counts.enumerated().map { ("t\($0.offset)", $0.element) }))
    static let passage = AnnotatedPassage(passage: Passage(id: "p", text: "x"), mentions: [Mention(text: "x", type: "t1")])
    /// χ²(0.999) with 8 degrees of freedom (nine candidate types).
    static let critical = 26.12

    /// Draws `per_passage` = 1 negative `n` times and counts how often each type came.
    static func tally(_ sampler: some NegativeSampler, draws n: Int = 20_000, seed: UInt64 = 13) -> [String: Int] {
        var generator = SeededRandom(seed: seed)
        var tally: [String: Int] = [:]
        for _ in 0..<n {
            for type in sampler.negatives(for: passage, frequencies: frequencies, using: &generator) { tally[type, default: 0] += 1 }
        }
        return tally
    }

    /// Pearson's χ² of a tally against expected probabilities.
    static func chiSquare(_ tally: [String: Int], expected: [String: Double]) -> Double {
        let n = Double(tally.values.reduce(0, +))
        return expected.reduce(0) { sum, entry in
            let observed = Double(tally[entry.key] ?? 0), wanted = n * entry.value
            return sum + (observed - wanted) * (observed - wanted) / wanted
        }
    }

    static var frequencyExpectation: [String: Double] {
        var expected: [String: Double] = [:]
        for (index, count) in counts.enumerated() where index != 1 { expected["t\(index)"] = Double(count) / 800 }
        return expected
    }

    static var uniformExpectation: [String: Double] {
        Dictionary(uniqueKeysWithValues: (0..<10).filter { $0 != 1 }.map { ("t\($0)", 1.0 / 9) })
    }

    @Test func frequencySamplerMatchesFrequencies() {
        let tally = Self.tally(FrequencyNegativeSampler(perPassage: 1))
        #expect(tally["t1"] == nil, "never a present type")
        let fit = Self.chiSquare(tally, expected: Self.frequencyExpectation)
        let flat = Self.chiSquare(tally, expected: Self.uniformExpectation)
        print("frequency sampler: chi-square vs frequencies \(fit), vs uniform \(flat) (8 df, critical \(Self.critical))")
        #expect(fit < Self.critical)
        #expect(flat > 100 * Self.critical, "the test can tell frequency from uniform")
    }

    @Test func uniformSamplerIsFlat() {
        let tally = Self.tally(UniformNegativeSampler(perPassage: 1))
        #expect(tally["t1"] == nil, "never a present type")
        let fit = Self.chiSquare(tally, expected: Self.uniformExpectation)
        let skewed = Self.chiSquare(tally, expected: Self.frequencyExpectation)
        print("uniform sampler: chi-square vs uniform \(fit), vs frequencies \(skewed) (8 df, critical \(Self.critical))")
        #expect(fit < Self.critical)
        #expect(skewed > 100 * Self.critical, "the test can tell uniform from frequency")
    }

    @Test(arguments: [1, 3, 8, 9, 20])
    func drawsAreDistinctAbsentAndSeeded(perPassage: Int) {
        var rich = Self.passage
        rich.mentions.append(Mention(text: "y", type: "t0"))
        rich.negativeTypes = ["t5"]
        let samplers: [any NegativeSampler] = [UniformNegativeSampler(perPassage: perPassage),
                                               FrequencyNegativeSampler(perPassage: perPassage)]
        for sampler in samplers {
            for seed in 0..<200 as Range<UInt64> {
                var generator = SeededRandom(seed: seed), again = SeededRandom(seed: seed)
                let drawn = sampler.negatives(for: rich, frequencies: Self.frequencies, using: &generator)
                #expect(drawn == sampler.negatives(for: rich, frequencies: Self.frequencies, using: &again))
                #expect(drawn.count == min(perPassage, 7), "seven types are absent and not yet negatives")
                #expect(Set(drawn).count == drawn.count, "without replacement")
                #expect(Set(drawn).isDisjoint(with: ["t0", "t1", "t5"]), "never present, never already a negative")
            }
        }
    }

    @Test func frequencySamplerCopesWhenPresentTypesHoldMostOfTheMass() {
        var heavy = Self.passage
        heavy.mentions = ["t0", "t1", "t2", "t3", "t4", "t5", "t6"].map { Mention(text: $0, type: $0) }
        var generator = SeededRandom(seed: 3)
        var tally: [String: Int] = [:]
        for _ in 0..<7_000 {
            for type in FrequencyNegativeSampler(perPassage: 1).negatives(for: heavy, frequencies: Self.frequencies,
                                                                          using: &generator) {
                tally[type, default: 0] += 1
            }
        }
        let fit = Self.chiSquare(tally, expected: ["t7": 30.0 / 70, "t8": 25.0 / 70, "t9": 15.0 / 70])
        #expect(Set(tally.keys) == ["t7", "t8", "t9"])
        #expect(fit < 13.82, "chi-square \(fit) with 2 df")
    }

    @Test func noneAddsNothing() {
        var generator = SeededRandom(seed: 1)
        #expect(NoNegativeSampler().negatives(for: Self.passage, frequencies: Self.frequencies, using: &generator).isEmpty)
    }
}

/// The samplers at the paper's scale: 13,020 types with a heavy tail, many passages.
@Suite struct SamplerScaleTests {
    @Test func paperScaleIsQuickAndFollowsTheTail() {
        // Zipf-like counts: type k has count ⌈20000 / (k + 1)⌉.
        let table = Dictionary(uniqueKeysWithValues: (0..<13_020).map { ("type\($0)", (20_000 + $0) / ($0 + 1)) })
        let frequencies = TypeFrequencies(table)
        let head = Set(frequencies.types.prefix(130))
        let headShare = Double(frequencies.counts.prefix(130).reduce(0, +)) / Double(frequencies.total)
        let sampler = FrequencyNegativeSampler(perPassage: 4)
        var generator = SeededRandom(seed: 13)
        var drawn = 0, inHead = 0
        let clock = ContinuousClock(), start = clock.now
        for index in 0..<5_000 {
            let present = ["type\(index % 7)", "type\(index % 500)", "type\(13_019 - index % 1000)"]
            let passage = AnnotatedPassage(passage: Passage(id: "p\(index)", text: ""),
                                           mentions: present.map { Mention(text: $0, type: $0) })
            let negatives = sampler.negatives(for: passage, frequencies: frequencies, using: &generator)
            #expect(negatives.count == 4 && Set(negatives).isDisjoint(with: present))
            drawn += negatives.count
            inHead += negatives.filter(head.contains).count
        }
        let elapsed = clock.now - start
        let observed = Double(inHead) / Double(drawn)
        print("frequency sampler, 13,020 types x 5,000 passages: \(elapsed); top-1% share of negatives \(observed) (of mentions \(headShare))")
        #expect(abs(observed - headShare) < 0.05)
        #expect(elapsed < .seconds(20))
    }
}
