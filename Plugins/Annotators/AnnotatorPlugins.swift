import UniNERCore

/// The annotators (teachers), for the catalog: one entry per recipe `kind`, each built by the type of that name.
public enum AnnotatorPlugins {
    public static var all: [PluginDescriptor] {
        [
            .plugin(.annotator, kind: "openai",
                    summary: "a teacher LLM behind an OpenAI-compatible chat endpoint: paper prompts, temperature 0, retries, on-disk cache",
                    options: OpenAIAnnotator.Options.self) { try OpenAIAnnotator(options: $0) },
            .plugin(.annotator, kind: "command",
                    summary: "an external program speaking JSON lines over stdin/stdout (see CommandAnnotator)",
                    options: CommandAnnotator.Options.self) { CommandAnnotator(options: $0) },
            .plugin(.annotator, kind: "replay",
                    summary: "teacher annotations read from a Pile-NER-type conversation file (the released data)",
                    options: ReplayAnnotator.Options.self) { ReplayAnnotator(options: $0) },
            .plugin(.annotator, kind: "gold", summary: "a labelled benchmark dataset as a perfect teacher",
                    options: GoldAnnotator.Options.self) { GoldAnnotator(options: $0) },
            .composite(.annotator, kind: "reviewed",
                       summary: "a teacher's labels corrected in Prodigy or Label Studio (export with 'uniner annotate --export'); reports the teacher's precision/recall",
                       options: ReviewedAnnotator.Options.self, make: ReviewedAnnotator.init(options:section:registry:)),
        ]
    }
}
