import Foundation
import UniNERFiles

/// Training hyper-parameters.
public struct TrainerConfig: Codable, Equatable, Sendable {
    /// Peak learning rate of the head.
    public var headLearningRate: Float
    /// Peak learning rate of the encoder (GLiNER uses a smaller one).
    public var encoderLearningRate: Float
    /// Linear warmup length, in optimiser steps.
    public var warmupSteps: Int
    /// The planned number of optimiser steps (the decay reaches its end there).
    public var totalSteps: Int
    /// The decay after warmup.
    public var decay: LearningRateSchedule.Decay
    /// AdamW's decoupled weight decay (matrices only).
    public var weightDecay: Float
    /// AdamW's moment decay rates and epsilon.
    public var beta1: Float, beta2: Float, eps: Float
    /// Global-norm clipping threshold (0: none).
    public var maxGradNorm: Float
    /// Seeds dropout.
    public var seed: UInt64
    /// Keeps the word-embedding table (half of MiniLM's parameters) fixed, which saves about half of the
    /// optimiser's memory traffic per step; position, type and all other parameters still train.
    public var freezeWordEmbeddings: Bool

    public init(headLearningRate: Float = 5e-5, encoderLearningRate: Float = 1e-5, warmupSteps: Int = 0, totalSteps: Int,
                decay: LearningRateSchedule.Decay = .linear, weightDecay: Float = 0.01, beta1: Float = 0.9,
                beta2: Float = 0.999, eps: Float = 1e-8, maxGradNorm: Float = 1, seed: UInt64 = 42,
                freezeWordEmbeddings: Bool = false) {
        self.headLearningRate = headLearningRate; self.encoderLearningRate = encoderLearningRate
        self.warmupSteps = warmupSteps; self.totalSteps = totalSteps; self.decay = decay; self.weightDecay = weightDecay
        self.beta1 = beta1; self.beta2 = beta2; self.eps = eps; self.maxGradNorm = maxGradNorm; self.seed = seed
        self.freezeWordEmbeddings = freezeWordEmbeddings
    }
}

/// What one optimiser step did.
public struct StepReport: Sendable {
    /// The 0-based index of the step just taken.
    public var step: Int
    /// Mean of the micro-batch losses.
    public var loss: Double
    /// The head's learning rate used.
    public var learningRate: Float
    /// Global gradient norm before clipping.
    public var gradNorm: Float
    /// Non-padding tokens processed.
    public var tokens: Int
    public var seconds: Double
    public var tokensPerSecond: Double { seconds > 0 ? Double(tokens) / seconds : 0 }
}

/// The training loop over prepared batches: gradient accumulation, clipping, AdamW with warmup and decay,
/// and atomic checkpoints (model + optimizer + step + RNG) from which a resumed run repeats the same losses.
public final class Trainer {
    public let model: SpanModel
    public private(set) var config: TrainerConfig
    public let optimizer: AdamW
    /// Optimiser steps taken.
    public private(set) var step = 0
    /// The dropout generator.
    public private(set) var rng: RandomGenerator
    /// Forward caches reused by every step, so that a run at one batch shape allocates once.
    private let cache = SpanModel.Cache()

    public init(model: SpanModel, config: TrainerConfig) {
        self.model = model
        self.config = config
        optimizer = AdamW(parameterCount: model.store.totalCount, beta1: config.beta1, beta2: config.beta2,
                          eps: config.eps, weightDecay: config.weightDecay)
        rng = RandomGenerator(seed: config.seed)
        model.store.setFrozen(model.encoder.wte, config.freezeWordEmbeddings)
    }

    /// The learning-rate schedule of the head (the encoder's follows the same factor).
    public var schedule: LearningRateSchedule {
        LearningRateSchedule(peak: config.headLearningRate, warmupSteps: config.warmupSteps,
                             totalSteps: config.totalSteps, decay: config.decay)
    }

    /// One optimiser step over `microBatches` (gradients accumulated, each loss weighted 1 / count).
    /// - Throws: `NumericsError.invalidInput` for an inconsistent batch (no update is made then).
    public func step(_ microBatches: [SpanBatch]) throws -> StepReport {
        guard !microBatches.isEmpty else { throw NumericsError.invalidInput("a step needs at least one batch") }
        for b in microBatches { try b.validate() }
        let start = DispatchTime.now().uptimeNanoseconds
        model.store.zeroGrad()
        var loss = 0.0, tokens = 0
        let scale = 1 / Float(microBatches.count)
        for b in microBatches {
            let cache = try model.forward(b, training: true, rng: &rng, reusing: cache)
            loss += cache.loss
            model.backward(cache, lossScale: scale)
            tokens += b.tokenCount
        }
        loss /= Double(microBatches.count)
        // clipping folded into the update: the gradients are scaled as AdamW reads them, not in a pass of their own
        let norm = AdamW.gradientNorm(model.store)
        let f = schedule.factor(step: step)
        let head = config.headLearningRate * f, enc = config.encoderLearningRate * f
        optimizer.update(model.store, gradientScale: AdamW.clipScale(norm: norm, maxNorm: config.maxGradNorm)) { [model] p in
            model.isHead(p) ? head : enc
        }
        let report = StepReport(step: step, loss: loss, learningRate: head, gradNorm: norm, tokens: tokens,
                                seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        step += 1
        return report
    }

    /// Changes the planned schedule from the next step on (a time budget re-fits it to the measured step rate);
    /// weights, moments, step and dropout generator stay as they are.
    /// - Parameters:
    ///   - totalSteps: where the decay now ends.
    ///   - warmupSteps: a new warmup length, or nil to keep it.
    public func replan(totalSteps: Int, warmupSteps: Int? = nil) {
        config.totalSteps = totalSteps
        if let warmupSteps { config.warmupSteps = warmupSteps }
    }

    // MARK: - Checkpoints

    struct State: Codable {
        var step: Int
        var optimizerStep: Int
        var rng: RandomGenerator
        var config: TrainerConfig
    }

    /// Writes `model.safetensors`, `span_config.json`, `config.json`, `optimizer.safetensors` and
    /// `trainer_state.json` into `folder`, atomically (a temporary folder renamed into place).
    public func saveCheckpoint(to folder: URL) throws {
        try AtomicFile.writeFolder(folder) { dir in
            try model.writeFiles(into: dir)
            try SafeTensors.write([("m", [optimizer.m.count], UnsafePointer(optimizer.m.data)),
                                   ("v", [optimizer.v.count], UnsafePointer(optimizer.v.data))],
                                  metadata: ["step": "\(optimizer.step)"],
                                  to: dir.appendingPathComponent("optimizer.safetensors"))
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            try AtomicFile.write(enc.encode(State(step: step, optimizerStep: optimizer.step, rng: rng, config: config)),
                                 to: dir.appendingPathComponent("trainer_state.json"))
        }
    }

    /// Restores a trainer (model weights, optimizer moments, step and RNG) from a checkpoint folder.
    /// - Throws: `NumericsError.invalidCheckpoint` when a file is missing or does not match.
    public static func resume(from folder: URL) throws -> Trainer {
        let stateURL = folder.appendingPathComponent("trainer_state.json")
        let state: State
        do { state = try JSONDecoder().decode(State.self, from: Data(contentsOf: stateURL)) } catch {
            throw NumericsError.invalidCheckpoint(path: folder.path, reason: "trainer_state.json: \(error.localizedDescription)")
        }
        let model = try SpanModel.load(folder: folder)
        let trainer = Trainer(model: model, config: state.config)
        let opt = try SafeTensors(contentsOf: folder.appendingPathComponent("optimizer.safetensors"))
        for (name, t) in [("m", trainer.optimizer.m), ("v", trainer.optimizer.v)] {
            guard opt.entries[name]?.shape == [t.count] else {
                throw NumericsError.invalidCheckpoint(path: folder.path, reason: "optimizer state '\(name)' does not match the model")
            }
            try opt.copyFloats(name, into: t.data)
        }
        trainer.optimizer.restore(step: state.optimizerStep)
        trainer.step = state.step
        trainer.rng = state.rng
        return trainer
    }
}
