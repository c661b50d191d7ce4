import Foundation

/// A model that learns from instruction examples and answers queries once trained.
public protocol Student: Sendable {
    /// Trains on `examples`, writing the model (and checkpoints) into `directory`; resumes from a checkpoint
    /// found there.
    func train(_ examples: [InstructionExample], into directory: URL, context: RunContext) async throws -> StageReport
    /// A predictor backed by the model saved in `directory`.
    func predictor(modelDirectory: URL, context: RunContext) throws -> any Predictor
}
