import Yams

/// A resolved recipe: every section of the pipeline, with the plugins it names still to be built.
///
/// Overrides and environment variables are already applied; a sweep recipe yields one `Recipe` per variant.
public struct Recipe: @unchecked Sendable {
    // @unchecked: `resolved` is an immutable Yams tree kept for printing and hashing.
    public var name: String
    /// The variant's name (its overrides, `queries.negatives.kind=frequency`); empty without a sweep.
    public var variant: String
    /// The data seed: which corpus passages and supervised sentences are sampled (the same for every `seeds:` entry).
    public var seed: UInt64
    /// This run's entry of `seeds:` (nil without the key): it drives the student's initialisation, data order and
    /// negative sampling, and gives the run folder `seed-N/`.
    public var replicate: UInt64?
    /// The recipe says its evaluation datasets may also feed training (`in_domain: true`, e.g. Tab. 2).
    public var inDomain: Bool = false
    /// What data chose the inference options such as the threshold (`tuned_on:`), for the report's protocol line.
    public var tunedOn: String?
    /// What the recipe is for and what its numbers mean (`description:`), printed with its results.
    public var summary: String?
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
    /// The budgets a recipe may run at: small (its own values), long (its `scales.long`, hours on a CPU), paper.
    public static let scales = ["small", "long", "paper"]
    public static let topLevelKeys = ["name", "description", "seed", "seeds", "in_domain", "tuned_on", "scale", "output", "prompt", "corpus", "annotator",
                                      "queries", "supervised", "student", "predictor", "evaluate", "datasets", "sweep",
                                      "scales", "claims", "bootstrap"]

    /// The seed of the student's side (negatives, initialisation, batch order): the replicate's, else `seed`.
    public var studentSeed: UInt64 { replicate ?? seed }

    /// The resolved recipe as YAML text, with credentials in URLs redacted (it is printed and saved).
    public var yaml: String { (try? Yams.serialize(node: Redaction.tree(resolved), sortKeys: false)) ?? "" }
}
