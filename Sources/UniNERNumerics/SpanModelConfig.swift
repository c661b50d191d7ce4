import Foundation

/// How the span loss is reduced over (span, query) pairs.
public enum LossReduction: String, Codable, Sendable {
    /// Mean over all scored pairs of the batch.
    case mean
    /// Sum over all scored pairs (GLiNER's default).
    case sum
}

/// The span model's configuration, saved next to its weights as `span_config.json`.
public struct SpanModelConfig: Codable, Equatable, Sendable {
    /// The encoder.
    public var encoder: BertConfig
    /// The longest span scored, in words (K).
    public var maxSpanWidth: Int
    /// The loss reduction over (span, query) pairs.
    public var lossReduction: LossReduction
    /// Weight of the positive (gold) pairs in the loss, against 1 for the negatives (counters the imbalance of
    /// about one gold span per thousand pairs).
    public var positiveWeight: Float
    /// The focal loss's focusing exponent γ (`BinaryCrossEntropy`); 0 is plain cross-entropy.
    public var focalGamma: Float
    /// Width of a hidden GELU layer in front of the query projection (GLiNER's prompt projection is a two-layer
    /// MLP of 4 × hidden); 0: the projection alone.
    public var queryHiddenSize: Int
    /// Whether the span side reads the encoder's states through a bidirectional LSTM (`BiLSTM`, GLiNER's `rnn`).
    public var spanLSTM: Bool

    public init(encoder: BertConfig, maxSpanWidth: Int = 12, lossReduction: LossReduction = .mean, positiveWeight: Float = 1,
                focalGamma: Float = 0, queryHiddenSize: Int = 0, spanLSTM: Bool = false) {
        self.encoder = encoder; self.maxSpanWidth = maxSpanWidth; self.lossReduction = lossReduction
        self.positiveWeight = positiveWeight; self.focalGamma = focalGamma; self.queryHiddenSize = queryHiddenSize
        self.spanLSTM = spanLSTM
    }

    /// The widest hidden query layer a saved model may declare.
    public static let queryHiddenSizeLimit = 65_536

    /// The file a saved model keeps its configuration in.
    public static let fileName = "span_config.json"

    /// The configuration saved in a model folder, checked against the limits.
    /// - Throws: `NumericsError.invalidConfig` naming the file when it cannot be read or is out of bounds.
    public static func load(folder: URL) throws -> SpanModelConfig {
        let url = folder.appendingPathComponent(fileName)
        let config: SpanModelConfig
        do { config = try JSONDecoder().decode(SpanModelConfig.self, from: Data(contentsOf: url)) } catch {
            throw NumericsError.invalidConfig("\(url.path): \(error.localizedDescription)")
        }
        try config.validate(file: url.path)
        return config
    }

    /// The longest span width a saved model may declare.
    public static let maxSpanWidthLimit = 256

    /// Checks the head's sizes and the encoder's (`BertConfig.validate`), naming the file.
    /// - Throws: `NumericsError.invalidConfig`.
    public func validate(file: String) throws {
        try encoder.validate(file: file)
        guard (1...Self.maxSpanWidthLimit).contains(maxSpanWidth) else {
            throw NumericsError.invalidConfig("\(file): 'maxSpanWidth' is \(maxSpanWidth); it must be in 1...\(Self.maxSpanWidthLimit)")
        }
        guard positiveWeight.isFinite, positiveWeight > 0 else {
            throw NumericsError.invalidConfig("\(file): 'positiveWeight' is \(positiveWeight); it must be a positive number")
        }
        guard focalGamma.isFinite, focalGamma >= 0 else {
            throw NumericsError.invalidConfig("\(file): 'focalGamma' is \(focalGamma); it must be a number ≥ 0")
        }
        guard (0...Self.queryHiddenSizeLimit).contains(queryHiddenSize) else {
            throw NumericsError.invalidConfig("\(file): 'queryHiddenSize' is \(queryHiddenSize); it must be in 0...\(Self.queryHiddenSizeLimit)")
        }
        try checkSpanLSTM(file: file)
    }

    /// The BiLSTM's rule: each direction is half the encoder's width, so that width must be even.
    /// - Throws: `NumericsError.invalidConfig`.
    func checkSpanLSTM(file: String) throws {
        guard !spanLSTM || encoder.hiddenSize % 2 == 0 else {
            throw NumericsError.invalidConfig("\(file): 'spanLSTM' needs an even encoder hidden size (it is \(encoder.hiddenSize)): each direction is half of it")
        }
    }

    enum CodingKeys: String, CodingKey { case encoder, maxSpanWidth, lossReduction, positiveWeight, focalGamma, queryHiddenSize, spanLSTM }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(encoder: try c.decode(BertConfig.self, forKey: .encoder), maxSpanWidth: try c.decode(Int.self, forKey: .maxSpanWidth),
                  lossReduction: try c.decode(LossReduction.self, forKey: .lossReduction),
                  positiveWeight: try c.decodeIfPresent(Float.self, forKey: .positiveWeight) ?? 1,
                  focalGamma: try c.decodeIfPresent(Float.self, forKey: .focalGamma) ?? 0,
                  queryHiddenSize: try c.decodeIfPresent(Int.self, forKey: .queryHiddenSize) ?? 0,
                  spanLSTM: try c.decodeIfPresent(Bool.self, forKey: .spanLSTM) ?? false)
    }

    // A plain-loss, plain-query model writes the file it wrote before these options existed (same bytes, same checksums).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.encoder, forKey: .encoder)
        try c.encode(maxSpanWidth, forKey: .maxSpanWidth)
        try c.encode(lossReduction, forKey: .lossReduction)
        try c.encode(positiveWeight, forKey: .positiveWeight)
        if focalGamma != 0 { try c.encode(focalGamma, forKey: .focalGamma) }
        if queryHiddenSize != 0 { try c.encode(queryHiddenSize, forKey: .queryHiddenSize) }
        if spanLSTM { try c.encode(spanLSTM, forKey: .spanLSTM) }
    }
}
