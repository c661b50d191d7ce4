import Yams

extension PairedBootstrap {
    static let keys = ["resamples", "seed"]

    /// The recipe's `bootstrap: {resamples: 1000, seed: 0}` (both optional; the seed defaults to the recipe's).
    /// - Throws: `RecipeError` for an unknown key or fewer than `defaultResamples` resamples.
    init(node: Node?, recipeSeed: UInt64, file: String) throws {
        self.init(seed: recipeSeed)
        guard let node else { return }
        guard case .mapping(let mapping) = node else {
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: node, file: file), keyPath: "bootstrap",
                              "'bootstrap' must be a mapping", help: "write e.g. 'bootstrap: {resamples: 2000}'")
        }
        for (key, _) in mapping where !Self.keys.contains(key.string ?? "") {
            throw RecipeError(.unknownKey, at: RecipeNodes.location(of: key, file: file), keyPath: "bootstrap.\(key.string ?? "")",
                              "unknown key 'bootstrap.\(key.string ?? "")'",
                              help: NearestNames.help(for: key.string ?? "", among: Self.keys, noun: "keys of 'bootstrap'"))
        }
        if let value = mapping["resamples"] {
            resamples = try RecipeNodes.decode(Int.self, from: value, path: "bootstrap.resamples", file: file)
            guard resamples >= Self.defaultResamples else {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: value, file: file), keyPath: "bootstrap.resamples",
                                  "'bootstrap.resamples' is \(resamples); an interval's tails need at least \(Self.defaultResamples)",
                                  help: "write 'bootstrap: {resamples: \(Self.defaultResamples)}' or more")
            }
        }
        if let value = mapping["seed"] {
            let seed = try RecipeNodes.decode(Int.self, from: value, path: "bootstrap.seed", file: file)
            guard seed >= 0 else {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: value, file: file), keyPath: "bootstrap.seed",
                                  "'bootstrap.seed' must be zero or positive, found \(seed)")
            }
            self.seed = UInt64(seed)
        }
    }
}
