import Foundation
import Yams

/// Reads a YAML recipe, applies `--set` overrides and `${ENV}` interpolation, expands `sweep:` and decodes
/// every variant into a typed `Recipe`. Every problem is a `RecipeError` with file, line and column.
public struct RecipeLoader: Sendable {
    public var environment: [String: String]
    /// Bounds on the recipe's size, expanded values and sweep variants (raised through the environment).
    public var limits: RecipeLimits

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.limits = RecipeLimits(environment: environment)
    }

    /// Loads a recipe file into its variants (one when there is no `sweep:`).
    public func load(file path: String, overrides: [String] = []) throws -> [Recipe] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw UniNERError("cannot read recipe '\(path)'", help: "check the path; recipes live under Recipes/")
        }
        guard data.count <= limits.maxBytes else {
            throw RecipeError(.limitExceeded, at: SourceLocation(file: path, line: 1, column: 1),
                              "the recipe is \(data.count) bytes, more than the limit of \(limits.maxBytes)",
                              help: RecipeLimits.raise(RecipeLimits.bytesVariable, to: String(data.count)))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw RecipeError(.malformedYAML, at: SourceLocation(file: path, line: 1, column: 1), "the recipe is not UTF-8 text")
        }
        return try load(yaml: text, file: path, overrides: overrides)
    }

    /// Loads recipe text; `file` is used in messages and as the default name.
    public func load(yaml text: String, file: String, overrides: [String] = []) throws -> [Recipe] {
        try checkSize(of: text, at: { SourceLocation(file: file, line: $0, column: $1) })
        var root = try Self.compose(text, file: file)
        try checkKeys(root, valid: Recipe.topLevelKeys, path: "", file: file, noun: "top-level sections")
        OverrideOrigins.shared.reset(file: file)
        // Values of `--set` are parsed on lines past the file's end, so errors in them name the argument.
        var nextLine = Self.lineCount(text) + 1
        for override in overrides {
            root = try apply(override: override, to: root, file: file, firstLine: &nextLine)
        }
        root = try RecipeNodes.interpolate(root, environment: environment, file: file)
        root = try applyScale(root, file: file, overridden: overrides.map(Self.overridePath))
        let variants = try Sweep(root: root, file: file, maxVariants: limits.maxVariants).variants()
        guard case .mapping(var base) = root else { return [] }
        base["sweep"] = nil
        // About the sweep's results, not any one variant: kept out of each variant's recipe.yaml and cache keys.
        base["claims"] = nil
        base["bootstrap"] = nil
        var recipes = try variants.map { variant in
            var tree = Node.mapping(base)
            for (path, value) in variant.assignments {
                tree = try RecipeNodes.set(value, at: path.split(separator: ".").map(String.init), in: tree)
            }
            return try decode(tree, variant: variant.name, file: file)
        }
        try checkRunFolders(recipes, sweep: root["sweep"], file: file)
        let claims = try Claim.parse(root["claims"], variants: recipes.map(\.variant),
                                     metrics: recipes.first?.evaluate?.metrics ?? [],
                                     datasets: recipes.first?.evaluate?.datasets ?? [], file: file)
        let bootstrap = try PairedBootstrap(node: root["bootstrap"], recipeSeed: recipes.first?.seed ?? 0, file: file)
        for index in recipes.indices {
            recipes[index].claims = claims
            recipes[index].bootstrap = bootstrap
        }
        return try replicates(of: recipes, seeds: base["seeds"], file: file)
    }

    /// Each variant once per entry of `seeds:` (variant-major, so a variant's seeds are adjacent cells); the
    /// recipes unchanged without the key. Each replicate's resolved tree says `seeds: [its seed]`, so the
    /// `recipe.yaml` of its run folder reruns exactly it.
    func replicates(of recipes: [Recipe], seeds node: Node?, file: String) throws -> [Recipe] {
        guard let node else { return recipes }
        let location = RecipeNodes.location(of: node, file: file)
        guard case .sequence(let items) = node, !items.isEmpty else {
            throw RecipeError(.wrongType, at: location, keyPath: "seeds", "'seeds' must be a non-empty list of seeds",
                              help: "write e.g. 'seeds: [13, 14, 15]', or remove it to run each variant once with 'seed'")
        }
        var seeds: [UInt64] = []
        for item in items {
            guard let text = item.string, let seed = UInt64(text) else {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: item, file: file), keyPath: "seeds",
                                  "each entry of 'seeds' must be a non-negative integer, found '\(Sweep.text(of: item))'",
                                  help: "write e.g. 'seeds: [13, 14, 15]'")
            }
            guard !seeds.contains(seed) else {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: item, file: file), keyPath: "seeds",
                                  "seed \(seed) is listed twice in 'seeds'", help: "list each seed once")
            }
            seeds.append(seed)
        }
        guard recipes.count * seeds.count <= limits.maxVariants else {
            throw RecipeError(.limitExceeded, at: location, keyPath: "seeds",
                              "\(recipes.count) variants × \(seeds.count) seeds make \(recipes.count * seeds.count) runs, "
                              + "more than the limit of \(limits.maxVariants)",
                              help: RecipeLimits.raise(RecipeLimits.variantsVariable, to: String(recipes.count * seeds.count)))
        }
        return try recipes.flatMap { recipe in
            try seeds.map { seed in
                var replicate = recipe
                replicate.replicate = seed
                replicate.resolved = try RecipeNodes.set(Node([Node(String(seed))]), at: ["seeds"], in: recipe.resolved)
                return replicate
            }
        }
    }

    /// Refuses text over the byte limit, or whose aliases expand past the value limit, before it is composed.
    /// - Parameter location: where a (line, column) of `text` is, for the error.
    func checkSize(of text: String, at location: (Int, Int) -> SourceLocation) throws {
        guard text.utf8.count <= limits.maxBytes else {
            throw RecipeError(.limitExceeded, at: location(1, 1),
                              "the recipe text is \(text.utf8.count) bytes, more than the limit of \(limits.maxBytes)",
                              help: RecipeLimits.raise(RecipeLimits.bytesVariable, to: String(text.utf8.count)))
        }
        if let overflow = YAMLExpansion.overflow(in: text, limit: limits.maxNodes) {
            throw RecipeError(.limitExceeded, at: location(overflow.line, overflow.column),
                              "the recipe expands to more than \(limits.maxNodes) values here (each use of an alias counts its whole value)",
                              help: "look for aliases of aliases (*name) near here; "
                                  + RecipeLimits.raise(RecipeLimits.nodesVariable, to: String(limits.maxNodes * 10)))
        }
    }

    /// Lines of `text` (one more than its newlines).
    static func lineCount(_ text: String) -> Int {
        text.reduce(into: 1) { count, character in if character.isNewline { count += 1 } }
    }

    /// Refuses two variants that would write into one run folder (equal names, or names that map alike).
    func checkRunFolders(_ recipes: [Recipe], sweep: Node?, file: String) throws {
        var owners: [String: String] = [:]
        for recipe in recipes {
            let folder = RunFolderName.folder(forVariant: recipe.variant)
            if let other = owners[folder] {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: sweep, file: file), keyPath: "sweep",
                                  "sweep variants '\(other)' and '\(recipe.variant)' would share the run folder '\(folder)'",
                                  help: "give each variant its own name ('- {variant: NAME, path: value}'); "
                                      + "folder names keep letters, digits and - _ . = and replace the rest by _")
            }
            owners[folder] = recipe.variant
        }
    }

    /// Parses YAML into a node tree; the document must be a mapping.
    static func compose(_ text: String, file: String) throws -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw Self.recipeError(from: error, file: file)
        }
        guard let node else {
            throw RecipeError(.malformedYAML, at: SourceLocation(file: file, line: 1, column: 1), "the recipe is empty",
                              help: "start from Recipes/quickstart.yaml")
        }
        guard case .mapping = node else {
            throw RecipeError(.malformedYAML, at: RecipeNodes.location(of: node, file: file),
                              "a recipe must be a mapping of sections (name:, corpus:, student: ...)",
                              help: "start from Recipes/quickstart.yaml")
        }
        return node
    }

    static func recipeError(from error: YamlError, file: String) -> RecipeError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return RecipeError(.malformedYAML, at: SourceLocation(file: file, line: mark.line, column: mark.column),
                               "malformed YAML: \(detail)", help: "check indentation, colons and closing brackets here")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return RecipeError(.malformedYAML, at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                               "malformed YAML: duplicated keys \(duplicates.joined(separator: ", "))",
                               help: "each key may appear once per section")
        default:
            return RecipeError(.malformedYAML, at: SourceLocation(file: file, line: 1, column: 1), "malformed YAML: \(error)")
        }
    }

    /// The dotted path an `a.b.c=value` override writes (empty when it is malformed: `apply` rejects those).
    static func overridePath(_ override: String) -> [String] {
        guard let equals = override.firstIndex(of: "=") else { return [] }
        return override[..<equals].split(separator: ".").map(String.init)
    }

    /// Applies the preset of `scales:` named by `scale:` (dotted path → value), then drops `scales:`.
    ///
    /// A recipe is written at its small scale; `scales: {paper: {student.time_budget_s: 36000, ...}}` says what
    /// changes at the paper's, and `--set scale=paper` selects it. What `--set` wrote (the `overridden` paths) wins
    /// over the preset: `--set scale=long --set student.threshold=0.1` runs the long preset at 0.1, not at the
    /// threshold the preset names.
    func applyScale(_ root: Node, file: String, overridden: [[String]] = []) throws -> Node {
        guard case .mapping(var mapping) = root else { return root }
        guard let presets = mapping["scales"] else {
            if mapping["scale"]?.string == "long" {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: mapping["scale"], file: file), keyPath: "scale",
                                  "this recipe defines no 'long' scale", help: "add 'scales: {long: {student.examples: N}}'")
            }
            return root
        }
        guard case .mapping(let table) = presets else {
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: presets, file: file), keyPath: "scales",
                              "'scales' must map scale names to {dotted.path: value} overrides",
                              help: "write e.g. 'scales: {paper: {student.time_budget_s: 36000}}'")
        }
        mapping["scales"] = nil
        var tree = Node.mapping(mapping)
        let scale = mapping["scale"]?.string ?? "small"
        // the values `--set` wrote, as they stand before the preset (interpolated already)
        let written = overridden.filter { !$0.isEmpty && !["scale", "scales"].contains($0[0]) }.compactMap { path in
            RecipeNodes.child(of: tree, at: path.map(AnyKey.init)).map { (path, $0) }
        }
        guard let preset = table[scale] else {
            // `long` is a recipe's own budget (no default exists); small and paper run without a preset
            if scale == "long" {
                let defined = table.keys.compactMap(\.string).sorted()
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: mapping["scale"], file: file), keyPath: "scale",
                                  "this recipe defines no 'long' scale",
                                  help: "its scales: " + (defined.isEmpty ? "none" : defined.joined(separator: ", "))
                                      + "; add 'long: {student.examples: N}' under 'scales:'")
            }
            return tree
        }
        guard case .mapping(let assignments) = preset else {
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: preset, file: file), keyPath: "scales.\(scale)",
                              "'scales.\(scale)' must be a mapping of dotted paths to values")
        }
        for (key, value) in assignments {
            let path = (key.string ?? "").split(separator: ".").map(String.init)
            guard let first = path.first, Recipe.topLevelKeys.contains(first), !["sweep", "scales"].contains(first) else {
                throw RecipeError(.unknownKey, at: RecipeNodes.location(of: key, file: file), keyPath: "scales.\(scale)",
                                  "'\(key.string ?? "")' in 'scales.\(scale)' names no recipe section",
                                  help: NearestNames.help(for: path.first ?? "", among: Recipe.topLevelKeys, noun: "sections"))
            }
            tree = try RecipeNodes.set(value, at: path, in: tree)
        }
        // Written back after the preset, so that a preset value at, below or above an overridden path gives way.
        for (path, value) in written {
            tree = try RecipeNodes.set(value, at: path, in: tree)
        }
        return tree
    }

    /// Applies one `a.b.c=value` override; the value is parsed as YAML (`[a, b]`, `2`, `true`, `text`).
    func apply(override: String, to root: Node, file: String, firstLine: inout Int) throws -> Node {
        guard let equals = override.firstIndex(of: "="), equals != override.startIndex else {
            throw RecipeError(.badOverride, at: nil, "override '\(override)' is not of the form path=value",
                              help: "write e.g. --set student.epochs=2")
        }
        let path = Self.overridePath(override)
        let text = String(override[override.index(after: equals)...])
        guard let first = path.first, Recipe.topLevelKeys.contains(first), first != "sweep" else {
            throw RecipeError(.badOverride, at: nil, keyPath: path.joined(separator: "."),
                              "override '\(override)' names no recipe section",
                              help: NearestNames.help(for: path.first ?? "", among: Recipe.topLevelKeys.filter { $0 != "sweep" },
                                                      noun: "sections"))
        }
        try checkSize(of: text) { _, _ in SourceLocation(argument: override) }
        let lines = Self.lineCount(text)
        OverrideOrigins.shared.register(file: file, lines: firstLine...(firstLine + lines - 1), argument: override)
        let padded = String(repeating: "\n", count: firstLine - 1) + text
        firstLine += lines
        let value: Node
        do {
            value = try Yams.compose(yaml: padded) ?? Node("")
        } catch {
            value = Node(text)
        }
        return try RecipeNodes.set(value, at: path, in: root)
    }

    /// Rejects keys of a mapping that are not in `valid`, naming the closest valid ones.
    func checkKeys(_ node: Node, valid: [String], path: String, file: String, noun: String) throws {
        guard case .mapping(let mapping) = node else { return }
        for (key, _) in mapping {
            let name = key.string ?? ""
            guard !valid.contains(name) else { continue }
            let full = path.isEmpty ? name : "\(path).\(name)"
            throw RecipeError(.unknownKey, at: RecipeNodes.location(of: key, file: file), keyPath: full,
                              "unknown key '\(full)'", help: NearestNames.help(for: name, among: valid, noun: noun))
        }
    }

    func decode(_ tree: Node, variant: String, file: String) throws -> Recipe {
        guard case .mapping(let root) = tree else {
            throw RecipeError(.malformedYAML, at: nil, "a recipe must be a mapping")
        }
        func scalar<T: Decodable>(_ key: String, _ type: T.Type, default value: T) throws -> T {
            guard let node = root[key] else { return value }
            return try RecipeNodes.decode(T.self, from: node, path: key, file: file)
        }
        func section(_ key: String) throws -> PluginSection? {
            try root[key].map { try PluginSection(node: $0, path: key, file: file) }
        }
        let defaultName = RunFolderName.sanitized(URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent)
        let seed = try scalar("seed", Int.self, default: 13)
        guard seed >= 0 else {
            throw RecipeError(.invalidValue, at: RecipeNodes.location(of: root["seed"], file: file), keyPath: "seed",
                              "'seed' must be zero or positive, found \(seed)")
        }
        let scale = try scalar("scale", String.self, default: "small")
        guard Recipe.scales.contains(scale) else {
            throw RecipeError(.invalidValue, at: RecipeNodes.location(of: root["scale"], file: file), keyPath: "scale",
                              "unknown scale '\(scale)'", help: NearestNames.help(for: scale, among: Recipe.scales))
        }
        var supervised: [SupervisedSource] = []
        if let node = root["supervised"] {
            guard case .sequence(let items) = node else {
                throw RecipeError(.wrongType, at: RecipeNodes.location(of: node, file: file), keyPath: "supervised",
                                  "'supervised' must be a list of {dataset: NAME, ...}", help: "write 'supervised: []' for none")
            }
            for (index, item) in items.enumerated() {
                let path = "supervised[\(index)]"
                let entry: Node = item.scalar != nil ? Node([(Node("dataset"), item)]) : item
                try checkKeys(entry, valid: SupervisedSource.optionSpecs.map(\.name), path: path, file: file,
                              noun: "keys of a supervised source")
                supervised.append(try RecipeNodes.decode(SupervisedSource.self, from: entry, path: path, file: file,
                                                         specs: SupervisedSource.optionSpecs))
            }
        }
        var evaluate: EvaluateSection?
        if let node = root["evaluate"] {
            try checkKeys(node, valid: EvaluateSection.optionSpecs.map(\.name), path: "evaluate", file: file,
                          noun: "keys of 'evaluate'")
            evaluate = try RecipeNodes.decode(EvaluateSection.self, from: node, path: "evaluate", file: file,
                                              specs: EvaluateSection.optionSpecs)
        }
        let name = try scalar("name", String.self, default: defaultName)
        if let problem = RunFolderName.problem(with: name) {
            throw RecipeError(.invalidValue, at: RecipeNodes.location(of: root["name"], file: file), keyPath: "name",
                              "'name' names the run's folder under 'output', and '\(name.prefix(120))' \(problem)",
                              help: "use letters, digits and - _ . = (at most \(RunFolderName.maxLength) bytes, not starting with '.')")
        }
        return Recipe(
            name: name,
            variant: variant,
            seed: UInt64(seed),
            inDomain: try scalar("in_domain", Bool.self, default: false),
            tunedOn: try scalar("tuned_on", String?.self, default: nil),
            // Free-form (any YAML) as it always was; a text is printed with the results.
            summary: root["description"]?.string,
            scale: scale,
            output: try scalar("output", String.self, default: "runs"),
            prompt: try section("prompt") ?? PluginSection(kind: "type", path: "prompt", file: file),
            corpus: try section("corpus"),
            annotator: try section("annotator"),
            queries: try queries(root["queries"], file: file),
            supervised: supervised,
            student: try section("student"),
            predictor: try section("predictor"),
            evaluate: evaluate,
            datasets: try root["datasets"].map { try RecipeDataset.parse($0, file: file) } ?? [],
            file: file,
            resolved: tree
        )
    }

    func queries(_ node: Node?, file: String) throws -> QueriesSection {
        guard let node else {
            return QueriesSection(template: PluginSection(kind: "per-type", path: "queries.template", file: file),
                                  datasetField: false,
                                  negatives: PluginSection(kind: "none", path: "queries.negatives", file: file))
        }
        guard case .mapping(let mapping) = node else {
            throw RecipeError(.wrongType, at: RecipeNodes.location(of: node, file: file), keyPath: "queries",
                              "'queries' must be a mapping", help: "write e.g. queries: {template: per-type, negatives: none}")
        }
        try checkKeys(node, valid: ["template", "dataset_field", "negatives", "supervised_negatives", "supervised_absent_share"], path: "queries", file: file,
                      noun: "keys of 'queries'")
        let datasetField = try mapping["dataset_field"].map {
            try RecipeNodes.decode(Bool.self, from: $0, path: "queries.dataset_field", file: file)
        } ?? false
        let supervisedNegatives = try mapping["supervised_negatives"].map {
            try RecipeNodes.decode(Bool.self, from: $0, path: "queries.supervised_negatives", file: file)
        } ?? false
        var supervisedAbsentShare = 1.0
        if let shareNode = mapping["supervised_absent_share"] {
            supervisedAbsentShare = try RecipeNodes.decode(Double.self, from: shareNode, path: "queries.supervised_absent_share", file: file)
            guard supervisedAbsentShare > 0, supervisedAbsentShare <= 1 else {
                throw RecipeError(.invalidValue, at: RecipeNodes.location(of: shareNode, file: file), keyPath: "queries.supervised_absent_share",
                                  "'queries.supervised_absent_share' must be in (0, 1], found \(supervisedAbsentShare)",
                                  help: "write a share such as 0.5 (half of each supervised sentence's absent labels asked), or 1 for all")
            }
        }
        return QueriesSection(
            template: try mapping["template"].map { try PluginSection(node: $0, path: "queries.template", file: file) }
                ?? PluginSection(kind: "per-type", path: "queries.template", file: file),
            datasetField: datasetField,
            negatives: try mapping["negatives"].map { try PluginSection(node: $0, path: "queries.negatives", file: file) }
                ?? PluginSection(kind: "none", path: "queries.negatives", file: file),
            supervisedNegatives: supervisedNegatives,
            supervisedAbsentShare: supervisedAbsentShare
        )
    }
}
