import Foundation

/// A sweep's results grouped per variant, one result per entry of `seeds:`: the one place where the reports
/// (and the comparison's statistics) get a variant's per-seed runs.
public enum SeedGroups {
    /// Per variant, in order of first appearance (the recipe's variant order), its results in the order given
    /// (the recipe's `seeds:` order); a recipe without `seeds:` gives one result per variant.
    public static func byVariant(_ results: [RunResult]) -> [(variant: String, seeds: [RunResult])] {
        var order: [String] = []
        var groups: [String: [RunResult]] = [:]
        for result in results {
            if groups[result.variant] == nil { order.append(result.variant) }
            groups[result.variant, default: []].append(result)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }

    /// Mean and sample standard deviation (n − 1; 0 for one value) of the values present; nil when none is.
    public static func meanAndStd(_ values: [Double?]) -> (mean: Double, std: Double, count: Int)? {
        let present = values.compactMap { $0 }
        guard !present.isEmpty else { return nil }
        let mean = present.reduce(0, +) / Double(present.count)
        guard present.count > 1 else { return (mean, 0, 1) }
        let squares = present.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        return (mean, (squares / Double(present.count - 1)).squareRoot(), present.count)
    }
}
