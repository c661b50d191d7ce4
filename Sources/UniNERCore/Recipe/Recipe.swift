import Yams

/// A resolved recipe: every section of the pipeline, with the plugins it names still to be built.
///
/// Overrides and environment variables are already applied; a sweep recipe yields one `Recipe` per variant.
public struct Recipe: @unchecked Sendable {
    // @unchecked: `resolved` is an immutable Yams tree kept for printing and hashing.
    public var name: String
    /// The variant's name (its overrides, `queries.negatives.kind=frequency`); empty without a sweep.
    public var variant: String
    public var seed: UInt64
    /// `small` (fits our 2-core machines) or `paper` (the paper's sizes); plugins may read it.
    public var scale: String
    /// Folder that receives `runs/<name>/<variant>/`.
    public var output: String
    public var prompt: PluginSection
    public var corpus: PluginSection?
    public var annotator: PluginSection?
    public var queries: QueriesSection
    public var supervised: [SupervisedSource]
    public var student: PluginSection?
    /// Answers evaluation queries instead of the trained student (e.g. UniNER-7B behind vLLM).
    public var predictor: PluginSection?
    public var evaluate: EvaluateSection?
    /// The practitioner's own labelled datasets (`datasets:`), usable by name like the benchmark's.
    public var datasets: [RecipeDataset] = []
    /// The orderings the results are expected to show (`claims:`), judged in the sweep's comparison.
    public var claims: [Claim] = []
    /// How the comparison's intervals are resampled (`bootstrap:`).
    public var bootstrap = PairedBootstrap()
    public var file: String
    /// The recipe tree after overrides and interpolation, without `sweep:`.
    public var resolved: Node

    /// Top-level keys a recipe may have.
    public static let topLevelKeys = ["name", "description", "seed", "scale", "output", "prompt", "corpus", "annotator",
                                      "queries", "supervised", "student", "predictor", "evaluate", "datasets", "sweep",
                                      "scales", "claims", "bootstrap"]

    /// The resolved recipe as YAML text, with credentials in URLs redacted (it is printed and saved).
    public var yaml: String { (try? Yams.serialize(node: Redaction.tree(resolved), sortKeys: false)) ?? "" }
}
