import Foundation

/// A model that learns from instruction examples and answers queries once trained.
public protocol Student: Sendable {
    /// Trains on `examples`, writing the model (and checkpoints) into `directory`; resumes from a checkpoint
    /// found there. The pipeline calls it only when the stage cache has no trained model for the key.
    /// - Returns: the model artifact, whose folder lies inside `directory`.
    func train(_ examples: [InstructionExample], into directory: URL, context: RunContext) async throws -> ModelArtifact
    /// A predictor backed by a model this student trained.
    func predictor(for model: ModelArtifact, context: RunContext) throws -> any Predictor
    /// See the extension: options that do not affect training.
    var inferenceOnlyOptions: [String] { get }
}

extension Student {
    /// Recipe keys of the student's section that only change how the trained model predicts (threshold,
    /// decoding): left out of the model's cache key, so that changing them predicts again without retraining.
    public var inferenceOnlyOptions: [String] { [] }
}
