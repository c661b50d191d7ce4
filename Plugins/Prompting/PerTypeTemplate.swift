import UniNERCore

/// The `per-type` template (paper Fig. 2, the default): one question per type, each answered with the JSON list
/// of that type's mentions; negatives are answered `[]`.
public struct PerTypeTemplate: LayoutTemplate {
    public static let layout = InstructionExample.Layout.perType
    public var options: TemplateOptions

    public init(options: TemplateOptions = TemplateOptions()) {
        self.options = options
    }
}
