/// The values a numeric option accepts, declared once in its `OptionSpec` and checked for every plugin by the
/// recipe loader before the options are decoded (a plugin need not repeat the check).
public struct OptionRange: Codable, Sendable, Hashable, CustomStringConvertible {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// Greater than zero.
    public static let positive = OptionRange(lower: 0, lowerInclusive: false)
    /// Zero or more.
    public static let nonNegative = OptionRange(lower: 0)
    /// One or more (counts, sizes).
    public static let atLeastOne = OptionRange(lower: 1)
    /// A probability: [0, 1].
    public static let probability = OptionRange(lower: 0, upper: 1)
    /// A share that must leave something: [0, 1).
    public static let share = OptionRange(lower: 0, upper: 1, upperInclusive: false)

    public static func atLeast(_ value: Double) -> OptionRange { OptionRange(lower: value) }

    public func contains(_ value: Double) -> Bool {
        if let lower, lowerInclusive ? value < lower : value <= lower { return false }
        if let upper, upperInclusive ? value > upper : value >= upper { return false }
        return true
    }

    public var description: String {
        func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        }
        switch (lower, upper) {
        case let (lower?, upper?):
            return "in \(lowerInclusive ? "[" : "(")\(number(lower)), \(number(upper))\(upperInclusive ? "]" : ")")"
        case let (lower?, nil): return lowerInclusive ? "at least \(number(lower))" : "greater than \(number(lower))"
        case let (nil, upper?): return upperInclusive ? "at most \(number(upper))" : "less than \(number(upper))"
        case (nil, nil): return "any finite number"
        }
    }
}
