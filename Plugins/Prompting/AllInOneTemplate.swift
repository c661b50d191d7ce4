import UniNERCore

/// The `all-in-one` template (paper §3.2, Fig. 5b): one question naming every type of the passage (positives and
/// negatives), answered with one JSON list of `[mention, type]` pairs. See `ConversationRenderer` for the wording.
///
/// The example still keeps one `LabelQuery` per type, so that a student can train on the per-type answers in one
/// pass; only the rendered conversation merges them.
public struct AllInOneTemplate: LayoutTemplate {
    public static let layout = InstructionExample.Layout.allInOne
    public var options: TemplateOptions

    public init(options: TemplateOptions = TemplateOptions()) {
        self.options = options
    }
}
