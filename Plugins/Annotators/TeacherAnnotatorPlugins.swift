import UniNERCore

/// The teacher annotators of this file set, for the catalog: `openai` and `command`.
/// (`replay` and `gold` are registered in their own list.)
public enum TeacherAnnotatorPlugins {
    public static var openAIAndCommandDescriptors: [PluginDescriptor] {
        [
            .plugin(.annotator, kind: "openai",
                    summary: "a teacher LLM behind an OpenAI-compatible chat endpoint: paper prompts, temperature 0, retries, on-disk cache",
                    options: OpenAIAnnotator.Options.self) { try OpenAIAnnotator(options: $0) },
            .plugin(.annotator, kind: "command",
                    summary: "an external program speaking JSON lines over stdin/stdout (see CommandAnnotator)",
                    options: CommandAnnotator.Options.self) { CommandAnnotator(options: $0) },
        ]
    }
}
