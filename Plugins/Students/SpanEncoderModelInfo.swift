import Foundation
import UniNERCore
import UniNERNumerics

/// What the predictor needs to know of a trained span-encoder model besides its weights, saved as
/// `student.json` next to `model.safetensors`, `span_config.json` and the tokenizer files.
public struct SpanEncoderModelInfo: Codable, Sendable, Equatable {
    public static let fileName = "student.json"
    public static let currentFormat = "uniner-span-encoder-v1"

    public var format: String
    /// The input layout the model was trained with (and is queried with).
    public var layout: InstructionExample.Layout
    public var maxTokens: Int
    /// The marker token in front of each label in the all-in-one layout.
    public var marker: String
    public var threshold: Float
    public var decoding: SpanDecoder.Mode
    public var steps: Int
    /// The `positive_weight` the model was trained with. Weighting gold pairs by w multiplies the odds the model
    /// gives a span by about w, so the predictor divides them back (logit − log w) and a threshold of 0.5 means
    /// even odds. Absent in models saved before this field: their scores are used as they are.
    public var positiveWeight: Float?
    /// Per-type models only: every type of a text asked in one pass (`SharedPassLayout`) instead of one pass each.
    /// Absent in models saved before this field: one pass per type.
    public var sharedPass: Bool?
    /// Which states become a label's query vector. Absent for `token`, and in models saved before this field.
    public var queryPooling: QueryPooling?

    public init(layout: InstructionExample.Layout, maxTokens: Int, marker: String, threshold: Float,
                decoding: SpanDecoder.Mode, steps: Int, positiveWeight: Float? = nil, sharedPass: Bool = false,
                queryPooling: QueryPooling = .token) {
        format = Self.currentFormat
        self.layout = layout; self.maxTokens = maxTokens; self.marker = marker; self.threshold = threshold
        self.decoding = decoding; self.steps = steps; self.positiveWeight = positiveWeight
        self.sharedPass = sharedPass ? true : nil
        self.queryPooling = queryPooling == .token ? nil : queryPooling
    }

    /// Whether the model asks all types of a text in one shared pass.
    public var isSharedPass: Bool { layout == .perType && sharedPass == true }

    /// The layout as a user reads it: `per-type`, `per-type (shared pass)` or `all-in-one`.
    public var layoutDescription: String { isSharedPass ? "per-type (shared pass)" : layout.rawValue }

    /// A span probability with the training's positive weight taken out: p / (p + w (1 − p)).
    public func corrected(_ probability: Float) -> Float {
        guard let weight = positiveWeight, weight != 1 else { return probability }
        return probability / (probability + weight * (1 - probability))
    }

    /// What a model artifact records of it (`ModelArtifact.info`).
    public var summary: [String: String] {
        var summary = ["format": format, "layout": layoutDescription, "max tokens": String(maxTokens), "steps": String(steps)]
        if let queryPooling { summary["query vector"] = queryPooling.rawValue }
        return summary
    }

    /// Reads `student.json` of a model folder.
    /// - Throws: `UniNERError` when the file is missing or not a span-encoder model.
    public static func load(folder: URL) throws -> SpanEncoderModelInfo {
        let url = folder.appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw UniNERError("\(folder.path) is not a trained span-encoder model (no \(fileName))",
                              help: "point at the 'model' folder written by 'uniner train' (or its stage folder)")
        }
        do {
            let info = try JSONDecoder().decode(SpanEncoderModelInfo.self, from: data)
            guard info.format == currentFormat else {
                throw UniNERError("\(url.path): unsupported model format '\(info.format)'", help: "expected \(currentFormat)")
            }
            // Inference sizes its windows by max_tokens: a hostile value must not reach an allocation.
            guard (16...65_536).contains(info.maxTokens) else {
                throw UniNERError("\(url.path): 'maxTokens' is \(info.maxTokens); it must be in 16...65536",
                                  help: "the file is damaged or not written by this toolkit; retrain or restore it")
            }
            if let weight = info.positiveWeight, !(weight.isFinite && weight > 0) {
                throw UniNERError("\(url.path): 'positiveWeight' is \(weight); it must be positive",
                                  help: "the file is damaged or not written by this toolkit; retrain or restore it")
            }
            guard info.threshold.isFinite, (0...1).contains(info.threshold) else {
                throw UniNERError("\(url.path): 'threshold' is \(info.threshold); it must be in [0, 1]",
                                  help: "the file is damaged or not written by this toolkit; retrain or restore it")
            }
            return info
        } catch let error as UniNERError {
            throw error
        } catch {
            throw UniNERError("\(url.path): \(error.localizedDescription)")
        }
    }

    /// The model folder inside a student stage folder (`<stage>/model`), or the folder itself: the one place that
    /// tells where a model lies, for loading it and for the identity of its files.
    public static func modelFolder(in directory: URL) -> URL {
        let inner = directory.appendingPathComponent("model")
        return FileManager.default.fileExists(atPath: inner.appendingPathComponent(fileName).path) ? inner : directory
    }
}
