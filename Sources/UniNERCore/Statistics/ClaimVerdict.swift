/// The verdict on a claim "A is better than B" from the interval of Δ = A − B.
public enum ClaimVerdict: String, Codable, Sendable {
    /// The whole interval is above 0.
    case holds
    /// The interval holds 0.
    case notSignificant = "not significant"
    /// The whole interval is below 0: B is better.
    case reversed

    public init(lower: Double, upper: Double) {
        if lower > 0 {
            self = .holds
        } else if upper < 0 {
            self = .reversed
        } else {
            self = .notSignificant
        }
    }
}
