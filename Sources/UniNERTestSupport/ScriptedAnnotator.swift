import UniNERCore

/// An `Annotator` that answers from a script instead of a teacher: fixed mentions (and negatives) per passage id.
/// Passages the script does not know are left out and counted as `unannotated`, as a real teacher's failures are.
public struct ScriptedAnnotator: Annotator {
    public struct Answer: Sendable, Hashable {
        public var mentions: [Mention]
        public var negativeTypes: [String]
        public var dataset: String?

        public init(mentions: [Mention], negativeTypes: [String] = [], dataset: String? = nil) {
            self.mentions = mentions
            self.negativeTypes = negativeTypes
            self.dataset = dataset
        }
    }

    public let script: [String: Answer]

    public init(_ script: [String: Answer]) {
        self.script = script
    }

    /// A script of `(mention, type)` pairs per passage id.
    public init(mentions: [String: [(String, String)]]) {
        self.init(mentions.mapValues { Answer(mentions: $0.map { Mention(text: $0.0, type: $0.1) }) })
    }

    public func annotate(_ passages: [Passage], style: any PromptStyle, context: RunContext) async throws -> AnnotationResult {
        var report = StageReport()
        var annotated: [AnnotatedPassage] = []
        for passage in passages {
            guard let answer = script[passage.id] else {
                report.add("unannotated")
                continue
            }
            annotated.append(AnnotatedPassage(passage: passage, mentions: answer.mentions,
                                              negativeTypes: answer.negativeTypes, dataset: answer.dataset))
        }
        report.add("passages", Double(annotated.count))
        return AnnotationResult(passages: annotated, report: report)
    }
}
