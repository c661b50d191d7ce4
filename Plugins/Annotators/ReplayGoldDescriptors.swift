import UniNERCore

/// The `replay` and `gold` annotators, for the catalog (the `openai` and `command` annotators register elsewhere).
public enum ReplayGoldPlugins {
    public static var replayAndGoldDescriptors: [PluginDescriptor] {
        [
            .plugin(.annotator, kind: "replay",
                    summary: "teacher annotations read from a Pile-NER-type conversation file (the released data)",
                    options: ReplayAnnotator.Options.self) { ReplayAnnotator(options: $0) },
            .plugin(.annotator, kind: "gold", summary: "a labelled benchmark dataset as a perfect teacher",
                    options: GoldAnnotator.Options.self) { GoldAnnotator(options: $0) },
        ]
    }
}
