import Foundation
import UniNERCore
import UniNERNumerics

/// The `span-encoder` student's options, decoded from its recipe section.
public struct SpanEncoderOptions: PluginOptions, Equatable {
    /// A BERT-family Hugging Face folder (`nil`: `UNINER_MODEL_DIR`, else `.models/all-MiniLM-L6-v2`).
    public var backbone: String?
    /// Train a from-scratch encoder of this size (random initialisation, the backbone's vocabulary).
    public var size: String?
    public var maxWidth: Int
    /// Passes over the data (`nil`: `max_steps`, `examples` or the time budget decides, else 1).
    public var epochs: Double?
    public var maxSteps: Int?
    /// Stop after this many training sequences seen (whole steps): a budget that holds for any batch size.
    public var examples: Int?
    public var timeBudgetSeconds: Double?
    public var batch: Int
    public var gradAccum: Int
    /// Cap on padded tokens per micro-batch (long-sentence buckets are split).
    public var batchTokens: Int?
    public var lr: Float
    public var encoderLR: Float
    public var warmup: Double
    public var schedule: LearningRateSchedule.Decay
    public var maxTokens: Int
    public var threshold: Float
    public var decoding: SpanDecoder.Mode
    public var checkpointEvery: Int
    public var threads: Int?
    public var dropout: Float?
    public var weightDecay: Float
    /// Loss weight of gold (span, label) pairs against 1 for the negatives.
    public var positiveWeight: Float
    /// The focal loss's focusing exponent (0: plain cross-entropy).
    public var focalGamma: Float
    /// Keep the pretrained word embeddings fixed (label words unseen in training keep their meaning).
    public var freezeEmbeddings: Bool
    /// At inference, never score a span across a sentence end (`SentenceSplitter`). Off by default in recipes:
    /// benchmark texts are one sentence each, and predictions cached before the option existed stay exact.
    public var splitSentences: Bool
    /// Per-type queries only: every type of a sentence asked in one pass (`SharedPassLayout`), the text encoded
    /// once and each type attending to it alone, instead of one pass per (sentence, type).
    public var sharedPass: Bool
    /// At inference, one label per span across the types asked of a text, the highest probability winning
    /// (`nil`: only for all-in-one models; a per-type model then answers each type on its own).
    public var labelsCompete: Bool?
    /// Which states become a label's query vector: one token's, or the mean of the label's word pieces.
    public var queryPooling: QueryPooling
    /// Width of a hidden GELU layer in front of the query projection (0: the projection alone).
    public var queryHidden: Int
    /// Whether the span side reads the encoder's states through a bidirectional LSTM, as GLiNER's head does.
    public var spanLSTM: Bool

    public static let optionSpecs: [OptionSpec] = [
        OptionSpec("backbone", "path", default: "$UNINER_MODEL_DIR or .models/all-MiniLM-L6-v2", "BERT-family Hugging Face folder (config.json, model.safetensors, vocab)"),
        OptionSpec("size", "tiny|small|base", default: "none", "train a from-scratch encoder of this size (random init, the backbone's vocabulary)"),
        OptionSpec("max_width", "int", default: "12", "longest span scored, in words", range: .atLeastOne),
        OptionSpec("epochs", "number", default: "1 unless max_steps, examples or time_budget_s is set", "passes over the training sequences", range: .positive),
        OptionSpec("max_steps", "int", default: "none", "stop after this many optimiser steps", range: .atLeastOne),
        OptionSpec("examples", "int", default: "none", "stop after the step that reaches this many training sequences seen", range: .atLeastOne),
        OptionSpec("time_budget_s", "number", default: "none", "stop training after this wall time (the schedule is fitted to it)", range: .positive),
        OptionSpec("batch", "int", default: "8", "sequences per micro-batch", range: .atLeastOne),
        OptionSpec("batch_tokens", "int", default: "2048", "cap on padded tokens per micro-batch: long-sentence batches are split (memory)", range: .atLeast(16)),
        OptionSpec("grad_accum", "int", default: "1", "micro-batches per optimiser step", range: .atLeastOne),
        OptionSpec("lr", "number", default: "1.0e-3", "peak learning rate of the span head", range: .positive),
        OptionSpec("encoder_lr", "number", default: "1.0e-4", "peak learning rate of the encoder", range: .nonNegative),
        OptionSpec("warmup", "number", default: "0.05", "share of the steps spent warming up", range: .share),
        OptionSpec("schedule", "linear|cosine|constant", default: "linear", "decay after warmup"),
        OptionSpec("max_tokens", "int", default: "256", "tokens per encoder pass (longer texts: sliding windows at inference)", range: .atLeast(16)),
        OptionSpec("threshold", "number", default: "0.5", "span probability, corrected for positive_weight (0.5: even odds), needed to predict a mention", range: .probability),
        OptionSpec("decoding", "flat|nested", default: "flat", "greedy non-overlapping mentions, or nesting allowed"),
        OptionSpec("checkpoint_every", "int", default: "200", "steps between checkpoints (a killed run resumes from the last)", range: .atLeastOne),
        OptionSpec("threads", "int", default: "the run's threads", "BLAS threads", range: .atLeastOne),
        OptionSpec("dropout", "number", default: "the backbone's", "hidden and attention dropout", range: .share),
        OptionSpec("weight_decay", "number", default: "0.01", "AdamW weight decay", range: .nonNegative),
        OptionSpec("positive_weight", "number", default: "1", "loss weight of gold (span, label) pairs against 1 for negatives", range: .positive),
        OptionSpec("focal_gamma", "number", default: "0", "focal loss exponent: (1 - p)^gamma down-weights the pairs already right (0: plain cross-entropy; GLiNER's loss_gamma)", range: .nonNegative),
        OptionSpec("freeze_embeddings", "bool", default: "true with a pretrained backbone", "keep the word embeddings fixed"),
        OptionSpec("split_sentences", "bool", default: "false", "at inference, score no span across a sentence end (texts of several sentences; `predict` and `serve` always do)"),
        OptionSpec("labels_compete", "bool", default: "true for all-in-one, false for per-type", "at inference, one label per span across the types asked of a text (highest probability wins), as in flat NER; per-type otherwise answers each type alone"),
        OptionSpec("query_pooling", "token|label_mean", default: "token", "the query vector of a label: the state of [CLS] (per type) or of the marker in front of it, or the mean of its own word pieces' states"),
        OptionSpec("query_hidden", "int", default: "0", "width of a hidden GELU layer in front of the query projection, as GLiNER's prompt MLP (4 × the encoder's width there); 0: the projection alone", range: .nonNegative),
        OptionSpec("span_lstm", "bool", default: "false", "the span side reads the encoder's text states through a bidirectional LSTM (GLiNER's rnn; each direction half the encoder's width); the queries read the encoder"),
        OptionSpec("shared_pass", "bool", default: "false", "per-type queries: all types of a sentence in one encoder pass (the text attends to itself only, each type to the text and itself)"),
    ]

    enum CodingKeys: String, CodingKey {
        case backbone, size, maxWidth = "max_width", epochs, maxSteps = "max_steps", examples, timeBudgetSeconds = "time_budget_s"
        case batch, batchTokens = "batch_tokens", gradAccum = "grad_accum", lr, encoderLR = "encoder_lr", warmup, schedule, maxTokens = "max_tokens"
        case threshold, decoding, checkpointEvery = "checkpoint_every", threads, dropout, weightDecay = "weight_decay"
        case positiveWeight = "positive_weight", focalGamma = "focal_gamma", freezeEmbeddings = "freeze_embeddings", splitSentences = "split_sentences"
        case sharedPass = "shared_pass", labelsCompete = "labels_compete", queryPooling = "query_pooling"
        case queryHidden = "query_hidden", spanLSTM = "span_lstm"
    }

    public init(backbone: String? = nil, size: String? = nil, maxWidth: Int = 12, epochs: Double? = nil, maxSteps: Int? = nil,
                examples: Int? = nil, timeBudgetSeconds: Double? = nil, batch: Int = 8, batchTokens: Int? = 2048, gradAccum: Int = 1, lr: Float = 1e-3,
                encoderLR: Float = 1e-4, warmup: Double = 0.05, schedule: LearningRateSchedule.Decay = .linear,
                maxTokens: Int = 256, threshold: Float = 0.5, decoding: SpanDecoder.Mode = .flat,
                checkpointEvery: Int = 200, threads: Int? = nil, dropout: Float? = nil, weightDecay: Float = 0.01,
                positiveWeight: Float = 1, focalGamma: Float = 0, freezeEmbeddings: Bool? = nil, splitSentences: Bool = false,
                sharedPass: Bool = false, labelsCompete: Bool? = nil, queryPooling: QueryPooling = .token, queryHidden: Int = 0,
                spanLSTM: Bool = false) {
        self.backbone = backbone; self.size = size; self.maxWidth = maxWidth; self.epochs = epochs
        self.maxSteps = maxSteps; self.examples = examples; self.timeBudgetSeconds = timeBudgetSeconds; self.batch = batch; self.batchTokens = batchTokens
        self.gradAccum = gradAccum; self.lr = lr; self.encoderLR = encoderLR; self.warmup = warmup
        self.schedule = schedule; self.maxTokens = maxTokens; self.threshold = threshold; self.decoding = decoding
        self.checkpointEvery = checkpointEvery; self.threads = threads; self.dropout = dropout
        self.weightDecay = weightDecay
        self.positiveWeight = positiveWeight
        self.focalGamma = focalGamma
        self.freezeEmbeddings = freezeEmbeddings ?? (size == nil)
        self.splitSentences = splitSentences
        self.sharedPass = sharedPass
        self.labelsCompete = labelsCompete
        self.queryPooling = queryPooling
        self.queryHidden = queryHidden
        self.spanLSTM = spanLSTM
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = SpanEncoderOptions()
        backbone = try c.decodeIfPresent(String.self, forKey: .backbone)
        size = try c.decodeIfPresent(String.self, forKey: .size)
        maxWidth = try c.decode(.maxWidth, default: defaults.maxWidth)
        epochs = try c.decodeIfPresent(Double.self, forKey: .epochs)
        maxSteps = try c.decodeIfPresent(Int.self, forKey: .maxSteps)
        examples = try c.decodeIfPresent(Int.self, forKey: .examples)
        timeBudgetSeconds = try c.decodeIfPresent(Double.self, forKey: .timeBudgetSeconds)
        batch = try c.decode(.batch, default: defaults.batch)
        batchTokens = try c.decode(.batchTokens, default: 2048)
        gradAccum = try c.decode(.gradAccum, default: defaults.gradAccum)
        lr = try c.decode(.lr, default: defaults.lr)
        encoderLR = try c.decode(.encoderLR, default: defaults.encoderLR)
        warmup = try c.decode(.warmup, default: defaults.warmup)
        let scheduleName = try c.decode(.schedule, default: "linear")
        guard let decay = LearningRateSchedule.Decay(rawValue: scheduleName) else {
            throw InvalidOption("schedule", "unknown schedule '\(scheduleName)'", help: "valid: linear, cosine, constant")
        }
        schedule = decay
        maxTokens = try c.decode(.maxTokens, default: defaults.maxTokens)
        threshold = try c.decode(.threshold, default: defaults.threshold)
        let decodingName = try c.decode(.decoding, default: "flat")
        guard let mode = SpanDecoder.Mode(rawValue: decodingName), mode != .threshold else {
            throw InvalidOption("decoding", "unknown decoding '\(decodingName)'", help: "valid: flat, nested")
        }
        decoding = mode
        checkpointEvery = try c.decode(.checkpointEvery, default: defaults.checkpointEvery)
        threads = try c.decodeIfPresent(Int.self, forKey: .threads)
        dropout = try c.decodeIfPresent(Float.self, forKey: .dropout)
        weightDecay = try c.decode(.weightDecay, default: defaults.weightDecay)
        positiveWeight = try c.decode(.positiveWeight, default: 1)
        focalGamma = try c.decode(.focalGamma, default: 0)
        freezeEmbeddings = try c.decode(.freezeEmbeddings, default: size == nil)
        splitSentences = try c.decode(.splitSentences, default: false)
        sharedPass = try c.decode(.sharedPass, default: false)
        labelsCompete = try c.decodeIfPresent(Bool.self, forKey: .labelsCompete)
        let poolingName = try c.decode(.queryPooling, default: QueryPooling.token.rawValue)
        guard let pooling = QueryPooling(rawValue: poolingName) else {
            throw InvalidOption("query_pooling", "unknown pooling '\(poolingName)'",
                                help: "valid: " + QueryPooling.allCases.map(\.rawValue).joined(separator: ", "))
        }
        queryPooling = pooling
        queryHidden = try c.decode(.queryHidden, default: 0)
        spanLSTM = try c.decode(.spanLSTM, default: false)
        try validate()
    }

    /// Range checks shared by the decoder and programmatic construction.
    /// - Throws: `InvalidOption` naming the key.
    public func validate() throws {
        if let size, BertConfig.Size(rawValue: size) == nil {
            throw InvalidOption("size", "unknown size '\(size)'", help: "valid: " + BertConfig.Size.allCases.map(\.rawValue).joined(separator: ", "))
        }
        if maxWidth < 1 { throw InvalidOption("max_width", "must be at least 1") }
        if let epochs, epochs <= 0 { throw InvalidOption("epochs", "must be positive") }
        if let maxSteps, maxSteps < 1 { throw InvalidOption("max_steps", "must be at least 1") }
        if let examples, examples < 1 { throw InvalidOption("examples", "must be at least 1") }
        if let timeBudgetSeconds, timeBudgetSeconds <= 0 { throw InvalidOption("time_budget_s", "must be positive") }
        if batch < 1 { throw InvalidOption("batch", "must be at least 1") }
        if let batchTokens, batchTokens < 16 { throw InvalidOption("batch_tokens", "must be at least 16") }
        if gradAccum < 1 { throw InvalidOption("grad_accum", "must be at least 1") }
        if lr <= 0 || encoderLR < 0 { throw InvalidOption(lr <= 0 ? "lr" : "encoder_lr", "must be positive") }
        if !(0..<1).contains(warmup) { throw InvalidOption("warmup", "must be in [0, 1)") }
        if maxTokens < 16 { throw InvalidOption("max_tokens", "must be at least 16") }
        if !(0...1).contains(threshold) { throw InvalidOption("threshold", "must be in [0, 1]") }
        if checkpointEvery < 1 { throw InvalidOption("checkpoint_every", "must be at least 1") }
        if let threads, threads < 1 { throw InvalidOption("threads", "must be at least 1") }
        if positiveWeight <= 0 { throw InvalidOption("positive_weight", "must be positive") }
        if let dropout, !(0..<1).contains(dropout) { throw InvalidOption("dropout", "must be in [0, 1)") }
        if !(0...SpanModelConfig.queryHiddenSizeLimit).contains(queryHidden) {
            throw InvalidOption("query_hidden", "must be in 0...\(SpanModelConfig.queryHiddenSizeLimit)")
        }
    }

    /// Checks, when the recipe is validated, that the backbone folder holds a model (its `config.json`), so a
    /// missing download fails before any stage runs rather than when training starts.
    /// - Throws: `UniNERError` naming the folder and where its path came from.
    public func checkBackbone(environment: [String: String]) throws {
        guard size == nil else { return }
        let folder = backboneFolder(environment: environment)
        guard !FileManager.default.fileExists(atPath: folder.appendingPathComponent("config.json").path) else { return }
        let origin = backbone != nil ? "'student.backbone'"
            : environment["UNINER_MODEL_DIR"].map { _ in "UNINER_MODEL_DIR" } ?? "the default (no 'student.backbone')"
        throw UniNERError("the span-encoder backbone folder \(folder.path), from \(origin), holds no config.json",
                          help: "run scripts/setup.sh to fetch all-MiniLM-L6-v2 into .models/, or point 'student.backbone' "
                              + "(or UNINER_MODEL_DIR) at a BERT-family Hugging Face folder")
    }

    /// The backbone folder: the option, else `UNINER_MODEL_DIR`, else `.models/all-MiniLM-L6-v2`.
    public func backboneFolder(environment: [String: String]) -> URL {
        if let backbone { return URL(fileURLWithPath: backbone) }
        if let dir = environment["UNINER_MODEL_DIR"], !dir.isEmpty { return URL(fileURLWithPath: dir) }
        return URL(fileURLWithPath: ".models/all-MiniLM-L6-v2")
    }
}
