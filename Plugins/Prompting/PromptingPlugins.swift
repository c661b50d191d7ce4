import UniNERCore

/// The prompt styles and query templates, for the catalog.
public enum PromptingPlugins {
    public static var all: [PluginDescriptor] {
        [
            .plugin(.prompt, kind: "type", summary: "the teacher names entity types; queries name the type (paper Fig. 1)",
                    options: NoOptions.self) { _ in TypePromptStyle() },
            .plugin(.prompt, kind: "definition",
                    summary: "the teacher defines each type in a short sentence; queries name a gold type by its definition",
                    options: DefinitionPromptStyle.Options.self) { try DefinitionPromptStyle(options: $0) },
            .plugin(.template, kind: "per-type",
                    summary: "one question per type, answered by a JSON list of its mentions (paper Fig. 2)",
                    options: TemplateOptions.self) { PerTypeTemplate(options: $0) },
            .plugin(.template, kind: "all-in-one",
                    summary: "one question for all types, answered by a JSON list of [mention, type] pairs",
                    options: TemplateOptions.self) { AllInOneTemplate(options: $0) },
        ]
    }
}
