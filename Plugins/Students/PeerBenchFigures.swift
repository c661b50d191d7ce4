import Foundation

/// The figures `scripts/bench-gliner.sh` prints as one JSON object: GLiNER's training and inference rates on
/// this machine, measured as `shared/reference/PEERS.md` describes, with what was measured.
///
/// Keys are snake_case in the JSON (`tokens_per_second`); unknown keys are ignored so the script may add some.
public struct PeerBenchFigures: Decodable, Sendable, Equatable {
    /// The peer and its version, e.g. `GLiNER 0.2.29`.
    public var peer: String
    /// Package versions (`gliner`, `torch`, `transformers`).
    public var versions: [String: String]
    /// The machine in words (CPU model, cores) as the script saw it.
    public var machine: String
    public var threads: Int
    public var training: Training
    public var inference: Inference

    /// Steady-state training after the warm-up steps.
    public struct Training: Decodable, Sendable, Equatable {
        /// What it trained on, in words (dataset, split, sentences, labels per sentence).
        public var data: String
        public var batch: Int
        /// Optimiser steps run, warm-up included; `timedSteps` of them are timed.
        public var steps: Int
        public var timedSteps: Int
        public var seconds: Double
        /// Non-padding subword tokens of the timed steps' batches per second (the encoder's input, prompt included).
        public var tokensPerSecond: Double
        public var sentencesPerSecond: Double
        public var peakRSSBytes: Int

        enum CodingKeys: String, CodingKey {
            case data, batch, steps, seconds
            case timedSteps = "timed_steps", tokensPerSecond = "tokens_per_second"
            case sentencesPerSecond = "sentences_per_second", peakRSSBytes = "peak_rss_bytes"
        }
    }

    /// Inference over a test split, all its labels in one pass per batch.
    public struct Inference: Decodable, Sendable, Equatable {
        public var data: String
        public var sentences: Int
        public var labels: Int
        public var batch: Int
        /// Sentences per second of each timed pass over the split.
        public var passes: [Double]
        /// The median of `passes`.
        public var sentencesPerSecond: Double
        public var peakRSSBytes: Int

        enum CodingKeys: String, CodingKey {
            case data, sentences, labels, batch, passes
            case sentencesPerSecond = "sentences_per_second", peakRSSBytes = "peak_rss_bytes"
        }
    }

    /// Decodes the script's output.
    /// - Throws: `PeerBenchError.badOutput` naming the missing or mistyped key.
    public static func decode(_ data: Data) throws -> PeerBenchFigures {
        do {
            return try JSONDecoder().decode(PeerBenchFigures.self, from: data)
        } catch let error as DecodingError {
            throw PeerBenchError.badOutput(Self.describe(error))
        } catch {
            throw PeerBenchError.badOutput("\(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "no key '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "'\(path(context))': \(context.debugDescription)"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON: \(context.debugDescription)" : "'\(path(context))': \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
