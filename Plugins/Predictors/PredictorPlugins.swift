import UniNERCore

/// The predictor plugins of this module, for the catalog: `openai`.
public enum PredictorPlugins {
    public static var descriptors: [PluginDescriptor] {
        [
            .plugin(.predictor, kind: "openai",
                    summary: "a generative UniNER model behind an OpenAI-compatible endpoint, queried with the official prompt",
                    options: OpenAIPredictor.Options.self) { OpenAIPredictor(options: $0) },
        ]
    }
}
