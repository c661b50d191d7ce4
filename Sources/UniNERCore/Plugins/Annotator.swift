/// The teacher: annotates passages with mentions and their types (or definitions).
public protocol Annotator: Sendable {
    /// Annotates every passage; passages the teacher could not annotate are left out and counted in the report.
    func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult
}

/// The annotated passages and what it took to get them (requests, cache hits, tokens, parse failures).
public struct AnnotationResult: Codable, Sendable {
    public var passages: [AnnotatedPassage]
    public var report: StageReport

    public init(passages: [AnnotatedPassage], report: StageReport = StageReport()) {
        self.passages = passages
        self.report = report
    }
}
