import Foundation

/// One run of a recipe through `StageDeclaration.all`: what its stages read (recipe, plugins, keys) and the
/// typed output each stage leaves for the stages after it.
public final class StageRun {
    public let recipe: Recipe
    /// The run folder (`Pipeline.runFolder(for:)`).
    public let folder: URL
    public let keys: StageKeys
    let plugins: RunPlugins
    /// The context of a plugin working in a folder, with the seed it is given.
    let makeContext: (URL, UInt64) -> RunContext
    /// The stage records and scores so far.
    public internal(set) var result: RunResult

    // The stages' outputs, in the order of the list.
    public internal(set) var passages: [Passage] = []
    public internal(set) var annotated: [AnnotatedPassage] = []
    public internal(set) var examples: [InstructionExample] = []
    /// The student's trained model; nil without a student.
    public internal(set) var model: ModelArtifact?
    /// dataset → predictions, in query order.
    public internal(set) var predictions: [String: [Prediction]] = [:]
    /// dataset → the evaluation queries asked (labels named as the prompt style names them).
    var queries: [String: [EvaluationQuery]] = [:]
    /// The predictions stage ran, so the run folder gets its metrics and reports.
    var evaluated = false

    init(recipe: Recipe, folder: URL, plugins: RunPlugins, keys: StageKeys, context: @escaping (URL, UInt64) -> RunContext) {
        self.recipe = recipe
        self.folder = folder
        self.plugins = plugins
        self.keys = keys
        self.makeContext = context
        result = RunResult(recipe: recipe.name, variant: recipe.variant, folder: folder.path, stages: [], scores: [:],
                           domains: [:], datasets: recipe.evaluate?.datasets ?? [], metrics: recipe.evaluate?.metrics ?? [])
        result.seed = recipe.replicate
    }

    /// The context of a data-side plugin (corpus, teacher, predictor): the recipe's data seed.
    func context(_ work: URL) -> RunContext { makeContext(work, recipe.seed) }

    /// The context of the student's training: the replicate's seed (`Recipe.studentSeed`).
    func studentContext(_ work: URL) -> RunContext { makeContext(work, recipe.studentSeed) }

    /// The datasets the run reads: the recipe's own over the benchmark's.
    func datasets(base: (any DatasetProvider)?) -> (any DatasetProvider)? { plugins.own ?? base }

    /// The record of `stage` in this run (the first, for a per-dataset stage, unless `dataset` is given).
    public func record(of stage: PipelineStage, dataset: String? = nil) -> StageRecord? {
        result.stages.first { $0.stage == stage && (dataset == nil || $0.dataset == dataset) }
    }
}
