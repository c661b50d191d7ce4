import Foundation

/// Our bench figures and GLiNER's, measured in the same `uniner bench --peer` invocation, and their ratios
/// (ours over GLiNER's), so that no ratio mixes machines.
public struct PeerComparison: Sendable {
    /// One line of the table: the measure, both values in words and ours / GLiNER's (nil when one is missing).
    public struct Row: Sendable, Equatable {
        public var measure: String
        public var ours: String
        public var peer: String
        public var ratio: Double?
    }

    public let ours: BenchFigures
    public let peer: PeerBenchFigures

    public init(ours: BenchFigures, peer: PeerBenchFigures) {
        self.ours = ours
        self.peer = peer
    }

    /// Training tokens/s (CoNLL batches, else the synthetic batch; then with the BiLSTM where measured), training
    /// sentences/s, all-in-one, per-type and shared-pass per-type inference sentences/s, training peak RSS, then our
    /// training share of the in-run sgemm peak.
    public var rows: [Row] {
        let training = peer.training, inference = peer.inference
        var rows: [Row] = []
        let tokens = ours.conllTokensPerSecond.map { ($0, "CoNLL-2003 batches") } ?? (ours.syntheticTokensPerSecond, "synthetic batch 8 × 256")
        let frozen = ours.frozenWordEmbeddings ? "; word embeddings fixed, as recipes train a pretrained backbone" : ""
        rows.append(Row(measure: "training, non-padding subword tokens/s",
                        ours: String(format: "%.0f", tokens.0) + " (\(tokens.1)\(frozen))",
                        peer: String(format: "%.1f (%d timed steps, batch %d)", training.tokensPerSecond, training.timedSteps, training.batch),
                        ratio: Self.ratio(tokens.0, training.tokensPerSecond)))
        if let lstm = ours.conllLSTMTokensPerSecond {
            rows.append(Row(measure: "training, non-padding subword tokens/s, with the span side's BiLSTM (GLiNER's head has one)",
                            ours: String(format: "%.0f (CoNLL-2003 batches, `span_lstm: true`\(frozen))", lstm),
                            peer: String(format: "%.1f", training.tokensPerSecond),
                            ratio: Self.ratio(lstm, training.tokensPerSecond)))
        }
        rows.append(Row(measure: "training, sentences/s",
                        ours: ours.conllSentencesPerSecond.map { String(format: "%.1f (CoNLL-2003, all labels per pass)", $0) } ?? "not measured (no CoNLL-2003)",
                        peer: String(format: "%.1f", training.sentencesPerSecond),
                        ratio: ours.conllSentencesPerSecond.flatMap { Self.ratio($0, training.sentencesPerSecond) }))
        let passes = inference.passes.map { String(format: "%.1f", $0) }.joined(separator: ", ")
        let peerInference = String(format: "%.1f (median of %d passes: ", inference.sentencesPerSecond, inference.passes.count)
            + passes + "; \(inference.labels) labels in one pass, batch \(inference.batch))"
        for (layout, rate) in [("all-in-one", ours.allInOneSentencesPerSecond), ("per-type", ours.perTypeSentencesPerSecond),
                               ("per-type, shared pass", ours.sharedPassSentencesPerSecond)] {
            rows.append(Row(measure: "inference, \(inference.data), sentences/s, \(layout)",
                            ours: rate.map { String(format: "%.1f (batch %d)", $0, ours.inferenceBatch) } ?? "not measured",
                            peer: peerInference, ratio: rate.flatMap { Self.ratio($0, inference.sentencesPerSecond) }))
        }
        rows.append(Row(measure: "training peak RSS (lower is better)",
                        ours: String(format: "%.0f MB", Double(ours.trainingPeakRSSBytes) / 1e6) + " (\(ours.trainingRSSWorkload))",
                        peer: String(format: "%.0f MB", Double(training.peakRSSBytes) / 1e6),
                        ratio: Self.ratio(Double(ours.trainingPeakRSSBytes), Double(training.peakRSSBytes))))
        rows.append(Row(measure: "our training share of the in-run sgemm peak",
                        ours: String(format: "%.0f%% (%.1f of %.1f GFLOP/s)", 100 * ours.trainingShare, ours.trainingGFLOPS,
                                     ours.sgemmPeakGFLOPS),
                        peer: "", ratio: nil))
        return rows
    }

    /// The table in Markdown, preceded by what GLiNER was measured on.
    public var markdown: String {
        let versions = peer.versions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var lines = ["GLiNER measured in this run, on this machine (\(peer.machine), \(peer.threads) threads; \(versions)).",
                     "GLiNER training: \(peer.training.data); \(peer.training.steps) steps, the first "
                         + "\(peer.training.steps - peer.training.timedSteps) untimed.",
                     "",
                     "| measure | uniner | \(peer.peer) | ratio (uniner / GLiNER) |",
                     "|---|---|---|---|"]
        for row in rows {
            lines.append("| \(row.measure) | \(row.ours) | \(row.peer) | \(row.ratio.map { String(format: "%.2f×", $0) } ?? "") |")
        }
        return lines.joined(separator: "\n")
    }

    private static func ratio(_ ours: Double, _ theirs: Double) -> Double? {
        theirs > 0 ? ours / theirs : nil
    }
}
