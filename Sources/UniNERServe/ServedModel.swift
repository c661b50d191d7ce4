import Foundation
import UniNERCore
import UniNERNumerics
import UniNERStudents

/// The trained model behind `uniner serve`: the one place that builds the predictor and calls it, the same
/// way `uniner predict` does (`SpanEncoderPredictor`, `mentions(texts:)`), so offsets and windows match.
///
/// Only the batcher's single worker calls `extract`, serially (merged batches are what makes it fast).
public final class ServedModel: Sendable {
    /// The lowest threshold a request may ask for. The predictor is built with it once, and each request's
    /// own threshold filters its entities: greedy decoding takes candidates by falling probability, so the
    /// ones at or above a higher threshold are chosen exactly as if the lower ones had never been there.
    public static let thresholdFloor: Float = 0.01

    public let folder: URL
    public let info: SpanEncoderModelInfo
    /// Built once at the lowest threshold; each request's threshold and decoding are applied per call.
    let predictor: SpanEncoderPredictor

    /// Loads the model folder written by the span-encoder student (or its stage folder).
    /// - Throws: `UniNERError` when the folder holds no span-encoder model; numerics errors for bad weights.
    public init(modelDirectory: URL, threads: Int) throws {
        folder = SpanEncoderModelInfo.modelFolder(in: modelDirectory)
        info = try SpanEncoderModelInfo.load(folder: folder)
        predictor = try SpanEncoderPredictor(modelDirectory: folder, threshold: min(Self.thresholdFloor, info.threshold),
                                             threads: threads)
    }

    /// A readable name: `<run>/<variant>` for a model in `runs/<run>/<variant>/model`, else the folder's name.
    public var name: String {
        var parts = folder.standardizedFileURL.pathComponents
        while parts.count > 1, parts.last == "model" || parts.last == "student" { parts.removeLast() }
        return parts.suffix(2).joined(separator: "/")
    }

    /// The entities of each text, sorted by (start, end), as `uniner predict` lists them.
    /// - Parameters:
    ///   - items: each text with its labels and threshold (`nil`: the model's saved one).
    ///   - decoding: `flat` or `nested` (`nil`: the saved one).
    /// - Throws: the predictor's `UniNERError` (e.g. a label whose query does not fit in `max_tokens`).
    func extract(_ items: [(text: String, labels: [String], threshold: Float?)], decoding: SpanDecoder.Mode?) throws -> [[ServedEntity]] {
        let found = try predictor.mentions(texts: items.map { ($0.text, nil, $0.labels) }, decoding: decoding)
        return zip(items, found).map { item, perLabel in
            let threshold = Double(item.threshold ?? info.threshold)
            var entities: [ServedEntity] = []
            for (label, mentions) in zip(item.labels, perLabel) {
                entities += mentions.filter { ($0.score ?? 0) >= threshold }
                    .map { ServedEntity(text: $0.text, label: label, start: $0.start, end: $0.end, score: $0.score) }
            }
            entities.sort { ($0.start, $0.end) < ($1.start, $1.end) }
            return entities
        }
    }
}
