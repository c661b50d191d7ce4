/// The verdict on a claim "A is better than B" (or "A is at least as good as B") from the interval of Δ = A − B.
public enum ClaimVerdict: String, Codable, Sendable {
    /// The whole interval is above 0 (for "at least as good": at or above 0).
    case holds
    /// The interval holds 0.
    case notSignificant = "not significant"
    /// The whole interval is below 0: B is better.
    case reversed

    /// - Parameter orEqual: the claim is "A ≥ B": an interval that starts at exactly 0 (A never worse on any
    ///   resample, as partial match against strict) holds it.
    public init(lower: Double, upper: Double, orEqual: Bool = false) {
        if lower > 0 || (orEqual && lower >= 0) {
            self = .holds
        } else if upper < 0 {
            self = .reversed
        } else {
            self = .notSignificant
        }
    }
}
