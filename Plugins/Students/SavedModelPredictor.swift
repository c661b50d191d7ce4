import Foundation
import UniNERCore
import UniNERNumerics

/// The `span-encoder` predictor: answers evaluation queries with a span-encoder model saved earlier, so that
/// threshold and decoding can be changed (e.g. tuned on a dev split) without retraining the student.
///
/// ```yaml
/// predictor: {kind: span-encoder, model: runs/table3-sup-only/default/model, threshold: 0.3}
/// ```
public struct SavedModelPredictor: Predictor {
    public struct Options: PluginOptions, Equatable {
        public var model: String
        public var threshold: Float?
        public var decoding: SpanDecoder.Mode?
        public var labelsCompete: Bool?
        public var threads: Int?
        public var splitSentences: Bool

        public static let optionSpecs: [OptionSpec] = [
            OptionSpec("model", "path", "model folder written by the span-encoder student (or its stage folder)"),
            OptionSpec("threshold", "number", default: "the model's", "span probability needed to predict a mention", range: .probability),
            OptionSpec("decoding", "flat|nested", default: "the model's", "greedy non-overlapping mentions, or nesting allowed"),
            OptionSpec("labels_compete", "bool", default: "true for all-in-one, false for per-type", "one label per span across the types asked of a text (highest probability wins)"),
            OptionSpec("threads", "int", default: "the run's threads", "BLAS threads", range: .atLeastOne),
            OptionSpec("split_sentences", "bool", default: "false", "score no span across a sentence end (texts of several sentences)"),
        ]

        enum CodingKeys: String, CodingKey { case model, threshold, decoding, threads, splitSentences = "split_sentences", labelsCompete = "labels_compete" }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            model = try c.decode(String.self, forKey: .model)
            threshold = try c.decodeIfPresent(Float.self, forKey: .threshold)
            threads = try c.decodeIfPresent(Int.self, forKey: .threads)
            labelsCompete = try c.decodeIfPresent(Bool.self, forKey: .labelsCompete)
            splitSentences = try c.decodeIfPresent(Bool.self, forKey: .splitSentences) ?? false
            if let name = try c.decodeIfPresent(String.self, forKey: .decoding) {
                guard let mode = SpanDecoder.Mode(rawValue: name), mode != .threshold else {
                    throw InvalidOption("decoding", "unknown decoding '\(name)'", help: "valid: flat, nested")
                }
                decoding = mode
            }
            if let threshold, !(0...1).contains(threshold) { throw InvalidOption("threshold", "must be in [0, 1]") }
            if let threads, threads < 1 { throw InvalidOption("threads", "must be at least 1") }
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// The saved weights' size and modification time with the model's configuration: a retrained model at the
    /// same path gets new predictions instead of the cached ones of the old model.
    public func cacheIdentity() throws -> String {
        let folder = SpanEncoderModelInfo.modelFolder(in: URL(fileURLWithPath: options.model).resolvingSymlinksInPath())
        let weights = folder.appendingPathComponent("model.safetensors")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: weights.path) else {
            throw UniNERError("no saved span-encoder model at \(options.model)",
                              help: "train one first (uniner train RECIPE) and point 'predictor.model' at its model folder")
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? -1
        let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
        let configuration = (try? String(contentsOf: folder.appendingPathComponent(SpanModelConfig.fileName), encoding: .utf8)) ?? ""
        return SHA256.hex("\(folder.path)|\(size)|\(modified)|\(configuration)")
    }

    /// The model read once for every dataset of a run.
    public func loaded(context: RunContext) throws -> any Predictor {
        try SpanEncoderPredictor(modelDirectory: URL(fileURLWithPath: options.model), threshold: options.threshold,
                                 decoding: options.decoding, labelsCompete: options.labelsCompete, threads: options.threads ?? context.threads,
                                 splitSentences: options.splitSentences)
    }

    public func predict(_ queries: [EvaluationQuery], context: RunContext) async throws -> [Prediction] {
        try await loaded(context: context).predict(queries, context: context)
    }
}
