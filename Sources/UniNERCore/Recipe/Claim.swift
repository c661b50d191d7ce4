import Yams

/// One ordering the recipe's `claims:` expects its results to show: "`better` scores higher than `than`" on the
/// paper's average F1, over all evaluated datasets or over `datasets`.
///
/// Two subjects: variant names (`- {better: frequency, than: uniform}`: the sweep's variants, compared on the
/// first metric) and metric names (`- {better: partial, than: strict}`: compared within each variant). A variant
/// may be named in full or, when it is unique, by the value of one of its assignments (`frequency` for
/// `queries.negatives.kind=frequency`).
public struct Claim: Sendable, Equatable {
    public enum Subject: String, Sendable { case variants, metrics }

    /// The variant or metric expected to be better, resolved to its full name.
    public var better: String
    public var than: String
    public var subject: Subject
    /// The datasets the average is taken over; nil: every evaluated dataset.
    public var datasets: [String]?
    /// "at least as good" (`or_equal: true`, written ≥): an interval starting at 0 holds it.
    public var orEqual: Bool
    /// The claim as written, for reports (`frequency > uniform`).
    public var text: String

    public init(better: String, than: String, subject: Subject, datasets: [String]? = nil, orEqual: Bool = false,
                text: String? = nil) {
        self.better = better
        self.than = than
        self.subject = subject
        self.datasets = datasets
        self.orEqual = orEqual
        self.text = text ?? "\(better) \(orEqual ? "≥" : ">") \(than)"
    }

    static let keys = ["better", "than", "datasets", "or_equal"]

    /// Parses a `claims:` list against the recipe's variant names, metrics and evaluated datasets.
    /// - Throws: `RecipeError` at the offending key or value, listing the valid names.
    static func parse(_ node: Node?, variants: [String], metrics: [String], datasets: [String],
                      file: String) throws -> [Claim] {
        guard let node else { return [] }
        guard case .sequence(let items) = node else {
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: node, file: file), keyPath: "claims",
                              "'claims' must be a list of {better: NAME, than: NAME}",
                              help: "write e.g. 'claims:' then '- {better: frequency, than: uniform}'")
        }
        let named = variants.filter { !$0.isEmpty }
        return try items.enumerated().map { index, item in
            let path = "claims[\(index)]"
            guard case .mapping(let mapping) = item else {
                throw RecipeError(.wrongType, at: RecipeNodes.location(of: item, file: file), keyPath: path,
                                  "each claim must be a mapping {better: NAME, than: NAME}",
                                  help: "write e.g. '- {better: frequency, than: uniform}'")
            }
            for (key, _) in mapping where !keys.contains(key.string ?? "") {
                throw RecipeError(.unknownKey, at: RecipeNodes.location(of: key, file: file), keyPath: "\(path).\(key.string ?? "")",
                                  "unknown key '\(key.string ?? "")' in a claim", help: NearestNames.help(for: key.string ?? "", among: keys, noun: "keys of a claim"))
            }
            func name(_ key: String) throws -> (String, Subject) {
                guard let value = mapping[key] else {
                    throw RecipeError(.missingKey, at: RecipeNodes.location(of: item, file: file), keyPath: "\(path).\(key)",
                                      "the claim has no '\(key)'", help: "write e.g. '- {better: frequency, than: uniform}'")
                }
                let text = value.string ?? ""
                if metrics.contains(text) { return (text, .metrics) }
                if let variant = resolve(text, among: named) { return (variant, .variants) }
                let what = named.isEmpty ? "a metric of this recipe (it has no sweep, so no variants)" : "a variant or a metric of this recipe"
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: value, file: file), keyPath: "\(path).\(key)",
                                  "claim '\(path).\(key)' names '\(text)', which is not \(what)",
                                  help: NearestNames.help(for: text, among: named + shortNames(named) + metrics,
                                                          noun: "variant and metric names"))
            }
            let (better, betterSubject) = try name("better")
            let (than, thanSubject) = try name("than")
            guard betterSubject == thanSubject else {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: item, file: file), keyPath: path,
                                  "the claim compares a \(betterSubject == .metrics ? "metric" : "variant") with a "
                                  + "\(thanSubject == .metrics ? "metric" : "variant")",
                                  help: "compare two variants, or two metrics (within each variant)")
            }
            guard better != than else {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: item, file: file), keyPath: path,
                                  "the claim compares '\(better)' with itself", help: "name two different variants or metrics")
            }
            var subset: [String]?
            if let list = mapping["datasets"] {
                let names = try RecipeNodes.decode([String].self, from: list, path: "\(path).datasets", file: file)
                for dataset in names where !datasets.contains(dataset) {
                    throw RecipeError(.invalidValue, at: RecipeNodes.location(of: list, file: file), keyPath: "\(path).datasets",
                                      "claim '\(path)' averages over '\(dataset)', which the recipe does not evaluate",
                                      help: NearestNames.help(for: dataset, among: datasets, noun: "evaluated datasets"))
                }
                guard !names.isEmpty else {
                    throw RecipeError(.invalidValue, at: RecipeNodes.location(of: list, file: file), keyPath: "\(path).datasets",
                                      "claim '\(path)' averages over no dataset", help: "remove 'datasets:' to average over all")
                }
                subset = names
            }
            let orEqual = try mapping["or_equal"].map { try RecipeNodes.decode(Bool.self, from: $0, path: "\(path).or_equal", file: file) } ?? false
            let written = "\(mapping["better"]?.string ?? better) \(orEqual ? "≥" : ">") \(mapping["than"]?.string ?? than)"
                + (subset.map { " on \($0.joined(separator: ", "))" } ?? "")
            return Claim(better: better, than: than, subject: betterSubject, datasets: subset, orEqual: orEqual, text: written)
        }
    }

    /// The assignment values that name one variant each (`frequency`), for the list of valid names.
    static func shortNames(_ variants: [String]) -> [String] {
        var seen = Set<String>()
        let values = variants.flatMap { $0.split(separator: ",").compactMap { $0.split(separator: "=", maxSplits: 1).dropFirst().first.map(String.init) } }
        return values.filter { seen.insert($0).inserted && resolve($0, among: variants) != nil && !variants.contains($0) }
    }

    /// The variant `text` names: itself, or the one variant with an assignment `path=text`.
    static func resolve(_ text: String, among variants: [String]) -> String? {
        if variants.contains(text) { return text }
        let matches = variants.filter { variant in
            variant.split(separator: ",").contains { $0.split(separator: "=", maxSplits: 1).last.map(String.init) == text }
        }
        return matches.count == 1 ? matches[0] : nil
    }
}
