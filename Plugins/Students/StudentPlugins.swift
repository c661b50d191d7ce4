import Foundation
import UniNERCore

/// The students, for the catalog.
public enum StudentPlugins {
    public static var descriptors: [PluginDescriptor] {
        [
            .plugin(.student, kind: "span-encoder", summary: "native BERT-family encoder with a GLiNER-style span head, trained on OpenBLAS",
                    options: SpanEncoderOptions.self) { options in
                try options.checkBackbone(environment: ProcessInfo.processInfo.environment)
                return SpanEncoderStudent(options: options)
            },
            .plugin(.student, kind: "external", summary: "exports Pile-NER-type data and runs a user-given training command (e.g. FastChat/torchrun for LLaMA)",
                    options: ExternalStudent.Options.self) { ExternalStudent(options: $0) },
            .plugin(.predictor, kind: "span-encoder", summary: "a saved span-encoder model (threshold and decoding set here, no retraining)",
                    options: SavedModelPredictor.Options.self) { SavedModelPredictor(options: $0) },
        ]
    }
}
