/// Bounds on what a recipe may expand to, checked before anything walks it: a file of nested aliases ("billion
/// laughs") or a sweep of 10^8 variants must fail fast with the limit named, not exhaust memory or time.
public struct RecipeLimits: Sendable, Equatable {
    /// Most bytes of recipe text (the file, or one `--set` value).
    public var maxBytes: Int
    /// Most YAML values after expanding aliases (each use of an alias counts its whole value).
    public var maxNodes: Int
    /// Most sweep variants.
    public var maxVariants: Int

    /// The environment variables that raise each limit.
    public static let bytesVariable = "UNINER_MAX_RECIPE_BYTES"
    public static let nodesVariable = "UNINER_MAX_RECIPE_NODES"
    public static let variantsVariable = "UNINER_MAX_SWEEP_VARIANTS"

    /// Generous for real recipes (the paper's are under 200 values and 10 variants).
    public static let defaults = RecipeLimits(maxBytes: 1 << 20, maxNodes: 100_000, maxVariants: 1_000)

    public init(maxBytes: Int, maxNodes: Int, maxVariants: Int) {
        self.maxBytes = maxBytes
        self.maxNodes = maxNodes
        self.maxVariants = maxVariants
    }

    /// The defaults, each raised (or lowered) by its environment variable when that holds a positive integer.
    public init(environment: [String: String]) {
        func value(_ name: String, _ fallback: Int) -> Int {
            environment[name].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? fallback
        }
        self.init(maxBytes: value(Self.bytesVariable, Self.defaults.maxBytes),
                  maxNodes: value(Self.nodesVariable, Self.defaults.maxNodes),
                  maxVariants: value(Self.variantsVariable, Self.defaults.maxVariants))
    }

    /// The `help:` line of an error for the limit held in `variable`.
    static func raise(_ variable: String, to hint: String) -> String {
        "raise the limit with \(variable)=\(hint) in the environment if this is intended"
    }
}
