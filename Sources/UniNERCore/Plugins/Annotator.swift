/// The teacher: annotates passages with mentions and their types (or definitions).
public protocol Annotator: Sendable {
    /// Annotates every passage; passages the teacher could not annotate are left out and counted in the report.
    func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult

    /// What the annotations depend on beyond the recipe section that built the annotator, such as the contents
    /// of a file it reads by path; part of the annotations' cache key, so that editing that file invalidates
    /// the cached stage. Empty when the section says everything.
    func cacheIdentity() throws -> String

    /// Benchmark datasets whose sentences or labels this teacher turns into training data (the `gold` teacher's
    /// `datasets`): evaluating on one of them is not zero-shot, which the validator refuses without `in_domain: true`.
    var trainingDatasets: [String] { get }
}

extension Annotator {
    public func cacheIdentity() throws -> String { "" }
    public var trainingDatasets: [String] { [] }
}

/// The annotated passages and what it took to get them (requests, cache hits, tokens, parse failures).
public struct AnnotationResult: Codable, Sendable {
    public var passages: [AnnotatedPassage]
    public var report: StageReport
    /// Passages the teacher failed on (a request error, a timeout, an error answer): the run goes on without
    /// them, but the stage is not cached as complete, so a rerun asks the teacher for them again.
    public var failedPassageIDs: [String]

    public init(passages: [AnnotatedPassage], report: StageReport = StageReport(), failedPassageIDs: [String] = []) {
        self.passages = passages
        self.report = report
        self.failedPassageIDs = failedPassageIDs
    }
}
