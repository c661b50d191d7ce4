import Yams

/// The variants of a recipe's `sweep:` section.
///
/// Two forms: a mapping from dotted paths to lists, expanded to the Cartesian product (Hydra's multirun), or a
/// list of mappings, each one variant's assignments (for ablations that are not a grid, such as Fig. 5b); the
/// key `variant:` in such a mapping names the variant instead of its assignments.
struct Sweep {
    struct Variant {
        var name: String
        var assignments: [(String, Node)]
    }

    let root: Node
    let file: String
    /// Most variants the sweep may expand to (`RecipeLimits.maxVariants`).
    var maxVariants = RecipeLimits.defaults.maxVariants

    func variants() throws -> [Variant] {
        guard case .mapping(let mapping) = root, let sweep = mapping["sweep"] else {
            return [Variant(name: "", assignments: [])]
        }
        try checkCount(sweep)
        switch sweep {
        case .mapping(let axes):
            var product: [Variant] = [Variant(name: "", assignments: [])]
            for (key, values) in axes {
                let path = try validPath(key)
                guard case .sequence(let list) = values, !list.isEmpty else {
                    throw RecipeError(.wrongType, at: RecipeNodes.location(of: values, file: file), keyPath: "sweep.\(path)",
                                      "'sweep.\(path)' must be a non-empty list of values",
                                      help: "write e.g. '\(path): [none, uniform, frequency]'")
                }
                product = product.flatMap { variant in
                    list.map { value in
                        Variant(name: join(variant.name, "\(path)=\(Self.text(of: value))"),
                                assignments: variant.assignments + [(path, value)])
                    }
                }
            }
            return product
        case .sequence(let items):
            return try items.map { item in
                guard case .mapping(let assignments) = item else {
                    throw RecipeError(.wrongType, at: RecipeNodes.location(of: item, file: file), keyPath: "sweep",
                                      "each item of a 'sweep' list must be a mapping of path: value",
                                      help: "write e.g. '- {queries.template: all-in-one}'")
                }
                var variant = Variant(name: "", assignments: [])
                var label: String?
                for (key, value) in assignments {
                    if key.string == "variant" {
                        label = value.string
                        continue
                    }
                    let path = try validPath(key)
                    variant.name = join(variant.name, "\(path)=\(Self.text(of: value))")
                    variant.assignments.append((path, value))
                }
                if let label { variant.name = label }
                return variant
            }
        default:
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: sweep, file: file), keyPath: "sweep",
                              "'sweep' must map dotted paths to lists, or be a list of variants",
                              help: "write e.g. 'sweep: {queries.negatives.kind: [none, uniform, frequency]}'")
        }
    }

    /// Refuses an empty sweep, and one whose variants would number more than `maxVariants`, before expanding it.
    private func checkCount(_ sweep: Node) throws {
        var count = 1
        switch sweep {
        case .mapping(let axes):
            for (_, values) in axes {
                guard case .sequence(let list) = values else { continue }
                let (product, overflow) = count.multipliedReportingOverflow(by: list.count)
                count = overflow ? Int.max : product
            }
            if axes.isEmpty { count = 0 }
        case .sequence(let items):
            count = items.count
        default:
            return
        }
        let location = RecipeNodes.location(of: sweep, file: file)
        guard count > 0 else {
            throw RecipeError(.invalidValue, at: location, keyPath: "sweep", "'sweep' lists no variants, so nothing would run",
                              help: "remove 'sweep:' to run the recipe once, or list variants, e.g. 'sweep: {queries.negatives.kind: [none, frequency]}'")
        }
        guard count <= maxVariants else {
            let shown = count == Int.max ? "more than \(Int.max)" : String(count)
            throw RecipeError(.limitExceeded, at: location, keyPath: "sweep",
                              "'sweep' expands to \(shown) variants, more than the limit of \(maxVariants)",
                              help: "sweep fewer values at once; " + RecipeLimits.raise(RecipeLimits.variantsVariable, to: String(min(count, Int.max))))
        }
    }

    private func validPath(_ key: Node) throws -> String {
        let path = key.string ?? ""
        let first = path.split(separator: ".").first.map(String.init) ?? ""
        guard Recipe.topLevelKeys.contains(first), first != "sweep" else {
            throw RecipeError(.unknownKey, at: RecipeNodes.location(of: key, file: file), keyPath: "sweep.\(path)",
                              "sweep path '\(path)' names no recipe section",
                              help: NearestNames.help(for: first, among: Recipe.topLevelKeys.filter { $0 != "sweep" },
                                                      noun: "sections"))
        }
        return path
    }

    private func join(_ a: String, _ b: String) -> String { a.isEmpty ? b : "\(a),\(b)" }

    /// A value as it reads in a variant name: scalars as written, others in YAML flow style.
    static func text(of node: Node) -> String {
        if let string = node.string { return string }
        return ((try? Yams.serialize(node: node)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: "\n", with: " ")
    }
}
