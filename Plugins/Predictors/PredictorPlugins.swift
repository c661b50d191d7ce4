import UniNERCore
import UniNERStudents

/// The predictors, for the catalog: one entry per recipe `kind`, each built by the type of that name (the
/// `span-encoder` one lives beside the student that saves its model, in `Plugins/Students`).
public enum PredictorPlugins {
    public static var all: [PluginDescriptor] {
        [
            .plugin(.predictor, kind: "openai",
                    summary: "a generative UniNER model behind an OpenAI-compatible endpoint, queried with the official prompt",
                    options: OpenAIPredictor.Options.self) { OpenAIPredictor(options: $0) },
            .plugin(.predictor, kind: "span-encoder", summary: "a saved span-encoder model (threshold and decoding set here, no retraining)",
                    options: SavedModelPredictor.Options.self) { SavedModelPredictor(options: $0) },
        ]
    }
}
