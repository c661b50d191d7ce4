/// What a paired bootstrap says about a variant against a baseline: Δ (average F1, as a fraction), its interval
/// and the share of resamples with Δ ≤ 0.
public struct BootstrapOutcome: Codable, Sendable, Equatable {
    public var delta: Double
    public var lower: Double
    public var upper: Double
    public var atMostZero: Double
    public var resamples: Int
    public var baselineSeeds: Int
    public var variantSeeds: Int

    public init(delta: Double, lower: Double, upper: Double, atMostZero: Double, resamples: Int,
                baselineSeeds: Int, variantSeeds: Int) {
        self.delta = delta
        self.lower = lower
        self.upper = upper
        self.atMostZero = atMostZero
        self.resamples = resamples
        self.baselineSeeds = baselineSeeds
        self.variantSeeds = variantSeeds
    }

    /// The verdict on "the variant is better".
    public var verdict: ClaimVerdict { ClaimVerdict(lower: lower, upper: upper) }

    /// The verdict on "the variant is better" (`orEqual`: "at least as good").
    public func verdict(orEqual: Bool) -> ClaimVerdict { ClaimVerdict(lower: lower, upper: upper, orEqual: orEqual) }
}
