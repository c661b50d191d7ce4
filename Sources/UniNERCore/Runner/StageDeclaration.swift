/// One stage of a run as a value: its name, the stages whose output it takes, the recipe sections it reads,
/// its body and the typed output that body leaves in the `StageRun`.
///
/// `StageDeclaration.all` is the one list of stages. The run walks it, `StageKeys` derives every cache key from
/// it, the validator builds the plugins of the sections it lists, and the reports show it; nothing else says
/// what a stage reads.
public struct StageDeclaration: Sendable {
    public let stage: PipelineStage
    /// The stages whose outputs (and so whose keys) this one takes.
    public let upstream: [PipelineStage]
    /// The recipe sections the body reads: exactly what its key hashes besides the upstream keys.
    public let sections: [RecipeSection]
    /// Computed once per evaluation dataset, each with its own key.
    public let perDataset: Bool
    /// Whether the output is kept in the stage cache (the metrics are scored again on every run, in no time).
    public let cached: Bool
    /// The `StageRun` property the body fills, as documentation for the reader of the list.
    public let output: String
    let body: @Sendable (Pipeline, StageRun) async throws -> Void

    /// The stages, in data-flow order (passages → annotations → queries → model → predictions → metrics).
    public static let all: [StageDeclaration] = [
        StageDeclaration(stage: .passages, upstream: [], sections: [.corpus, .seed],
                         output: "passages: [Passage]") { try await $0.passages($1) },
        StageDeclaration(stage: .annotations, upstream: [.passages], sections: [.annotator, .prompt],
                         output: "annotated: [AnnotatedPassage]") { try await $0.annotations($1) },
        StageDeclaration(stage: .queries, upstream: [.annotations], sections: [.queries, .supervised, .prompt, .seed, .studentSeed],
                         output: "examples: [InstructionExample] (and conversations.jsonl)") { try await $0.queries($1) },
        StageDeclaration(stage: .model, upstream: [.queries], sections: [.training, .studentSeed],
                         output: "model: ModelArtifact?") { try await $0.model($1) },
        StageDeclaration(stage: .predictions, upstream: [.model], sections: [.student, .predictor, .prompt, .evaluation],
                         perDataset: true, output: "predictions: [dataset: [Prediction]]") { try await $0.predictions($1) },
        StageDeclaration(stage: .metrics, upstream: [.predictions], sections: [.metrics, .evaluation],
                         perDataset: true, cached: false, output: "result.scores: [dataset: [metric: MetricScore]]") {
            try await $0.metrics($1)
        },
    ]

    init(stage: PipelineStage, upstream: [PipelineStage], sections: [RecipeSection], perDataset: Bool = false,
         cached: Bool = true, output: String, body: @escaping @Sendable (Pipeline, StageRun) async throws -> Void) {
        self.stage = stage
        self.upstream = upstream
        self.sections = sections
        self.perDataset = perDataset
        self.cached = cached
        self.output = output
        self.body = body
    }

    /// The declaration of `stage`.
    public static func of(_ stage: PipelineStage) -> StageDeclaration {
        all.first { $0.stage == stage }!
    }

    /// Every section some stage up to `last` reads, in `RecipeSection` order.
    public static func sections(upTo last: PipelineStage = .metrics) -> [RecipeSection] {
        let read = Set(all.filter { $0.stage <= last }.flatMap(\.sections))
        return RecipeSection.allCases.filter(read.contains)
    }
}
