import Foundation
import UniNERCore

/// The students, for the catalog: one entry per recipe `kind`, each built by the type of that name. (The
/// `span-encoder` predictor, which loads what this module saves, is registered with the predictors.)
public enum StudentPlugins {
    public static var all: [PluginDescriptor] {
        [
            .plugin(.student, kind: "span-encoder", summary: "native BERT-family encoder with a GLiNER-style span head, trained on OpenBLAS",
                    options: SpanEncoderOptions.self) { options in
                try options.checkBackbone(environment: ProcessInfo.processInfo.environment)
                return SpanEncoderStudent(options: options)
            },
            .plugin(.student, kind: "external", summary: "exports Pile-NER-type data and runs a user-given training command (e.g. FastChat/torchrun for LLaMA)",
                    options: ExternalStudent.Options.self) { ExternalStudent(options: $0) },
        ]
    }
}
