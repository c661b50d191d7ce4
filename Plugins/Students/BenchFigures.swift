import Foundation

/// Our own figures of one `uniner bench` run, the ones `PeerComparison` sets beside GLiNER's.
public struct BenchFigures: Sendable, Equatable {
    /// The best sgemm 1024³ rate of this run (GFLOP/s), the ceiling training is measured against.
    public var sgemmPeakGFLOPS: Double
    /// Matmul GFLOP/s of training on the synthetic batch 8 × 256.
    public var trainingGFLOPS: Double
    /// Non-padding tokens/s of training on the synthetic batch 8 × 256.
    public var syntheticTokensPerSecond: Double
    /// Training on CoNLL-2003 train sentences, all labels per pass (nil when the data is missing).
    public var conllTokensPerSecond: Double?
    public var conllSentencesPerSecond: Double?
    /// The same CoNLL-2003 training with the span side's BiLSTM (`span_lstm`), GLiNER's head shape (nil when not measured).
    public var conllLSTMTokensPerSecond: Double?
    /// Peak RSS (VmHWM) after training, before any inference model is loaded.
    public var trainingPeakRSSBytes: Int
    /// What that peak was measured on, in words (GLiNER's workload, CoNLL-2003 batches, when the data is there).
    public var trainingRSSWorkload: String
    /// Whether training kept the word embeddings fixed, as a recipe over a pretrained backbone does.
    public var frozenWordEmbeddings: Bool
    /// Inference sentences/s at batch 8 (or the first batch size measured), per layout (nil when not measured).
    public var allInOneSentencesPerSecond: Double?
    public var perTypeSentencesPerSecond: Double?
    /// Per-type with every type of a sentence in one shared pass (`SharedPassLayout`).
    public var sharedPassSentencesPerSecond: Double?
    /// The inference batch the two rates above were measured at.
    public var inferenceBatch: Int

    public init(sgemmPeakGFLOPS: Double, trainingGFLOPS: Double, syntheticTokensPerSecond: Double,
                conllTokensPerSecond: Double? = nil, conllSentencesPerSecond: Double? = nil,
                conllLSTMTokensPerSecond: Double? = nil, trainingPeakRSSBytes: Int,
                trainingRSSWorkload: String = "synthetic batch 8 × 256", frozenWordEmbeddings: Bool = false,
                allInOneSentencesPerSecond: Double? = nil, perTypeSentencesPerSecond: Double? = nil,
                sharedPassSentencesPerSecond: Double? = nil, inferenceBatch: Int = 8) {
        self.sgemmPeakGFLOPS = sgemmPeakGFLOPS; self.trainingGFLOPS = trainingGFLOPS
        self.syntheticTokensPerSecond = syntheticTokensPerSecond
        self.conllTokensPerSecond = conllTokensPerSecond; self.conllSentencesPerSecond = conllSentencesPerSecond
        self.conllLSTMTokensPerSecond = conllLSTMTokensPerSecond
        self.trainingPeakRSSBytes = trainingPeakRSSBytes
        self.trainingRSSWorkload = trainingRSSWorkload; self.frozenWordEmbeddings = frozenWordEmbeddings
        self.allInOneSentencesPerSecond = allInOneSentencesPerSecond; self.perTypeSentencesPerSecond = perTypeSentencesPerSecond
        self.sharedPassSentencesPerSecond = sharedPassSentencesPerSecond
        self.inferenceBatch = inferenceBatch
    }

    /// Training GFLOP/s over the sgemm ceiling of the same run (0 when the ceiling is unknown).
    public var trainingShare: Double { sgemmPeakGFLOPS > 0 ? trainingGFLOPS / sgemmPeakGFLOPS : 0 }
}
