/// The paired bootstrap of the difference in average F1 between a variant and a baseline evaluated on the same
/// test sentences.
///
/// The statistic is the paper's average: the unweighted mean over datasets of each dataset's micro F1 (official
/// formula, from summed counts). One resample draws, for every dataset, as many sentence indices as the dataset
/// has, with replacement; the same indices are applied to both sides, so what varies between the two is only the
/// models. With several seeds per side, each resample also draws one seed run per side (uniformly, independently:
/// a seed value trains a different model in each variant), so the interval holds seed variance as well as test-set
/// variance. With one seed per side it is the plain paired bootstrap over sentences.
///
/// Δ is the difference of the mean average F1 over each side's seeds (no resampling); the interval is the
/// percentile interval of the resampled Δ (linear interpolation between order statistics, as numpy's default);
/// `atMostZero` is the share of resamples with Δ ≤ 0, a one-sided p-value for "the variant is better".
public struct PairedBootstrap: Sendable {
    /// One seed's run: dataset → counts per test sentence, in sentence order.
    public typealias Sample = [String: [MetricCounts]]

    /// One resample: the seed run of each side and, per dataset, the sentence indices drawn.
    public struct Draw: Codable, Sendable, Equatable {
        public var baselineSeed: Int
        public var variantSeed: Int
        public var indices: [String: [Int]]

        public init(baselineSeed: Int, variantSeed: Int, indices: [String: [Int]]) {
            self.baselineSeed = baselineSeed
            self.variantSeed = variantSeed
            self.indices = indices
        }
    }

    public var resamples: Int
    public var seed: UInt64
    /// Coverage of the interval (0.95: the 2.5th and 97.5th percentiles).
    public var confidence: Double

    public static let defaultResamples = 1000

    public init(resamples: Int = PairedBootstrap.defaultResamples, seed: UInt64 = 0, confidence: Double = 0.95) {
        self.resamples = resamples
        self.seed = seed
        self.confidence = confidence
    }

    /// Δ, its interval and the share of resamples with Δ ≤ 0, for `variant` against `baseline` on `datasets`.
    /// - Throws: `UniNERError` when a side has no run, lacks a dataset, or two runs differ in sentence count.
    public func compare(baseline: [Sample], variant: [Sample], datasets: [String]) throws -> BootstrapOutcome {
        let sizes = try sentenceCounts(baseline: baseline, variant: variant, datasets: datasets)
        return try outcome(baseline: baseline, variant: variant, datasets: datasets,
                           draws: draws(baselineSeeds: baseline.count, variantSeeds: variant.count, sizes: sizes))
    }

    /// The resamples `compare` uses, from `seed`: the same arguments give the same draws on every machine.
    public func draws(baselineSeeds: Int, variantSeeds: Int, sizes: [(dataset: String, sentences: Int)]) -> [Draw] {
        var random = SeededRandom(seed: seed, stream: "paired-bootstrap")
        return (0..<resamples).map { _ in
            let baselineSeed = baselineSeeds > 1 ? random.int(below: baselineSeeds) : 0
            let variantSeed = variantSeeds > 1 ? random.int(below: variantSeeds) : 0
            var indices: [String: [Int]] = [:]
            for (dataset, count) in sizes { indices[dataset] = (0..<count).map { _ in random.int(below: count) } }
            return Draw(baselineSeed: baselineSeed, variantSeed: variantSeed, indices: indices)
        }
    }

    /// The outcome over given draws (the tests check it against a reference computed elsewhere from the same draws).
    public func outcome(baseline: [Sample], variant: [Sample], datasets: [String], draws: [Draw]) throws -> BootstrapOutcome {
        _ = try sentenceCounts(baseline: baseline, variant: variant, datasets: datasets)
        guard !draws.isEmpty else {
            throw UniNERError("no resamples to take an interval from", help: "use at least \(Self.defaultResamples) resamples")
        }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }
        let delta = mean(variant.map { Self.averageF1($0, datasets: datasets) })
            - mean(baseline.map { Self.averageF1($0, datasets: datasets) })
        let deltas = draws.map { draw in
            Self.averageF1(variant[draw.variantSeed], datasets: datasets, indices: draw.indices)
                - Self.averageF1(baseline[draw.baselineSeed], datasets: datasets, indices: draw.indices)
        }.sorted()
        let tail = (1 - confidence) / 2
        return BootstrapOutcome(delta: delta, lower: Self.percentile(deltas, tail), upper: Self.percentile(deltas, 1 - tail),
                                atMostZero: Double(deltas.filter { $0 <= 0 }.count) / Double(deltas.count),
                                resamples: deltas.count, baselineSeeds: baseline.count, variantSeeds: variant.count)
    }

    /// The paper's average over `datasets` of the micro F1 of the sentences at `indices` (all when nil).
    public static func averageF1(_ sample: Sample, datasets: [String], indices: [String: [Int]]? = nil) -> Double {
        let scores = datasets.map { dataset -> Double in
            let sentences = sample[dataset] ?? []
            guard let chosen = indices?[dataset] else { return sentences.reduce(.zero, +).f1 }
            return chosen.reduce(into: MetricCounts.zero) { $0 += sentences[$1] }.f1
        }
        return scores.reduce(0, +) / Double(max(scores.count, 1))
    }

    /// The `q` quantile of sorted values, interpolating linearly between the order statistics around `q·(n−1)`.
    public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let low = Int(position.rounded(.down))
        let high = min(low + 1, sorted.count - 1)
        return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }

    /// Each dataset's sentence count, the same in every run of both sides (else the pairing means nothing).
    func sentenceCounts(baseline: [Sample], variant: [Sample], datasets: [String]) throws -> [(dataset: String, sentences: Int)] {
        guard !baseline.isEmpty, !variant.isEmpty else {
            throw UniNERError("a side of the comparison has no run with per-sentence counts",
                                 help: "rerun its cells (results written before per-sentence counts existed have none)")
        }
        guard !datasets.isEmpty else {
            throw UniNERError("no dataset to average over", help: "name evaluated datasets in the claim's 'datasets:'")
        }
        return try datasets.map { dataset in
            let counts = (baseline + variant).map { $0[dataset]?.count }
            guard let first = counts[0], first > 0, counts.allSatisfy({ $0 == first }) else {
                let shown = counts.map { $0.map(String.init) ?? "none" }.joined(separator: ", ")
                throw UniNERError("dataset '\(dataset)' has different or missing sentence counts across the runs compared (\(shown))",
                                     help: "compare runs evaluated on the same split with the same 'evaluate.max_sentences'")
            }
            return (dataset, first)
        }
    }
}
